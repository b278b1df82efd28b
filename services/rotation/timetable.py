"""A timetable of rotating cuts, and the instants its slots stand for (pure: no I/O, no clock).

When supply is short, the power is cut by turns: each *group* (places, feeders or customer
codes) is without power in its *slots*, wall-clock times in Kosovo (Europe/Belgrade), every day
from ``starts_on`` to ``ends_on`` (both included). A slot ``22:00-02:00`` crosses midnight: it
starts on its day and ends on the next; ``22:00-24:00`` (or ``22:00-00:00``) ends at midnight;
``00:00-24:00`` is the whole day. A slot belongs to the day it starts on, so the last day's
``22:00-02:00`` ends on the morning after ``ends_on``.

Days on which the clocks change (daylight saving time) follow the wall clock, as people do:

* **Spring forward** (the last Sunday of March, 02:00 -> 03:00): a time in the skipped hour
  (02:00-02:59) does not exist; it means 03:00, the moment the clocks have jumped. A slot
  ``01:00-04:00`` lasts two hours that day; one wholly inside the skipped hour
  (``02:15-02:45``) does not happen.
* **Fall back** (the last Sunday of October, 03:00 -> 02:00): a time in the repeated hour
  (02:00-02:59) means its first occurrence (still summer time). A slot ``00:00-04:00`` lasts
  five hours that day.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

KOSOVO = ZoneInfo("Europe/Belgrade")
MIDNIGHT = time(0, 0)
DAY_MINUTES = 24 * 60


@dataclass(frozen=True, order=True)
class Slot:
    """A daily cut from ``start`` to ``end``, Kosovo wall-clock times; an ``end`` not after
    ``start`` is on the next day (``end`` at 00:00 is the midnight that ends the day)."""

    start: time
    end: time

    @property
    def crosses_midnight(self) -> bool:
        return self.end <= self.start

    def minutes(self) -> tuple[int, int]:
        """Start and end in minutes from the start of its day (end up to 2 x 1440)."""
        start = self.start.hour * 60 + self.start.minute
        end = self.end.hour * 60 + self.end.minute
        return start, end + DAY_MINUTES if self.crosses_midnight else end

    def label(self) -> str:
        """``22:00-02:00`` (``24:00`` for the midnight that ends a slot)."""
        end = "24:00" if self.end == MIDNIGHT else f"{self.end:%H:%M}"
        return f"{self.start:%H:%M}-{end}"

    def on(self, day: date) -> tuple[datetime, datetime]:
        """The slot of ``day``: when the power goes and comes back, in UTC (equal when the
        slot falls wholly in the hour skipped in spring)."""
        start = local_instant(day, self.start)
        end_day = day + timedelta(days=1) if self.crosses_midnight else day
        return start, max(start, local_instant(end_day, self.end))


@dataclass(frozen=True)
class Group:
    """One group of the rotation: whom it aims at (as outage events do: place ids of any
    level, feeder or transformer-station ids, customer codes) and its daily slots."""

    id: str
    slots: tuple[Slot, ...]
    places: tuple[str, ...] = ()
    feeders: tuple[str, ...] = ()
    customer_codes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Cut:
    """One cut of one group: the local ``day`` its slot belongs to, and its instants (UTC)."""

    group: str
    day: date
    slot: Slot
    starts_at: datetime
    ends_at: datetime


@dataclass(frozen=True)
class Timetable:
    """Groups and their daily slots, every day from ``starts_on`` to ``ends_on``."""

    starts_on: date
    ends_on: date
    groups: tuple[Group, ...]

    def group(self, group_id: str) -> Group | None:
        return next((group for group in self.groups if group.id == group_id), None)

    def cuts(self, since: datetime, until: datetime, groups: set[str] | None = None) -> list[Cut]:
        """The cuts under way at some moment of ``[since, until)`` (of ``groups`` only, if
        given), by start."""
        first = max(self.starts_on, since.astimezone(KOSOVO).date() - timedelta(days=1))
        last = min(self.ends_on, until.astimezone(KOSOVO).date())
        found = [
            cut
            for cut in self._cuts_on_days(first, last, groups)
            if cut.ends_at > since and cut.starts_at < until
        ]
        return sorted(found, key=lambda cut: (cut.starts_at, cut.group))

    def starting(self, after: datetime, up_to: datetime) -> list[Cut]:
        """The cuts that start in ``(after, up_to]``, by start (what a reminder run looks at)."""
        return [
            cut
            for cut in self.cuts(after, up_to + timedelta(seconds=1))
            if after < cut.starts_at <= up_to
        ]

    def first_start(self) -> datetime | None:
        cuts = list(self._cuts_on_days(self.starts_on, self.starts_on + timedelta(days=1), None))
        return min((cut.starts_at for cut in cuts), default=None)

    def last_end(self) -> datetime | None:
        cuts = list(self._cuts_on_days(self.ends_on, self.ends_on, None))
        return max((cut.ends_at for cut in cuts), default=None)

    def _cuts_on_days(self, first: date, last: date, groups: set[str] | None) -> Iterator[Cut]:
        day = first
        while day <= last:
            for group in self.groups:
                if groups is not None and group.id not in groups:
                    continue
                for slot in group.slots:
                    starts_at, ends_at = slot.on(day)
                    if ends_at > starts_at:
                        yield Cut(group.id, day, slot, starts_at, ends_at)
            day += timedelta(days=1)


def local_instant(day: date, wall: time) -> datetime:
    """The UTC instant of wall-clock ``wall`` on ``day`` in Kosovo: in the hour skipped in
    spring, the moment the clocks jump (03:00); in the hour repeated in autumn, its first
    occurrence."""
    naive = datetime.combine(day, wall)
    for _minute in range(24 * 60):
        if _exists(naive):
            return naive.replace(tzinfo=KOSOVO, fold=0).astimezone(UTC)
        naive = (naive + timedelta(minutes=1)).replace(second=0, microsecond=0)
    raise ValueError(f"no wall-clock time after {day} {wall} exists")  # pragma: no cover


def _exists(naive: datetime) -> bool:
    aware = naive.replace(tzinfo=KOSOVO, fold=0)
    return aware.astimezone(UTC).astimezone(KOSOVO).replace(tzinfo=None) == naive


def local_day_start(day: date) -> datetime:
    """The UTC instant Kosovo's ``day`` starts."""
    return local_instant(day, MIDNIGHT)
