"""The board and the reports page grouped by municipality, then place (issue 23): each row (an
outage or planned work, an area's or place's reports of no power) under the municipality its
places are in, or under its district when they are in several municipalities or above one;
groups with the most first (chats reached, reports), rows likewise inside a group.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from locales.i18n import current_language
from services.areas import district_name
from services.notices.board import BoardItem
from services.places.in_use import place_tree
from services.places.tree import PlaceTree
from services.power_reports import AreaReports

Row = TypeVar("Row")


@dataclass
class PlaceGroup(Generic[Row]):
    """The rows of one municipality (``level`` ``municipality``) or, for rows that span several
    or name a whole district, of one district (``district``); ``count`` is theirs together."""

    id: str
    level: str
    name: str
    count: float = 0
    urgent: bool = False
    rows: list[Row] = field(default_factory=list)


def municipality_of(place_ids: Sequence[str], tree: PlaceTree) -> str | None:
    """The one municipality all of ``place_ids`` are in (None: several, or none)."""
    found = {m.id if (m := tree.up_to(p, "municipality")) else None for p in place_ids}
    return found.pop() if len(found) == 1 else None


def grouped(
    rows: Iterable[Row],
    places: Callable[[Row], Sequence[str]],
    district: Callable[[Row], str | None],
    count: Callable[[Row], float],
    urgent: Callable[[Row], bool] = lambda row: False,
) -> list[PlaceGroup[Row]]:
    """``rows`` by municipality (else district): urgent groups first, then the largest count;
    inside a group, urgent rows first, then by count."""
    tree = place_tree()
    language = current_language()
    groups: dict[str, PlaceGroup[Row]] = {}
    for row in rows:
        municipality = municipality_of(places(row), tree)
        place = tree.get(municipality) if municipality else None
        if place is not None:
            key, level, name = place.id, "municipality", place.plain_name(language)
        else:
            code = district(row) or ""
            key, level, name = code, "district", district_name(code, language) if code else "—"
        group = groups.setdefault(key, PlaceGroup(key, level, name))
        group.rows.append(row)
        group.count += count(row)
        group.urgent = group.urgent or urgent(row)
    for group in groups.values():
        group.rows.sort(key=lambda row: (not urgent(row), -count(row)))
    return sorted(groups.values(), key=lambda g: (not g.urgent, -g.count, g.name))


def reports_by_municipality(rows: Iterable[AreaReports]) -> list[PlaceGroup[AreaReports]]:
    """Reports of no power by municipality, then place; warnings first, then most reports."""
    return grouped(
        rows,
        lambda row: (row.area_id,),
        lambda row: row.district,
        lambda row: row.count,
        lambda row: row.warning,
    )


def board_by_municipality(items: Iterable[BoardItem]) -> list[PlaceGroup[BoardItem]]:
    """The board's outages and planned works by municipality; outages first in a group, then
    most chats reached; groups with an outage first, then most chats reached."""
    return grouped(
        items,
        lambda item: item.areas,
        lambda item: item.district,
        lambda item: item.delivery.reached,
        lambda item: item.is_outage,
    )
