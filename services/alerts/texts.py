"""What the alert messages are made of, rendered once per language (the fan-out picks one per
chat in SQL): dates, area names, the backend's own texts, buttons. Each event type's message is
in its module (:mod:`services.alerts.event_types`); the planned-work reminders are here.

Texts are English msgids of the gettext catalogs, translated with :func:`translate`; dates and
times are formatted with Babel in Kosovo time.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import datetime

from babel.dates import format_time

from locales import languages
from locales.grammar import extended, joined
from locales.translation import N_, babel_locale, translate, weekday_and_date
from services.alerts.quiet import KOSOVO
from services.alerts.targets import current_tree
from services.areas import get_area

Rendered = dict[str, tuple[str, str | None]]  # language -> (text, buttons as JSON)
ButtonSpec = Sequence[Sequence[tuple[str, str]]]  # rows of (msgid, payload)

OUTAGE_BUTTONS: ButtonSpec = (((N_("⚡ Outages"), "cmd:outages"),),)


def when(value: datetime, language: str) -> str:
    """``Saturday, 21 November, 14:05`` in ``language``, in Kosovo time (weekday and month in
    full, as each language writes them)."""
    local = value.astimezone(KOSOVO)
    time = format_time(local, "short", locale=babel_locale(language))
    return extended(weekday_and_date(local, language), f", {time}")


def area_names(area_ids: Sequence[str], language: str) -> str:
    """The places' names in ``language`` (an area's, else the place tree's: any level)."""
    tree = current_tree()
    names = []
    for place_id in area_ids:
        named = get_area(place_id) or tree.get(place_id)
        names.append(named.name(language) if named is not None else place_id)
    return joined(names)


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


def lines(*parts: str) -> str:
    """The non-empty ``parts``, one a line."""
    return "\n".join(part for part in parts if part)


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


def restore_line(restore_at: datetime | None, language: str) -> str:
    """``Expected back: ...`` of an outage, or nothing when no time is known."""
    if restore_at is None:
        return ""
    return translate(N_("Expected back: {time}."), language).format(time=when(restore_at, language))


def written_in(texts: dict[str, str] | None, language: str) -> str | None:
    """The language ``free_text`` takes its text from when ``texts`` lacks ``language``'s own
    (the operator wrote one or two languages), else None."""
    if not texts or languages.catalog_of(language) in texts:
        return None
    return languages.FALLBACK if languages.FALLBACK in texts else next(iter(texts))


def operator_words(texts: dict[str, str] | None, language: str) -> str:
    """Staff's or the backend's own text in ``language``; in another language when that is all
    there is, marked as written by them (``In the operator's words, in Albanian: ...``)."""
    text = free_text(texts, language)
    source = written_in(texts, language)
    if not text or source is None:
        return text
    return translate(N_("In the operator's words, {in_language}: {text}"), language).format(
        in_language=in_language(source, language), text=text
    )


def in_language(code: str, language: str) -> str:
    """``in Albanian`` (of language ``code``) as ``language`` says it: ``në anglisht``, ``на
    енглеском``."""
    names = {
        "sq": N_("in Albanian"),
        "en": N_("in English"),
        "sr": N_("in Serbian"),
    }
    return translate(names[code], language) if code in names else code


def reason_line(reason: dict[str, str] | None, language: str) -> str:
    """``Reason: ...`` of an outage in ``language``, or nothing when none is given; a reason
    the operator wrote in other languages only is given as written, marked as theirs."""
    text = free_text(reason, language)
    if not text:
        return ""
    source = written_in(reason, language)
    if source is None:
        return translate(N_("Reason: {reason}"), language).format(reason=text)
    return translate(
        N_("Reason, in the operator's words ({in_language}): {reason}"), language
    ).format(in_language=in_language(source, language), reason=text)
