"""``/usage``: the consumption of each code linked to the chat, as a chart of the last 12 months
beside the same months a year earlier, with the numbers written in the caption (for those who
cannot see the picture), and *Why is my bill so high?* (:mod:`handlers.bill_high`).

Only codes linked to this chat (proved here, or given by a chat that proved them, as ``/bill``
shows them) are drawn; a chat without codes is asked to link one. The picture goes where it can
reach the chat: uploaded (Telegram), or from a signed, short-lived address of the bot's web
server (Viber); elsewhere (the console without a public address) the caption alone is sent.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from babel.numbers import format_decimal, format_percent

from handlers.accounts import on_accounts
from handlers.bill_history import history_button
from handlers.messages import Attachment, Button, OutgoingMessage
from handlers.turn import Turn
from locales.i18n import _, babel_locale, current_language, period
from services.backend.base import COMPARISON_LENGTH, BillRecord
from services.backend.history import bill_history_of
from services.usage.explain import percent_change
from services.usage.picture import FILENAME, MIME_TYPE, chart_png
from services.usage.series import UsageSeries, usage_series

PREFIX = "usage"
NO_FIGURE = "–"


def usage_button() -> Button:
    return Button(_("📈 Consumption"), payload="cmd:usage")


def why_button_all() -> Button:
    """*Why so high?* for every code linked to the chat."""
    return Button(_("❓ Why so high?"), payload=f"{PREFIX}:why")


def why_button(code: str, several: bool) -> Button:
    label = _("❓ Why is my bill so high?") if not several else _("❓ Why so high? – {code}")
    return Button(label.format(code=code), payload=f"{PREFIX}:why:{code}")


def kwh(value: Decimal) -> str:
    return format_decimal(value.quantize(Decimal(1)), locale=babel_locale())


def _figure(value: Decimal | None) -> str:
    return kwh(value) if value is not None else NO_FIGURE


def _change(now: Decimal | None, before: Decimal | None) -> str:
    change = percent_change(now, before)
    if change is None:
        return ""
    return " ({change})".format(
        change=format_percent(change / 100, "+#,##0%;-#,##0%", locale=babel_locale())
    )


def usage_caption(series: UsageSeries) -> str:
    """The chart's numbers, written out: one month a line, the year before in brackets."""
    lines = [_("📈 {code}: electricity used, kWh per month").format(code=series.code)]
    if series.has_year_before:
        lines.append(_("In brackets: the same month a year earlier."))
    lines.append("")
    for month in series.months:
        line = f"{period(month.period)}: {_figure(month.kwh)}"
        if series.has_year_before:
            line += f" ({_figure(month.year_before_kwh)})"
        if month.estimated:
            line += ", " + _("estimated reading")
        lines.append(line)
    lines.append("")
    total, before = series.total(), series.year_before_total()
    if total is not None and before is not None:
        lines.append(
            _("12 months: {kwh} kWh; a year earlier: {before} kWh{change}.").format(
                kwh=kwh(total), before=kwh(before), change=_change(total, before)
            )
        )
    elif total is not None:
        lines.append(_("12 months: {kwh} kWh.").format(kwh=kwh(total)))
    if any(month.kwh is None for month in series.months) or (
        series.has_year_before and any(m.year_before_kwh is None for m in series.months)
    ):
        lines.append(_("{dash}: no bill of that month is available here.").format(dash=NO_FIGURE))
    if not series.has_year_before:
        lines.append(_("The bills of a year earlier are not available here."))
    return "\n".join(lines)


def _no_usage(code: str, records: list[BillRecord]) -> OutgoingMessage:
    if records:
        text = _(
            "The bills of {code} do not say how many kWh were used, so I cannot draw the "
            "consumption. The call centre can tell you: 0800 791 00 (free of charge)."
        )
    else:
        text = _(
            "No earlier bills of {code} are available here. The call centre can tell you "
            "about them: 0800 791 00 (free of charge)."
        )
    return OutgoingMessage(text.format(code=code))


def picture_reaches(turn: Turn) -> bool:
    """Whether a picture can reach this chat: uploaded, or from a signed address."""
    return turn.deps.channels.uploads_files(turn.chat.channel) or turn.deps.files.enabled


async def usage_message(
    turn: Turn, code: str, records: list[BillRecord], several: bool
) -> OutgoingMessage:
    """The chart of ``code`` with its numbers as the caption (or the caption alone)."""
    series = usage_series(code, records)
    if series is None:
        return _no_usage(code, records)
    buttons = ((why_button(code, several), history_button(code, several)),)
    attachment = None
    if picture_reaches(turn):
        language = current_language()
        picture = await chart_png(series, language)
        url = turn.deps.files.usage_url(code, language, datetime.now(UTC))
        attachment = Attachment(FILENAME.format(code=code), MIME_TYPE, picture, url)
    return OutgoingMessage(usage_caption(series), buttons, attachment=attachment)


async def on_usage(turn: Turn) -> list[OutgoingMessage]:
    codes = await turn.deps.linking.linked_codes(turn.session, turn.chat)
    if not codes:
        return await on_accounts(turn)
    replies = []
    for code in codes:
        records = await bill_history_of(turn.deps.backend, code, COMPARISON_LENGTH)
        replies.append(await usage_message(turn, code, records, len(codes) > 1))
    return replies
