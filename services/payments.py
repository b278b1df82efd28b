"""Payment links: the supplier's payment page for a customer code and amount."""

from __future__ import annotations

from decimal import Decimal
from urllib.parse import quote


class PaymentLinks:
    """Fills the ``KESCO_PAYMENT_URL`` template's ``{code}`` and ``{amount}``."""

    def __init__(self, template: str) -> None:
        if "{code}" not in template:
            raise ValueError("payment URL template needs {code}")
        self._template = template

    def url(self, code: str, amount: Decimal | None = None) -> str:
        amount_text = f"{amount:.2f}" if amount is not None else ""
        return self._template.format(code=quote(code, safe=""), amount=quote(amount_text))
