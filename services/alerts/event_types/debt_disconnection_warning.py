"""``debt.disconnection_warning``: the supply of a customer code may be cut off for a debt,
told to every chat linked to it, with what to do and whom to call (not switchable: it is the
notice the customer must get). It waits for the morning in quiet hours; a payment for the code
cancels it while it is still queued (the backend warns again if a debt remains)."""

from __future__ import annotations

from datetime import datetime

from services.alerts import fanout, quiet
from services.alerts import plan as p
from services.alerts.bill_texts import disconnection_message
from services.alerts.event_types.definition import EventType
from services.alerts.event_types.fields import AMOUNT, CURRENCY, CUSTOMER_CODE, DAY, Field
from services.alerts.event_types.parsed import ParsedEvent
from services.alerts.event_types.step import Step
from services.alerts.quiet import KOSOVO


async def apply(step: Step) -> str:
    fields = step.event.fields
    code = fields["customer_code"]
    if not await step.anyone_linked(code):
        return "recorded"
    if fields["disconnect_after"] < step.now.astimezone(KOSOVO).date():
        return "recorded"  # a warning for a day already past warns of nothing
    rendered = disconnection_message(
        code, fields["amount"], fields["currency"], fields["disconnect_after"]
    )
    alert = step.alert("single", rendered, fanout.SOON, quiet.WAIT)
    step.queue(alert, p.code(code))
    return "applied"


def reach(event: ParsedEvent, now: datetime) -> list[p.Condition]:
    return [p.code(event.fields["customer_code"])]


def warning_subject(code: str) -> str:
    """What disconnection warnings of ``code`` are about in the outbox."""
    return f"debt:{code}"


TYPE = EventType(
    "debt.disconnection_warning",
    "The supply of a customer code may be disconnected for an unpaid debt",
    fields=(
        Field("customer_code", CUSTOMER_CODE, "the customer in debt"),
        Field("amount", AMOUNT, "the debt"),
        Field("currency", CURRENCY, "the currency of amount"),
        Field("disconnect_after", DAY, "the day after which the supply may be disconnected"),
    ),
    subject="debt:{customer_code}",
    apply=apply,
    reach=reach,
)
