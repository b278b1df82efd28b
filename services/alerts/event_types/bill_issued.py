"""``bill.issued``: a new bill for a customer code, told to the chats linked to it, and kept
for its reminders (:mod:`services.alerts.bill_reminders`)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_currency

from locales.translation import N_, babel_locale, translate
from services.alerts import bill_reminders, fanout, quiet
from services.alerts import plan as p
from services.alerts.event_types.definition import EventType
from services.alerts.event_types.fields import AMOUNT, CURRENCY, CUSTOMER_CODE, DAY, PERIOD, Field
from services.alerts.event_types.parsed import ParsedEvent
from services.alerts.event_types.step import Step
from services.alerts.texts import ButtonSpec, Rendered, render

BUTTONS: ButtonSpec = (((N_("💳 Pay"), "cmd:pay"), (N_("🧾 My bill"), "cmd:bill")),)


def message(code: str, amount: Decimal, currency: str, period: str, due: date) -> Rendered:
    def build(language: str) -> str:
        locale = babel_locale(language)
        year, month = (int(part) for part in period.split("-"))
        month_name = format_date(datetime(year, month, 1), "LLLL y", locale=locale)
        return translate(
            N_("🧾 New bill for {code}: {amount} for {period}, due on {due_date}."), language
        ).format(
            code=code,
            amount=format_currency(amount, currency, locale=locale),
            period=month_name,
            due_date=format_date(due, "long", locale=locale),
        )

    return render(build, BUTTONS)


async def apply(step: Step) -> str:
    fields = step.event.fields
    code = fields["customer_code"]
    await bill_reminders.record_bill(
        step.session,
        code,
        fields["period"],
        fields["amount"],
        fields["currency"],
        fields["due_date"],
        step.now,
    )
    if not await step.anyone_linked(code):
        return "recorded"
    rendered = message(
        code, fields["amount"], fields["currency"], fields["period"], fields["due_date"]
    )
    alert = step.alert("single", rendered, fanout.ROUTINE, quiet.WAIT)
    step.queue(alert, p.code(code), p.wants("bills"))
    return "applied"


def reach(event: ParsedEvent, now: datetime) -> list[p.Condition]:
    return [p.code(event.fields["customer_code"]), p.wants("bills")]


TYPE = EventType(
    "bill.issued",
    "A new bill for a customer code",
    fields=(
        Field("customer_code", CUSTOMER_CODE, "the customer the bill is for"),
        Field("amount", AMOUNT, "the amount to pay"),
        Field("currency", CURRENCY, "the currency of amount"),
        Field("period", PERIOD, "the month billed"),
        Field("due_date", DAY, "the day it is due"),
    ),
    subject="customer:{customer_code}",
    apply=apply,
    reach=reach,
)
