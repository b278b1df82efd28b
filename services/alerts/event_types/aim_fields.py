"""The kinds of field by which an outage or planned work aims finer than areas: ``places``
(place ids of any level), ``streets``, ``feeders`` (feeder or transformer-station ids) and
``customer_codes`` (see :mod:`services.alerts.targets` for whom they reach).

Places must be known (``kesco-bot places list``) and in the event's ``district`` (or, without
one, all in one district); customer codes must be of the district; an unknown one is refused
with the field named, as for every field (:class:`~services.alerts.event_types.fields.Kind`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from services.alerts.event_types.fields import (
    CUSTOMER_CODE,
    ID_PATTERN,
    EventRejected,
    Kind,
    Schema,
    text,
)
from services.alerts.targets import current_tree
from services.customer_codes import DISTRICTS, MAX_DIGITS, MIN_DIGITS
from services.customer_places import MAX_STREET, normalise_street

MAX_PLACES = 2000
MAX_STREETS = 500
MAX_FEEDERS = 500
MAX_CODES = 10000
MAX_NETWORK_ID = 64


def _items(value: Any, name: str, what: str, limit: int) -> list[Any]:
    if not isinstance(value, list) or not value:
        raise EventRejected(name, f"{name} must be a non-empty list of {what}")
    if len(value) > limit:
        raise EventRejected(name, f"{name} may hold at most {limit} {what}")
    return value


def _once(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def district_of(place_id: str) -> str | None:
    """The district (``DPR``...) a known place is in, or None."""
    return current_tree().district_of(place_id)


def _read_places(value: Any, name: str, before: Mapping[str, Any]) -> list[str]:
    """Known place ids, each once, all in the event's ``district`` (read before), or without
    one all in one district."""
    district = before.get("district")
    places: list[str] = []
    districts: set[str | None] = set()
    for item in _items(value, name, "place ids", MAX_PLACES):
        place_district = district_of(item) if isinstance(item, str) else None
        if place_district is None:
            raise EventRejected(name, f"unknown place id {str(item)[:64]!r}")
        if district is not None and place_district != district:
            raise EventRejected(name, f"place {item!r} is not in district {district}")
        districts.add(place_district)
        places.append(item)
    if len(districts) > 1:
        raise EventRejected(name, f"{name} must all be in one district")
    return _once(places)


def _read_streets(value: Any, name: str, _before: Mapping[str, Any]) -> list[str]:
    """Streets as the backend names them per customer, normalised as the links keep them."""
    streets = []
    for item in _items(value, name, "streets", MAX_STREETS):
        street = normalise_street(text(item, name, MAX_STREET))
        if street is None:
            raise EventRejected(name, f"{name} holds a street with no letters or digits")
        streets.append(street)
    return _once(streets)


def _read_feeders(value: Any, name: str, _before: Mapping[str, Any]) -> list[str]:
    items = _items(value, name, "feeder or station ids", MAX_FEEDERS)
    return _once([text(item, name, MAX_NETWORK_ID, ID_PATTERN) for item in items])


def _read_codes(value: Any, name: str, before: Mapping[str, Any]) -> list[str]:
    district = before.get("district")
    codes = []
    for item in _items(value, name, "customer codes", MAX_CODES):
        code = CUSTOMER_CODE.read(item, name, before)
        if district is not None and not code.startswith(district):
            raise EventRejected(name, f"customer code {code} is not of district {district}")
        codes.append(code)
    return _once(codes)


def _list_of(limit: int, **item: Any) -> Schema:
    return {"type": "array", "minItems": 1, "maxItems": limit, "items": {"type": "string", **item}}


def _places_schema() -> Schema:
    return _list_of(MAX_PLACES, minLength=1, maxLength=64)


PLACES = Kind(
    "places",
    _read_places,
    _places_schema,
    "place ids of any level (district, municipality, settlement, neighbourhood, street: "
    "kesco-bot places list), all in district",
)
STREETS = Kind(
    "streets",
    _read_streets,
    lambda: _list_of(MAX_STREETS, minLength=1, maxLength=MAX_STREET, pattern="\\S"),
    "streets as the account backend names them per customer (compared without case, "
    "diacritics, script or the word for street), in district",
)
FEEDERS = Kind(
    "feeders",
    _read_feeders,
    lambda: _list_of(MAX_FEEDERS, maxLength=MAX_NETWORK_ID, pattern=f"^{ID_PATTERN.pattern}$"),
    "feeder or transformer-station ids, as the account backend gives them per customer, "
    "in district",
)
CUSTOMER_CODES = Kind(
    "customer codes",
    _read_codes,
    lambda: _list_of(
        MAX_CODES, pattern=f"^({'|'.join(DISTRICTS)})[0-9]{{{MIN_DIGITS},{MAX_DIGITS}}}$"
    ),
    "KESCO customer codes of district (as an outage management system lists them)",
)
