"""*Earlier bills* of ``/bill``: the last 12 bills of a linked code, and a bill as a PDF.

``bills:history:<CODE>`` lists the bills; ``bills:pdf:<CODE>:<YYYY-MM>`` sends one as a PDF
(a document in Telegram, a file from a signed, short-lived address in Viber, the address in the
console). Both answer only for a code linked to this chat, as ``/bill`` does: a payload naming
another code (typed, or a button from another chat) gets no data.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from babel.dates import format_date
from babel.numbers import format_decimal

from handlers.messages import Attachment, Button, OutgoingMessage
from handlers.turn import Turn
from locales.i18n import _, babel_locale, money, period
from services.backend.base import ESTIMATED, HIGH, LOW, PERIOD_PATTERN, BillRecord
from services.backend.history import bill_document_of, bill_history_of
from services.customer_codes import parse_customer_code

PREFIX = "bills"
PDF_BUTTONS_PER_ROW = 3


def history_button(code: str, several: bool) -> Button:
    label = _("🗂 Earlier bills") if not several else _("🗂 Earlier bills – {code}")
    return Button(label.format(code=code), payload=f"{PREFIX}:history:{code}")


def _day(value: date) -> str:
    return format_date(value, "medium", locale=babel_locale())


def consumption_text(record: BillRecord) -> str:
    total = record.total_kwh
    if total is None:
        return ""
    kwh = _("{kwh} kWh").format(kwh=format_decimal(total, locale=babel_locale()))
    if HIGH in record.consumption and LOW in record.consumption:
        kwh += " " + _("(day rate {high}, night rate {low})").format(
            high=format_decimal(record.consumption[HIGH], locale=babel_locale()),
            low=format_decimal(record.consumption[LOW], locale=babel_locale()),
        )
    if record.reading == ESTIMATED:
        kwh += ", " + _("estimated reading")
    return kwh


def status_text(record: BillRecord, today: date) -> str:
    if record.paid_on is not None:
        return _("paid on {day}").format(day=_day(record.paid_on))
    if record.overdue(today):
        return _("⚠️ unpaid, it was due on {day}").format(day=_day(record.due_date))
    return _("unpaid, due on {day}").format(day=_day(record.due_date))


def record_line(record: BillRecord, today: date) -> str:
    parts = [money(record.amount, record.currency), consumption_text(record)]
    parts.append(status_text(record, today))
    return "{period}: {rest}".format(
        period=period(record.period), rest="; ".join(part for part in parts if part)
    )


def history_message(
    code: str, records: list[BillRecord], today: date, pdf_here: bool
) -> OutgoingMessage:
    if not records:
        return OutgoingMessage(
            _(
                "No earlier bills of {code} are available here. The call centre can tell you "
                "about them: 0800 791 00 (free of charge)."
            ).format(code=code)
        )
    lines = [_("🗂 The last bills of {code}, the newest first:").format(code=code), ""]
    lines += [record_line(record, today) for record in records]
    if any(record.reading == ESTIMATED for record in records):
        lines += [
            "",
            _(
                "Estimated reading: the meter was not read that month; the next real reading "
                "corrects the estimate, up or down."
            ),
        ]
    documents = [record for record in records if record.document] if pdf_here else []
    if documents:
        lines += ["", _("Press a month to get that bill as a PDF.")]
    buttons = [
        Button(f"📄 {period(record.period)}", payload=f"{PREFIX}:pdf:{code}:{record.period}")
        for record in documents
    ]
    rows = tuple(
        tuple(buttons[start : start + PDF_BUTTONS_PER_ROW])
        for start in range(0, len(buttons), PDF_BUTTONS_PER_ROW)
    )
    return OutgoingMessage("\n".join(lines), rows)


async def _linked(turn: Turn, code_text: str) -> str | None:
    """The code named by a button, if it is linked to this chat."""
    code = parse_customer_code(code_text).code
    if code is None:
        return None
    linked = await turn.deps.linking.linked_codes(turn.session, turn.chat)
    return str(code) if str(code) in linked else None


def not_linked() -> list[OutgoingMessage]:
    return [
        OutgoingMessage(
            _(
                "This customer code is not linked to this chat, so I cannot show its bills. "
                "Link it with /link."
            )
        )
    ]


def _pdf_here(turn: Turn) -> bool:
    """Whether a PDF can reach this chat: uploaded, or from a signed address."""
    return turn.deps.channels.uploads_files(turn.chat.channel) or turn.deps.files.enabled


async def on_button(turn: Turn) -> list[OutgoingMessage]:
    action, _sep, rest = turn.args.partition(":")
    code_text, _sep, month = rest.partition(":")
    code = await _linked(turn, code_text)
    if code is None:
        return not_linked()
    if action == "history":
        records = await bill_history_of(turn.deps.backend, code)
        return [history_message(code, records, date.today(), _pdf_here(turn))]
    if action == "pdf" and PERIOD_PATTERN.fullmatch(month) and _pdf_here(turn):
        return [await pdf_message(turn, code, month)]
    return []


async def pdf_message(turn: Turn, code: str, month: str) -> OutgoingMessage:
    document = await bill_document_of(turn.deps.backend, code, month)
    if document is None:
        return OutgoingMessage(
            _("The bill of {code} for {period} is not available as a PDF.").format(
                code=code, period=period(month)
            )
        )
    url = turn.deps.files.bill_url(code, month, datetime.now(UTC))
    text = _("🧾 The bill of {code} for {period}, as a PDF.").format(
        code=code, period=period(month)
    )
    attachment = Attachment(f"KESCO-{code}-{month}.pdf", "application/pdf", document, url)
    return OutgoingMessage(text, attachment=attachment)
