"""Which cuts a chat is told of: the groups that reach it, and its cuts today and tomorrow."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from services.areas import areas_of, get_area
from services.customer_codes import DISTRICTS
from services.rotation.timetable import KOSOVO, Cut, Group, Timetable, local_day_start


def expand_places(places: Iterable[str]) -> list[str]:
    """The area ids ``places`` stand for: a district, its areas; an area, itself.

    Until the place tree (services/places) and its matching (places-delivery) are merged, the
    places a chat has are area ids, so a group's places are brought down to them here."""
    found: list[str] = []
    for place in places:
        ids = [area.id for area in areas_of(place)] if place in DISTRICTS else [place]
        found += [item for item in ids if item not in found]
    return found


def reaches(group: Group, areas: Collection[str], codes: Collection[str]) -> bool:
    """Whether ``group`` aims at a chat whose codes are ``codes`` and whose areas (of its codes,
    and followed) are ``areas``."""
    if any(code in codes for code in group.customer_codes):
        return True
    return any(area in areas for area in expand_places(group.places))


def known_place(place: str) -> bool:
    """A place id a timetable may name (an area id or a district code, for now)."""
    return place in DISTRICTS or get_area(place) is not None


@dataclass(frozen=True)
class DayCut:
    """A cut as ``/outages`` says it: ``when`` is ``now`` (under way), ``today`` or
    ``tomorrow`` (the day it starts, in Kosovo)."""

    when: str
    cut: Cut


def today_and_tomorrow(timetable: Timetable, groups: set[str], now: datetime) -> list[DayCut]:
    """The cuts of ``groups`` under way at ``now`` or starting later today or tomorrow (Kosovo
    days), by start; a cut of several groups at the same time is said once."""
    today = now.astimezone(KOSOVO).date()
    until = local_day_start(today + timedelta(days=2))
    listed: list[DayCut] = []
    seen: set[tuple[datetime, datetime]] = set()
    for cut in timetable.cuts(now, until, groups):
        if (cut.starts_at, cut.ends_at) in seen:
            continue
        seen.add((cut.starts_at, cut.ends_at))
        listed.append(DayCut(_when(cut, now, today), cut))
    return listed


def _when(cut: Cut, now: datetime, today: date) -> str:
    if cut.starts_at <= now:
        return "now"
    return "today" if cut.starts_at.astimezone(KOSOVO).date() == today else "tomorrow"
