"""Reading a timetable of rotating cuts from JSON (an event, the staff API, the stored row),
and writing it back. Errors name the part that is wrong (``groups[1].slots[0]``).

A slot is ``"HH:MM-HH:MM"`` in Kosovo time (an en dash is accepted too); ``24:00`` may end a
slot. Within a group, slots may not overlap (counting a slot that crosses midnight into the
next day's early slots). See :mod:`services.rotation.timetable` for what slots mean.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, time
from typing import Any

from services.customer_codes import parse_customer_code
from services.rotation.timetable import DAY_MINUTES, Group, Slot, Timetable

MAX_DAYS = 92
MAX_GROUPS = 50
MAX_SLOTS = 12
MAX_PLACES = 200
MAX_FEEDERS = 500
MAX_CODES = 5000
MAX_GROUP_ID = 32
_SLOT = re.compile(
    r"\s*([01][0-9]|2[0-4]):([0-5][0-9])\s*[-\u2013]\s*([01][0-9]|2[0-4]):([0-5][0-9])\s*"
)
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:/-]*")


class TimetableError(ValueError):
    """The timetable is malformed; ``path`` names the part (``groups[0].slots``)."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path


def parse_slot(value: Any, path: str = "slot") -> Slot:
    """``"22:00-02:00"`` as a :class:`Slot`."""
    match = _SLOT.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        raise TimetableError(path, "a slot is written HH:MM-HH:MM, for example 22:00-02:00")
    start_hour, start_minute, end_hour, end_minute = (int(part) for part in match.groups())
    if start_hour == 24 or (end_hour == 24 and end_minute):
        raise TimetableError(path, "24:00 may only end a slot")
    start = time(start_hour, start_minute)
    end = time(0, 0) if end_hour == 24 else time(end_hour, end_minute)
    if start == end and not (start == time(0, 0) and end_hour == 24):
        raise TimetableError(path, "a slot must end at another time than it starts")
    return Slot(start, end)


def _overlap(slots: tuple[Slot, ...], path: str) -> None:
    spans = sorted(slot.minutes() for slot in slots)
    spans += [(start + DAY_MINUTES, end + DAY_MINUTES) for start, end in spans]
    spans.sort()
    for (_start, end), (next_start, _end) in zip(spans, spans[1:], strict=False):
        if next_start < end:
            raise TimetableError(path, "the slots of a group overlap")


def _ids(
    value: Any,
    path: str,
    limit: int,
    read: Callable[[str], str | None],
    unknown: str = "unknown or malformed:",
) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or len(value) > limit:
        raise TimetableError(path, f"must be a list of at most {limit} ids")
    seen: list[str] = []
    for index, item in enumerate(value):
        known = read(item) if isinstance(item, str) else None
        if known is None:
            raise TimetableError(f"{path}[{index}]", f"{unknown} {str(item)[:64]!r}")
        if known not in seen:
            seen.append(known)
    return tuple(seen)


def _feeder(value: str) -> str | None:
    return value if len(value) <= 64 and _ID.fullmatch(value) else None


def _code(value: str) -> str | None:
    parsed = parse_customer_code(value[:32])
    return str(parsed.code) if parsed.code is not None else None


def parse_group(value: Any, path: str, place_exists: Callable[[str], bool]) -> Group:
    if not isinstance(value, Mapping):
        raise TimetableError(
            path, "a group is an object with id, slots and places, feeders or customer_codes"
        )
    group_id = value.get("id")
    if not isinstance(group_id, str) or len(group_id) > MAX_GROUP_ID or not _ID.fullmatch(group_id):
        raise TimetableError(f"{path}.id", f"an id of 1-{MAX_GROUP_ID} letters, digits or ._:/-")
    raw_slots = value.get("slots")
    if not isinstance(raw_slots, list) or not raw_slots or len(raw_slots) > MAX_SLOTS:
        raise TimetableError(f"{path}.slots", f"a list of 1-{MAX_SLOTS} slots")
    slots = tuple(sorted(parse_slot(s, f"{path}.slots[{i}]") for i, s in enumerate(raw_slots)))
    _overlap(slots, f"{path}.slots")
    places = _ids(
        value.get("places"),
        f"{path}.places",
        MAX_PLACES,
        lambda item: item if place_exists(item) else None,
        "unknown place id",
    )
    feeders = _ids(value.get("feeders"), f"{path}.feeders", MAX_FEEDERS, _feeder)
    codes = _ids(value.get("customer_codes"), f"{path}.customer_codes", MAX_CODES, _code)
    if not (places or feeders or codes):
        raise TimetableError(path, "a group needs places, feeders or customer_codes")
    return Group(group_id, slots, places, feeders, codes)


def parse_groups(
    value: Any, starts_on: date, ends_on: date, place_exists: Callable[[str], bool]
) -> Timetable:
    """The timetable of ``value`` (a list of groups) from ``starts_on`` to ``ends_on``."""
    if ends_on < starts_on:
        raise TimetableError("ends_on", "must not be before starts_on")
    if (ends_on - starts_on).days >= MAX_DAYS:
        raise TimetableError("ends_on", f"a timetable spans at most {MAX_DAYS} days")
    if not isinstance(value, list) or not value or len(value) > MAX_GROUPS:
        raise TimetableError("groups", f"a list of 1-{MAX_GROUPS} groups")
    groups = tuple(
        parse_group(item, f"groups[{index}]", place_exists) for index, item in enumerate(value)
    )
    ids = [group.id for group in groups]
    if len(set(ids)) != len(ids):
        raise TimetableError("groups", "two groups have the same id")
    return Timetable(starts_on, ends_on, groups)


def timetable_json(timetable: Timetable) -> dict[str, Any]:
    """The timetable as stored (and as the staff API shows it)."""
    return {
        "starts_on": timetable.starts_on.isoformat(),
        "ends_on": timetable.ends_on.isoformat(),
        "groups": [
            {
                "id": group.id,
                "slots": [slot.label() for slot in group.slots],
                "places": list(group.places),
                "feeders": list(group.feeders),
                "customer_codes": list(group.customer_codes),
            }
            for group in timetable.groups
        ],
    }


def timetable_of(data: Mapping[str, Any]) -> Timetable:
    """A stored timetable (written by :func:`timetable_json`) read back."""
    return parse_groups(
        data["groups"],
        date.fromisoformat(data["starts_on"]),
        date.fromisoformat(data["ends_on"]),
        lambda _place: True,
    )
