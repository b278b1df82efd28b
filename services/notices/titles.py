"""Names people read on the staff page and in ``/notice``: a notice's title (its kind, areas and
time) and short times in Kosovo time, in the reader's language."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from babel.dates import format_date, format_time

from locales.grammar import extended, joined
from locales.translation import N_, babel_locale, translate
from services.alerts.quiet import KOSOVO
from services.areas import get_area
from services.db.types import utcnow
from services.places.in_use import place_tree

KIND_NAMES = {"outage": N_("Outage"), "planned_work": N_("Planned works")}
MAX_NAMED_AREAS = 3


def short_time(value: datetime, language: str, now: datetime | None = None) -> str:
    """``today 14:05``, ``yesterday 23:10``, ``tomorrow 08:00`` or ``Sat 21 Nov, 14:05`` (with
    the year when it is not this year), in Kosovo time and ``language``."""
    local = value.astimezone(KOSOVO)
    today = (now or utcnow()).astimezone(KOSOVO).date()
    locale = babel_locale(language)
    clock = format_time(local, "HH:mm", locale=locale)
    days = (local.date() - today).days
    if days == 0:
        return translate(N_("today {time}"), language).format(time=clock)
    if days == -1:
        return translate(N_("yesterday {time}"), language).format(time=clock)
    if days == 1:
        return translate(N_("tomorrow {time}"), language).format(time=clock)
    pattern = "EEE d MMM" if local.year == today.year else "EEE d MMM y"
    return f"{format_date(local, pattern, locale=locale)}, {clock}"


def area_list(area_ids: Sequence[str], language: str, limit: int = MAX_NAMED_AREAS) -> str:
    """``Dardania, Ulpiana, Sunny Hill +2``: the first areas (or places of any level) by name,
    and how many more."""
    tree = place_tree()
    names = [
        named.name(language) if (named := get_area(a) or tree.get(a)) is not None else a
        for a in area_ids
    ]
    if len(names) <= limit:
        return joined(names)
    return extended(joined(names[:limit]), f" +{len(names) - limit}")


def kind_name(kind: str, language: str) -> str:
    return translate(KIND_NAMES.get(kind, KIND_NAMES["outage"]), language)


def notice_title(
    kind: str,
    area_ids: Sequence[str],
    starts_at: datetime,
    language: str,
    now: datetime | None = None,
) -> str:
    """``Outage · Dardania, Ulpiana · today 14:05``."""
    return " · ".join(
        (
            kind_name(kind, language),
            area_list(area_ids, language),
            short_time(starts_at, language, now),
        )
    )
