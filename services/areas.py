"""KESCO's districts and their areas, with their names in the bot's languages: a view over the
place hierarchy (:mod:`services.places`) for the parts of the bot that aim at areas.

An area is a municipality, or one of the city neighbourhoods the bot named as areas before the
hierarchy (``LEGACY_NEIGHBOURHOODS``: Dardania, Ulpiana, ... keep their ids). The district
picker, alerts, ``/outages`` and the staff page take names from here; the names and their case
forms come from the place file (docs/places.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from locales import languages
from services.places.in_use import place_tree
from services.places.tree import CASE_FORMS, Place, PlaceTree

LEGACY_NEIGHBOURHOODS = ("dardania", "ulpiana", "kodra-e-diellit", "qendra", "cabrat")
"""Neighbourhoods that were areas before the hierarchy: events and chats name them as areas."""

__all__ = ["CASE_FORMS", "Area", "Places", "all_areas", "areas_of", "district_name", "get_area"]


def _checked(names: dict[str, str], where: str) -> dict[str, str]:
    """``names`` if it gives every case form; else a ValueError saying which it lacks."""
    missing = [form for form in CASE_FORMS if not names.get(form)]
    if missing:
        raise ValueError(f"{where} lacks {', '.join(missing)}")
    return names


def _names(place: Place) -> dict[str, str]:
    names = {
        "sq": place.names["sq"],
        "en": place.names.get("en") or place.names["sq"],
        "sr": place.names.get("sr") or place.names["sq"],
    }
    return {**names, **place.forms}


@dataclass(frozen=True)
class Area:
    """An area of a district that outages and planned works name."""

    id: str
    district: str
    names: dict[str, str]
    place: Place

    def name(self, language: str) -> str:
        return self.place.name(language)


@dataclass(frozen=True)
class Places:
    """Every district's names and every area."""

    districts: dict[str, dict[str, str]]
    areas: dict[str, Area]


_VIEWS: dict[int, tuple[PlaceTree, Places]] = {}


def places() -> Places:
    """The districts and areas of the tree in use (rebuilt when the tree changes)."""
    tree = place_tree()
    cached = _VIEWS.get(id(tree))
    if cached is not None and cached[0] is tree:
        return cached[1]
    districts = {place.id: _names(place) for place in tree.of_level("district")}
    areas: dict[str, Area] = {}
    for place in tree.all():
        if place.level == "municipality" or place.id in LEGACY_NEIGHBOURHOODS:
            district = tree.district_of(place.id)
            if district is not None:
                areas[place.id] = Area(place.id, district, _names(place), place)
    _VIEWS.clear()
    _VIEWS[id(tree)] = (tree, Places(districts, areas))
    return _VIEWS[id(tree)][1]


def all_areas() -> dict[str, Area]:
    """Every known area by id."""
    return places().areas


def areas_of(district: str) -> list[Area]:
    return [area for area in all_areas().values() if area.district == district]


def get_area(area_id: str) -> Area | None:
    return all_areas().get(area_id)


def district_name(code: str, language: str) -> str:
    """The name of district ``code`` (``DPR``) in ``language``; the code itself if unknown."""
    place = place_tree().get(code)
    if place is None or place.level != "district":
        return code
    return place.name(language) if languages.is_known(language) else place.plain_name("en")
