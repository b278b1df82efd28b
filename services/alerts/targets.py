"""Whom an outage or a planned work is aimed at, and that aim expanded over the place tree into
the id lists the fan-out matches (:mod:`services.alerts.matching`).

An event names places ``P`` (place ids of any level: its ``places`` and legacy ``areas``, or its
``district`` alone when it names nothing else), and may name ``streets``, ``feeders`` (feeder or
transformer-station ids) and ``customer_codes``. It reaches, among the chats that want it:

* the chats linked to a code whose place is in or under ``P`` (``within``: the descendants of
  ``P``, ``P`` included);
* the chats linked to a code the backend knows only coarsely, at a place that contains one of
  ``P`` (``around``: the ancestors of ``P`` that are not within): it may be there;
* the chats linked to a code on one of the streets or feeders or stations (in the event's
  district), or to one of the codes;
* the chats following a place within or around ``P`` (following a municipality hears of a cut
  in one of its villages; following village A does not hear of a cut in village B);
* for outages, the chats that reported no power in a place within ``P``.

The expansion is done here, in Python, over the tree (about 2,000 places); the SQL gets plain
``IN`` lists on indexed columns.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from services.places.in_use import place_tree
from services.places.tree import PlaceTree


class Tree(Protocol):
    """What the expansion needs of the place tree (:class:`services.places.tree.PlaceTree`)."""

    def get(self, place_id: str) -> object | None: ...

    def ancestors(self, place_id: str) -> list[str]: ...

    def descendants(self, place_id: str) -> set[str]: ...


def current_tree() -> PlaceTree:
    """The place tree as loaded now (with the admins' edits)."""
    return place_tree()


@dataclass(frozen=True)
class Aim:
    """What an outage or work names: ``places`` (``P``), ``streets`` (normalised), ``feeders``
    (feeder or station ids), ``customer_codes``; ``district`` scopes streets and feeders."""

    places: tuple[str, ...] = ()
    streets: tuple[str, ...] = ()
    feeders: tuple[str, ...] = ()
    customer_codes: tuple[str, ...] = ()
    district: str | None = None

    @property
    def network(self) -> dict[str, Any] | None:
        """What it names besides places, as :attr:`Interruption.aims` keeps it (None: nothing)."""
        if not (self.streets or self.feeders or self.customer_codes):
            return None
        return {
            "streets": list(self.streets),
            "feeders": list(self.feeders),
            "customer_codes": list(self.customer_codes),
            "district": self.district,
        }

    @classmethod
    def stored(
        cls, places: Sequence[str] | None, aims: Mapping[str, Any] | None, district: str | None
    ) -> Aim:
        """The aim of a stored outage or work (its ``areas``, ``aims`` and ``district``)."""
        aims = aims or {}
        return cls(
            places=tuple(places or ()),
            streets=tuple(aims.get("streets") or ()),
            feeders=tuple(aims.get("feeders") or ()),
            customer_codes=tuple(aims.get("customer_codes") or ()),
            district=aims.get("district") or district,
        )


@dataclass(frozen=True)
class Reach:
    """An aim expanded into the lists the SQL matches (see the module's docstring)."""

    within: tuple[str, ...] = ()
    around: tuple[str, ...] = ()
    streets: tuple[str, ...] = ()
    feeders: tuple[str, ...] = ()
    customer_codes: tuple[str, ...] = ()
    district: str | None = None

    @property
    def places(self) -> list[str]:
        """Places whose codes and followers it reaches: within, then around."""
        return [*self.within, *self.around]

    @property
    def empty(self) -> bool:
        return not (self.within or self.around or self.network_named)

    @property
    def network_named(self) -> bool:
        return bool(self.streets or self.feeders or self.customer_codes)

    def to_json(self) -> dict[str, Any]:
        return {
            "within": list(self.within),
            "around": list(self.around),
            "streets": list(self.streets),
            "feeders": list(self.feeders),
            "customer_codes": list(self.customer_codes),
            "district": self.district,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | Sequence[str]) -> Reach:
        """A stored reach; a plain list is a plan from before places (area ids: within)."""
        if not isinstance(data, Mapping):
            return cls(within=tuple(data))
        return cls(
            within=tuple(data.get("within") or ()),
            around=tuple(data.get("around") or ()),
            streets=tuple(data.get("streets") or ()),
            feeders=tuple(data.get("feeders") or ()),
            customer_codes=tuple(data.get("customer_codes") or ()),
            district=data.get("district"),
        )


def _ordered(ids: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(ids)))


def expand(aim: Aim, tree: Tree | None = None) -> Reach:
    """``aim`` over the tree: the places within and around its places, and the rest as is. A
    place the tree does not know (removed since) is matched as itself."""
    tree = tree or current_tree()
    within: set[str] = set()
    above: set[str] = set()
    for place in aim.places:
        if tree.get(place) is None:
            within.add(place)
            continue
        within |= tree.descendants(place)
        above.update(tree.ancestors(place)[1:])
    return Reach(
        within=_ordered(within),
        around=_ordered(above - within),
        streets=_ordered(aim.streets),
        feeders=_ordered(aim.feeders),
        customer_codes=_ordered(aim.customer_codes),
        district=aim.district,
    )
