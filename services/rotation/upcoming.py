"""A chat's cuts today and tomorrow, as ``/outages`` says them (which groups reach a chat:
:mod:`services.alerts.rotation_audience`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from services.rotation.timetable import KOSOVO, Cut, Timetable, local_day_start


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
