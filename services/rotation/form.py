"""A timetable's groups as staff type them on the page, a line a group:

    A: dardania, ulpiana, DPR100001, feeder:F-12 | 08:00-10:00, 22:00-02:00

the group's name, a colon, what it aims at (place ids, customer codes, ``feeder:`` ids), a bar,
and its daily slots. Read into the ``groups`` of the event, and written back from a timetable.
"""

from __future__ import annotations

from typing import Any

from services.customer_codes import parse_customer_code
from services.rotation.parse import TimetableError
from services.rotation.timetable import Timetable

FEEDER = "feeder:"


def groups_of_lines(text: str) -> list[dict[str, Any]]:
    """The groups typed in ``text`` (:class:`TimetableError` naming the line when one cannot
    be read; the group's content is checked when the event is read)."""
    groups: list[dict[str, Any]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        name, colon, rest = line.partition(":")
        aims, bar, slots = rest.partition("|")
        if not colon or not bar or not name.strip():
            raise TimetableError(f"line {number}", "write GROUP: places | HH:MM-HH:MM, ...")
        group: dict[str, Any] = {
            "id": name.strip(),
            "places": [],
            "feeders": [],
            "customer_codes": [],
        }
        for item in (part.strip() for part in aims.split(",")):
            if not item:
                continue
            if item.lower().startswith(FEEDER):
                group["feeders"].append(item[len(FEEDER) :].strip())
            elif parse_customer_code(item).code is not None:
                group["customer_codes"].append(item)
            else:
                group["places"].append(item)
        group["slots"] = [slot.strip() for slot in slots.split(",") if slot.strip()]
        groups.append(group)
    return groups


def lines_of(timetable: Timetable) -> str:
    """``timetable``'s groups as the page shows them for a change."""
    lines = []
    for group in timetable.groups:
        aims = [*group.places, *group.customer_codes, *(FEEDER + f for f in group.feeders)]
        slots = ", ".join(slot.label() for slot in group.slots)
        lines.append(f"{group.id}: {', '.join(aims)} | {slots}")
    return "\n".join(lines)
