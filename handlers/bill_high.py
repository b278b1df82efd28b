""" "Why is my bill so high?" (``intent:bill-high``, or the button under the consumption chart),
answered for each code linked to the chat from its own bill history, only with what the data
shows (:mod:`services.usage.explain`), and saying so where the data is missing: this bill
against the one before and the same month a year earlier, the days each covers, an estimated
reading followed by a real one, the share used at the expensive day rate when the meter splits
it. Then what the customer can do: report the meter's reading, ask for a check of the bill,
talk to a person (:mod:`handlers.bill_actions`). A backend that keeps no history (an older
one) gets a polite answer with the call centre.

Buttons: ``usage:why`` (every linked code) and ``usage:why:<CODE>`` (one, if linked here), and
the actions of :mod:`handlers.bill_actions`.
"""

from __future__ import annotations

from decimal import Decimal

from handlers import bill_actions, keyboards
from handlers.accounts import on_accounts
from handlers.messages import Button, OutgoingMessage
from handlers.turn import Turn
from handlers.usage import kwh
from locales.i18n import _, day, money, ngettext, period
from services.backend.base import COMPARISON_LENGTH, BillRecord
from services.backend.history import bill_history_of
from services.usage.explain import BillFacts, bill_facts
from services.usage.series import month_back


def _kwh(record: BillRecord) -> str:
    total = record.total_kwh
    return _("{kwh} kWh").format(kwh=kwh(total)) if total is not None else ""


def _compare_kwh(change: int, before: Decimal, when: str) -> str:
    if change > 0:
        text = _("Consumption: {n}% more than in {period} ({kwh} kWh then).")
    elif change < 0:
        text = _("Consumption: {n}% less than in {period} ({kwh} kWh then).")
    else:
        text = _("Consumption: as much as in {period} ({kwh} kWh then).")
    return text.format(n=abs(change), period=when, kwh=kwh(before))


def _against_previous(facts: BillFacts) -> list[str]:
    latest, previous = facts.latest, facts.previous
    if previous is None:
        return [
            _("The bill of {period} is not available here, so I cannot compare with it.").format(
                period=period(month_back(latest.period, 1))
            )
        ]
    lines = []
    if facts.amount_change is not None and facts.amount_change <= 0:
        lines.append(
            _("This bill is not higher than the one before: {amount} for {period}.").format(
                amount=money(previous.amount, previous.currency), period=period(previous.period)
            )
        )
    else:
        lines.append(
            _("The bill before it, for {period}, was {amount}.").format(
                period=period(previous.period), amount=money(previous.amount, previous.currency)
            )
        )
    before = previous.total_kwh
    if facts.kwh_change is not None and before is not None:
        lines.append(_compare_kwh(facts.kwh_change, before, period(previous.period)))
    return lines


def _against_year_before(facts: BillFacts) -> list[str]:
    last_year = month_back(facts.latest.period, 12)
    year_before = facts.year_before
    if year_before is None or year_before.total_kwh is None or facts.year_kwh_change is None:
        return [
            _(
                "The bill of {period} is not available here, so I cannot compare with the "
                "same month a year earlier."
            ).format(period=period(last_year))
        ]
    lines = [_compare_kwh(facts.year_kwh_change, year_before.total_kwh, period(last_year))]
    rise = facts.seasonal_rise
    if rise is not None and (facts.kwh_change or 0) > 0:
        lines.append(
            _(
                "A year earlier too, your consumption rose in {month}: {n}% more than the "
                "month before it."
            ).format(month=period(last_year), n=rise)
        )
    return lines


def _days(facts: BillFacts) -> list[str]:
    latest, previous = facts.latest, facts.previous
    if latest.days is None or latest.period_start is None or latest.period_end is None:
        return [_("The bill does not say which days it covers.")]
    line = ngettext(
        "This bill covers {n} day ({start} – {end}).",
        "This bill covers {n} days ({start} – {end}).",
        latest.days,
    ).format(n=latest.days, start=day(latest.period_start), end=day(latest.period_end))
    if previous is not None and previous.days is not None and previous.days != latest.days:
        line += " " + ngettext(
            "The one before covered {n} day.", "The one before covered {n} days.", previous.days
        ).format(n=previous.days)
        if facts.longer_period:
            line += " " + _("More days mean more kWh on the bill.")
    return [line]


