"""The texts of bill reminders and of the disconnection warning, rendered in every language."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from locales.translation import (
    N_,
    long_date,
    money,
    month_and_year,
    translate,
    weekday_and_date,
)
from services.alerts.texts import ButtonSpec, Rendered, lines, render

CALL_CENTRE = "0800 791 00"
PAY_BUTTONS: ButtonSpec = (((N_("💳 Pay"), "cmd:pay"), (N_("🧾 My bill"), "cmd:bill")),)
HUMAN_BUTTONS: ButtonSpec = (
    ((N_("💳 Pay"), "cmd:pay"), (N_("🧾 My bill"), "cmd:bill")),
    ((N_("👤 Talk to a person"), "cmd:human"),),
)
REMINDERS = {
    "before": N_("⏰ Reminder: the bill of {code} for {period}, {amount}, is not paid yet."),
    "due": N_("⏰ The bill of {code} for {period}, {amount}, is due today."),
    "overdue": N_("⚠️ The bill of {code} for {period}, {amount}, is overdue."),
}
PAID_ALREADY = N_("If you have already paid it, thank you: there is nothing more to do.")


def reminder_message(
    stage: str, code: str, period: str, amount: Decimal, currency: str, due: date
) -> Rendered:
    """A reminder before the due date (``before``), on it (``due``), or the notice that the
    bill is overdue (``overdue``), with the Pay and My bill buttons."""

    def build(language: str) -> str:
        values = {
            "code": code,
            "period": month_and_year(period, language),
            "amount": money(amount, currency, language),
            "due_date": long_date(due, language),
        }
        due_line = (
            N_("Due date: {due_date}.")
            if stage != "overdue"
            else N_("It was due on {due_date}. Please pay it as soon as you can.")
        )
        return lines(
            translate(REMINDERS[stage], language).format(**values),
            translate(due_line, language).format(**values),
            translate(PAID_ALREADY, language),
        )

    return render(build, PAY_BUTTONS)


def disconnection_message(
    code: str, amount: Decimal, currency: str, disconnect_after: date
) -> Rendered:
    """The warning that the supply of ``code`` may be cut off for a debt: what it is, what to
    do, and whom to call."""

    def build(language: str) -> str:
        after = datetime.combine(disconnect_after, datetime.min.time())
        return lines(
            translate(
                N_(
                    "⚠️ Warning for {code}: the supply may be disconnected for an unpaid debt of "
                    "{amount}."
                ),
                language,
            ).format(code=code, amount=money(amount, currency, language)),
            translate(N_("Disconnection is possible after {date}."), language).format(
                date=weekday_and_date(after, language)
            ),
            translate(
                N_(
                    "To avoid it, pay the debt with the button below, from any bank, without a fee."
                ),
                language,
            ),
            translate(
                N_(
                    "If you have already paid, or cannot pay it all at once, call the call "
                    "centre on {phone} (free of charge) or talk to a person here."
                ),
                language,
            ).format(phone=CALL_CENTRE),
        )

    return render(build, HUMAN_BUTTONS)
