"""Reading a money amount as people type it: ``42.50``, ``42,50``, ``€ 42.5``, ``42.50 EUR``."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_NOISE = re.compile(r"(?i)\s|€|eur(o)?|euro|евра?|евро")
_SHAPE = re.compile(r"^[0-9]{1,7}([.,][0-9]{1,2})?$")  # ASCII digits only


def parse_amount(text: str) -> Decimal | None:
    """The amount in ``text`` with two decimals, or None when it is not a plain amount."""
    compact = _NOISE.sub("", text)
    if not _SHAPE.match(compact):
        return None
    try:
        return Decimal(compact.replace(",", ".")).quantize(Decimal("0.01"))
    except InvalidOperation:
        return None
