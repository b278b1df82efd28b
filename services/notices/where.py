"""Where a notice is (issue 23): the legacy ``areas`` of its district and ``places`` of any level
(district, municipality, settlement, neighbourhood, street) from the place tree, all in one
district. Legacy areas are place ids too, so a stored notice keeps one list (its ``areas``
column) and :func:`split` tells them apart again: the ids that are areas of the district go
out as the event's ``areas``, the others as its ``places``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from services.areas import get_area
from services.customer_codes import DISTRICTS
from services.notices.errors import NoticeInvalid
from services.places.in_use import place_tree

MAX_PLACES = 50


def district_of(place_id: str) -> str | None:
    """The district (``DPR``...) a known place is in, or None."""
    return place_tree().district_of(place_id)


def read_places(value: Any, district: str | None) -> tuple[str, ...]:
    """Known place ids, each once, all in ``district`` (or, without one, all in one district);
    ``None`` or an empty list is no places."""
    if value is None:
        return ()
    if not isinstance(value, list | tuple):
        raise NoticeInvalid("places", "places: a list of place ids")
    if len(value) > MAX_PLACES:
        raise NoticeInvalid("places", f"places: at most {MAX_PLACES}")
    places: list[str] = []
    districts: set[str] = set()
    for place_id in value:
        found = district_of(place_id) if isinstance(place_id, str) else None
        if found is None:
            raise NoticeInvalid("places", f"places: unknown place id {str(place_id)[:64]!r}")
        if district and found != district:
            raise NoticeInvalid("places", f"places: {place_id!r} is not in district {district}")
        districts.add(found)
        if place_id not in places:
            places.append(place_id)
    if len(districts) > 1:
        raise NoticeInvalid("places", "places: all in one district")
    return tuple(places)


def district_of_places(places: Sequence[str]) -> str | None:
    """The district the (checked) places are in."""
    return district_of(places[0]) if places else None


def is_district(value: Any) -> bool:
    return isinstance(value, str) and value in DISTRICTS


def joined(areas: Iterable[str], places: Iterable[str]) -> tuple[str, ...]:
    """Areas then places, each once (the one list a notice keeps)."""
    return tuple(dict.fromkeys([*areas, *places]))


def split(ids: Iterable[str], district: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``(areas, places)``: the ids that are areas of ``district``, and the others."""
    areas: list[str] = []
    places: list[str] = []
    for place_id in dict.fromkeys(ids):
        area = get_area(place_id)
        (areas if area is not None and area.district == district else places).append(place_id)
    return tuple(areas), tuple(places)


def aim_fields(ids: Iterable[str], district: str) -> dict[str, list[str]]:
    """The event fields that aim at ``ids``: ``areas`` and/or ``places`` (only those given)."""
    areas, places = split(ids, district)
    fields: dict[str, list[str]] = {}
    if areas:
        fields["areas"] = list(areas)
    if places:
        fields["places"] = list(places)
    return fields
