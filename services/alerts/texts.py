"""The alert messages, rendered once per language (the fan-out picks one per chat in SQL).

Texts are English msgids of the gettext catalogs, translated with :func:`translate`; dates and
times are formatted with Babel in Kosovo time.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from babel.dates import format_date, format_time
from babel.numbers import format_currency

from locales import languages
from locales.translation import N_, babel_locale, translate, weekday_and_date
from services.alerts.quiet import KOSOVO
from services.areas import get_area

Rendered = dict[str, tuple[str, str | None]]  # language -> (text, buttons as JSON)
ButtonSpec = Sequence[Sequence[tuple[str, str]]]  # rows of (msgid, payload)

OUTAGE_BUTTONS: ButtonSpec = (((N_("⚡ Outages"), "cmd:outages"),),)


def when(value: datetime, language: str) -> str:
    """``Saturday, 21 November, 14:05`` in ``language``, in Kosovo time (weekday and month in
    full, as each language writes them)."""
    local = value.astimezone(KOSOVO)
    time = format_time(local, "short", locale=babel_locale(language))
    return f"{weekday_and_date(local, language)}, {time}"


def area_names(area_ids: Sequence[str], language: str) -> str:
    names = [area.name(language) if (area := get_area(a)) else a for a in area_ids]
    return ", ".join(names)


def free_text(texts: dict[str, str] | None, language: str) -> str:
    """The backend's own text (a reason, a description) in ``language``, or the nearest one."""
    if not texts:
        return ""
    base = languages.catalog_of(language)
    if base in texts:
        return languages.in_script(language, texts[base])
    return texts.get(languages.FALLBACK) or next(iter(texts.values()))


def render(build: Callable[[str], str], buttons: ButtonSpec = ()) -> Rendered:
    """``build(language)`` and the translated ``buttons`` for every language."""
    rendered: Rendered = {}
    for language in languages.CODES:
        rows = [
            [[translate(msgid, language), payload] for msgid, payload in row] for row in buttons
        ]
        rendered[language] = (
            build(language),
            json.dumps(rows, ensure_ascii=False) if rows else None,
        )
    return rendered


def _lines(*parts: str) -> str:
    return "\n".join(part for part in parts if part)


def bill_issued(code: str, amount: Decimal, currency: str, period: str, due: Any) -> Rendered:
    def build(language: str) -> str:
        locale = babel_locale(language)
        year, month = (int(p) for p in period.split("-"))
        month_name = format_date(datetime(year, month, 1), "LLLL y", locale=locale)
        return translate(
            N_("🧾 New bill for {code}: {amount} for {period}, due on {due_date}."), language
        ).format(
            code=code,
            amount=format_currency(amount, currency, locale=locale),
            period=month_name,
            due_date=format_date(due, "long", locale=locale),
        )

    return render(build, [[(N_("💳 Pay"), "cmd:pay"), (N_("🧾 My bill"), "cmd:bill")]])


def payment_received(code: str, amount: Decimal, currency: str) -> Rendered:
    def build(language: str) -> str:
        amount_text = format_currency(amount, currency, locale=babel_locale(language))
        return translate(
            N_("✅ Payment received for {code}: {amount}. Thank you!"), language
        ).format(code=code, amount=amount_text)

    return render(build)


def outage_started(
    areas: Sequence[str],
    started_at: datetime,
    restore_at: datetime | None,
    reason: dict[str, str] | None,
) -> Rendered:
    def build(language: str) -> str:
        head = translate(N_("⚡ Power outage in {areas} since {time}."), language).format(
            areas=area_names(areas, language), time=when(started_at, language)
        )
        return _lines(head, _restore_line(restore_at, language), _reason_line(reason, language))

    return render(build, OUTAGE_BUTTONS)


def outage_updated(
    areas: Sequence[str], restore_at: datetime | None, reason: dict[str, str] | None
) -> Rendered:
    def build(language: str) -> str:
        head = translate(N_("⚡ Update on the power outage in {areas}."), language).format(
            areas=area_names(areas, language)
        )
        return _lines(head, _restore_line(restore_at, language), _reason_line(reason, language))

    return render(build, OUTAGE_BUTTONS)


RESTORED_BUTTONS: ButtonSpec = (((N_("🔦 Still no power? Tell us"), "rep:start"),),)


def outage_restored(areas: Sequence[str], restored_at: datetime) -> Rendered:
    def build(language: str) -> str:
        return translate(
            N_("💡 Power is back in {areas} since {time}. Thank you for your patience."), language
        ).format(areas=area_names(areas, language), time=when(restored_at, language))

    return render(build, RESTORED_BUTTONS)


def work_scheduled(
    areas: Sequence[str], starts_at: datetime, ends_at: datetime, description: dict[str, str]
) -> Rendered:
    def build(language: str) -> str:
        head = translate(N_("🛠 Planned works in {areas}: from {start} to {end}."), language)
        return _lines(
            head.format(
                areas=area_names(areas, language),
                start=when(starts_at, language),
                end=when(ends_at, language),
            ),
            free_text(description, language),
        )

    return render(build, OUTAGE_BUTTONS)


def work_reminder(
    areas: Sequence[str], starts_at: datetime, ends_at: datetime, *, hour_before: bool
) -> Rendered:
    msgid = (
        N_("🛠 In about an hour: planned works in {areas}, from {start} to {end}.")
        if hour_before
        else N_("🛠 Reminder: planned works in {areas}, from {start} to {end}.")
    )

    def build(language: str) -> str:
        return translate(msgid, language).format(
            areas=area_names(areas, language),
            start=when(starts_at, language),
            end=when(ends_at, language),
        )

    return render(build)


def work_cancelled(areas: Sequence[str], starts_at: datetime | None) -> Rendered:
    def build(language: str) -> str:
        if starts_at is None:
            return translate(N_("✅ The planned works in {areas} are cancelled."), language).format(
                areas=area_names(areas, language)
            )
        return translate(
            N_("✅ The planned works in {areas} from {start} are cancelled."), language
        ).format(areas=area_names(areas, language), start=when(starts_at, language))

    return render(build)


def _restore_line(restore_at: datetime | None, language: str) -> str:
    if restore_at is None:
        return ""
    return translate(N_("Expected back: {time}."), language).format(time=when(restore_at, language))


def _reason_line(reason: dict[str, str] | None, language: str) -> str:
    text = free_text(reason, language)
    return translate(N_("Reason: {reason}"), language).format(reason=text) if text else ""
