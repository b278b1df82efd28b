"""``/bill``: the latest bill of every code linked to the chat, with *Earlier bills* for each
code that has one (:mod:`handlers.bill_history`), the consumption chart (``/usage``) and
*Why is my bill so high?* (:mod:`handlers.bill_high`)."""

from __future__ import annotations

from datetime import date

from handlers import keyboards
from handlers.accounts import on_accounts
from handlers.bill_history import history_button
from handlers.messages import Button, OutgoingMessage
from handlers.turn import Turn
from handlers.usage import usage_button, why_button_all
from locales.i18n import _, day, money, period
from services.backend import Bill


def bill_text(bill: Bill, today: date) -> str:
    if bill.paid:
        status = _("✅ paid")
    elif bill.overdue(today):
        status = _("⚠️ overdue")
    else:
        status = _("unpaid")
    return "\n".join(
        (
            _("Bill of {code} for {period}").format(
                code=bill.customer_code, period=period(bill.period)
            ),
            _("Amount: {amount}").format(amount=money(bill.amount, bill.currency)),
            _("Due date: {date}").format(date=day(bill.due_date)),
            _("Status: {status}").format(status=status),
        )
    )


async def on_bill(turn: Turn) -> list[OutgoingMessage]:
    codes = await turn.deps.linking.linked_codes(turn.session, turn.chat)
    if not codes:
        return await on_accounts(turn)
    today = date.today()
    parts: list[str] = []
    unpaid = False
    billed: list[str] = []
    for code in codes:
        bill = await turn.deps.backend.latest_bill(code)
        if bill is None:
            parts.append(_("{code}: no bill has been issued yet.").format(code=code))
            continue
        unpaid = unpaid or not bill.paid
        billed.append(code)
        parts.append(bill_text(bill, today))
    rows: list[tuple[Button, ...]] = []
    if unpaid:
        rows.append((keyboards.command_button(_("💳 Pay"), "pay"),))
    history = [history_button(code, len(billed) > 1) for code in billed]
    rows += [tuple(history[start : start + 2]) for start in range(0, len(history), 2)]
    if billed:
        rows.append((usage_button(), why_button_all()))
    return [OutgoingMessage("\n\n".join(parts), tuple(rows))]
