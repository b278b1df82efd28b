"""``/pay``: a payment link for every linked code with an unpaid bill."""

from __future__ import annotations

from handlers.accounts import on_accounts
from handlers.messages import Button, OutgoingMessage
from handlers.turn import Turn
from locales.i18n import _, money


async def on_pay(turn: Turn) -> list[OutgoingMessage]:
    codes = await turn.deps.linking.linked_codes(turn.session, turn.chat)
    if not codes:
        return await on_accounts(turn)
    rows: list[tuple[Button, ...]] = []
    for code in codes:
        bill = await turn.deps.backend.latest_bill(code)
        if bill is None or bill.paid:
            continue
        label = _("Pay {amount} – {code}").format(
            amount=money(bill.amount, bill.currency), code=code
        )
        rows.append((Button(label, url=turn.deps.payments.url(code, bill.amount)),))
    if not rows:
        return [OutgoingMessage(_("All bills of your linked codes are paid. Thank you!"))]
    text = _("Pay on the payment page. You can pay from any bank, without a fee.")
    return [OutgoingMessage(text, tuple(rows))]
