"""``payment.received``: a payment for a customer code, told to the chats linked to it. It
settles the bills it covers and cancels, at once, the bill reminders and disconnection
warnings still queued about the code (:mod:`services.alerts.bill_reminders`)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from babel.numbers import format_currency

from locales.translation import N_, babel_locale, translate
from services.alerts import bill_reminders, fanout, outbox, quiet
from services.alerts import plan as p
from services.alerts.event_types.definition import EventType
from services.alerts.event_types.fields import AMOUNT, CURRENCY, CUSTOMER_CODE, Field
from services.alerts.event_types.parsed import ParsedEvent
from services.alerts.event_types.step import Step
from services.alerts.texts import Rendered, render


def message(code: str, amount: Decimal, currency: str) -> Rendered:
    def build(language: str) -> str:
        amount_text = format_currency(amount, currency, locale=babel_locale(language))
        return translate(
            N_("✅ Payment received for {code}: {amount}. Thank you!"), language
        ).format(code=code, amount=amount_text)

    return render(build)


async def apply(step: Step) -> str:
    fields = step.event.fields
    code = fields["customer_code"]
    await bill_reminders.record_payment(step.session, code, fields["amount"], step.now)
    await outbox.cancel_queued(step.session, f"debt:{code}")
    if not await step.anyone_linked(code):
        return "recorded"
    rendered = message(code, fields["amount"], fields["currency"])
    alert = step.alert("single", rendered, fanout.ROUTINE, quiet.SILENT)
    step.queue(alert, p.code(code), p.wants("payments"))
    return "applied"


def reach(event: ParsedEvent, now: datetime) -> list[p.Condition]:
    return [p.code(event.fields["customer_code"]), p.wants("payments")]


TYPE = EventType(
    "payment.received",
    "A payment received for a customer code",
    fields=(
        Field("customer_code", CUSTOMER_CODE, "the customer who paid"),
        Field("amount", AMOUNT, "the amount paid"),
        Field("currency", CURRENCY, "the currency of amount"),
    ),
    subject="customer:{customer_code}",
    apply=apply,
    reach=reach,
)
