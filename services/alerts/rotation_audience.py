"""Whom a group of rotating cuts (:mod:`services.rotation`) reaches: the same chats as an outage
aimed at the group's places, feeders and customer codes.

A group's :class:`~services.alerts.targets.Aim` is its places (any level), its feeders or
transformer stations and its codes; its feeders are looked for in its district when its places
and codes are all of one (feeder ids are the backend's, per district). Expanded over the place
tree into a :class:`~services.alerts.targets.Reach`, it reaches, as an outage's would
(:mod:`services.alerts.matching`), the chats linked to a code at a place in, under or above its
places (known only coarsely there), on one of its feeders or stations, or one of its codes, and
the chats following a place in, under or above its places (following a municipality hears of
a village's group; following village A does not hear of village B's). Not the chats that
reported no power: a timetable does not answer their report.

The fan-out matches it in SQL (:func:`rotation_audience`, of the chats that have not switched
off any of its preferences: outages; reminders too, for a reminder); ``/outages`` matches it in
Python against one chat (:func:`reaches`), by the same rule (a test checks they agree).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Select

from services.alerts import matching
from services.alerts.targets import Aim, Reach, Tree, current_tree, expand
from services.customer_codes import DISTRICTS
from services.rotation.timetable import Group, Timetable

Span = tuple[int, int] | None


def known_place(place: str) -> bool:
    """A place id a timetable may name: one of the place tree (any level)."""
    return current_tree().get(place) is not None


def place_district(place: str) -> str | None:
    """The district a place is in, by the tree (a district code is its own district)."""
    return current_tree().district_of(place) or (place if place in DISTRICTS else None)


def group_districts(group: Group) -> set[str]:
    """The districts of a group's places and customer codes."""
    found = {district for place in group.places if (district := place_district(place))}
    return found | {code[:3] for code in group.customer_codes}


def districts_of_groups(groups: Iterable[Group]) -> list[str]:
    """The districts of the groups' places and codes."""
    found: set[str] = set()
    for group in groups:
        found |= group_districts(group)
    return sorted(found)


def group_aim(group: Group) -> Aim:
    """What a group names, as an outage would name it (see the module)."""
    districts = group_districts(group)
    return Aim(
        places=group.places,
        feeders=group.feeders,
        customer_codes=group.customer_codes,
        district=next(iter(districts)) if len(districts) == 1 else None,
    )


def group_reach(group: Group, tree: Tree | None = None) -> Reach:
    """The group's aim over the place tree as it is now."""
    return expand(group_aim(group), tree)


def rotation_audience(
    reaches: Sequence[Reach], preferences: Sequence[str], span: Span = None
) -> ColumnElement[bool]:
    """Chats any of ``reaches`` reaches (see the module) that want ``preferences``."""
    wanted = tuple(preferences)
    parts: list[Select[Any]] = []
    for reach in reaches:
        parts += matching.linked(reach, span, wanted)
        parts += matching.following(reach, span, wanted)
    return matching.any_of(parts)


@dataclass(frozen=True)
class LinkWhere:
    """Where one of a chat's linked codes is, as its link keeps it."""

    code: str
    place_id: str | None = None
    street: str | None = None
    feeder: str | None = None
    station: str | None = None


@dataclass(frozen=True)
class ChatWhere:
    """A chat's linked codes and where they are, and the places it follows."""

    links: tuple[LinkWhere, ...] = ()
    followed: frozenset[str] = field(default_factory=frozenset)


def reaches(reach: Reach, chat: ChatWhere) -> bool:
    """Whether ``reach`` reaches ``chat`` by :func:`matching.chats_reached`'s rule (without
    reports): a code at a place within or around it, on one of its streets, feeders or stations
    (in its district), or one of its codes; or a followed place within or around it."""
    places = set(reach.places)
    if places & chat.followed:
        return True
    return any(_link_reached(reach, places, link) for link in chat.links)


def _link_reached(reach: Reach, places: set[str], link: LinkWhere) -> bool:
    if link.place_id in places or link.code in reach.customer_codes:
        return True
    if reach.district is not None and not link.code.startswith(reach.district):
        return False
    nodes = {node for node in (link.feeder, link.station) if node is not None}
    return link.street in reach.streets or bool(nodes & set(reach.feeders))


def groups_reaching(timetable: Timetable, chat: ChatWhere, tree: Tree | None = None) -> set[str]:
    """The ids of the timetable's groups that reach ``chat``."""
    tree = tree or current_tree()
    return {group.id for group in timetable.groups if reaches(group_reach(group, tree), chat)}