def _readings(facts: BillFacts) -> list[str]:
    lines = []
    if facts.catch_up and facts.previous is not None:
        lines.append(
            _(
                "The bill of {period} was based on an estimated reading ({kwh}), and this one "
                "on a real reading of your meter. A real reading corrects the estimate: if the "
                "estimate was too low, what it left out is billed now."
            ).format(period=period(facts.previous.period), kwh=_kwh(facts.previous))
        )
    if facts.estimated:
        lines.append(
            _(
                "This bill is based on an estimated reading, not on a reading of your meter. "
                "The next real reading corrects it, up or down. If you can read your meter, "
                "report the reading."
            )
        )
    return lines


def _tariff(facts: BillFacts) -> list[str]:
    shares = facts.high_shares
    if shares is None:
        return []
    now, before = shares
    if before is None:
        line = _("{n}% of this bill's kWh were used at the day rate, the more expensive one.")
        return [line.format(n=now)]
    line = _(
        "{n}% of this bill's kWh were used at the day rate, the more expensive one; in the "
        "bill before, {before}%."
    ).format(n=now, before=before)
    if facts.high_share_rose:
        line += " " + _("What you use at night, at the lower rate, costs less.")
    return [line]


def explanation(facts: BillFacts) -> OutgoingMessage:
    """What the history of one code shows about its latest bill, and what can be done."""
    latest = facts.latest
    head = _("🔎 The bill of {code} for {period}: {amount}").format(
        code=facts.code, period=period(latest.period), amount=money(latest.amount, latest.currency)
    )
    if latest.total_kwh is not None:
        head += ", " + _kwh(latest)
    else:
        head += ". " + _("The bill does not say how many kWh it is for.")
    points = [
        *_against_previous(facts),
        *_against_year_before(facts),
        *_days(facts),
        *_readings(facts),
        *_tariff(facts),
    ]
    lines = [head, "", *(f"• {point}" for point in points), "", bill_actions.advice()]
    return OutgoingMessage("\n".join(lines), bill_actions.rows(facts.code, latest.period))


def no_history(code: str) -> OutgoingMessage:
    text = _(
        "I cannot see the earlier bills of {code} here, so I cannot tell what changed. The "
        "call centre can go through the bill with you:"
    ).format(code=code)
    return OutgoingMessage(
        text + "\n" + keyboards.contacts_text(),
        ((Button(_("👤 Talk to a person"), payload="cmd:human"),),),
    )


async def explain_code(turn: Turn, code: str) -> OutgoingMessage:
    records = await bill_history_of(turn.deps.backend, code, COMPARISON_LENGTH)
    facts = bill_facts(code, records)
    return explanation(facts) if facts is not None else no_history(code)


async def on_bill_high(turn: Turn) -> list[OutgoingMessage]:
    """Every linked code's explanation; a chat without codes is asked to link one."""
    codes = await turn.deps.linking.linked_codes(turn.session, turn.chat)
    if not codes:
        return await on_accounts(turn)
    return [await explain_code(turn, code) for code in codes]


async def on_button(turn: Turn) -> list[OutgoingMessage]:
    """``usage:why[:<CODE>]``, ``usage:reading:<CODE>``, ``usage:check:<CODE>:<YYYY-MM>``."""
    action, _sep, rest = turn.args.partition(":")
    code_text, _sep, month = rest.partition(":")
    if action == "why" and not code_text:
        return await on_bill_high(turn)
    code = await bill_actions.linked(turn, code_text)
    if code is None:
        return bill_actions.not_linked()
    if action == "why":
        return [await explain_code(turn, code)]
    if action == "reading":
        return bill_actions.ask_reading(turn, code)
    if action == "check":
        return await bill_actions.ask_check(turn, code, month)
    return []
