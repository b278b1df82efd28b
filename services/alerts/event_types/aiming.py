"""What outage and planned-work events share about where they are: the optional fields that
aim them (``areas``, ``places``, ``streets``, ``feeders``, ``customer_codes``), the
:class:`~services.alerts.targets.Aim` they make, and how an outage or work keeps it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from services.alerts.event_types.aim_fields import (
    CUSTOMER_CODES,
    FEEDERS,
    PLACES,
    STREETS,
    district_of,
)
from services.alerts.event_types.fields import Field
from services.alerts.targets import Aim, Reach, expand
from services.areas import get_area
from services.db.alert_models import Interruption

AIM_FIELDS = (
    Field("places", PLACES, "the places without power, at any level", required=False),
    Field("streets", STREETS, "the streets without power", required=False),
    Field("feeders", FEEDERS, "the feeders or transformer stations without power", required=False),
    Field("customer_codes", CUSTOMER_CODES, "the customers without power", required=False),
)
AIM_NAMES = ("areas", "places", "streets", "feeders", "customer_codes")


def aims(fields: Mapping[str, Any]) -> bool:
    """Whether the event says where (any of :data:`AIM_NAMES`)."""
    return any(name in fields for name in AIM_NAMES)


def aim_of(fields: Mapping[str, Any], district: str | None) -> Aim:
    """Where an event is: its areas and places (or, naming nothing, its whole district), and
    its streets, feeders and codes."""
    places = list(dict.fromkeys([*fields.get("areas", ()), *fields.get("places", ())]))
    network = {name: tuple(fields.get(name, ())) for name in AIM_NAMES[2:]}
    if not places and not any(network.values()) and district:
        places = [district]
    return Aim(places=tuple(places), district=district, **network)


def district_named(fields: Mapping[str, Any]) -> str | None:
    """The district an event's areas or places are in (for an update that names no
    ``district``)."""
    if "district" in fields:
        return str(fields["district"])
    for area_id in fields.get("areas", ()):
        if area := get_area(area_id):
            return area.district
    for place_id in fields.get("places", ()):
        if district := district_of(place_id):
            return district
    return None


def keep(row: Interruption, aim: Aim) -> None:
    """Store ``aim`` on the outage or work."""
    row.areas = list(aim.places)
    row.aims = aim.network


def aim_of_row(row: Interruption) -> Aim:
    return Aim.stored(row.areas, row.aims, row.district)


def reach_of(aim: Aim) -> Reach:
    """The aim expanded over the current place tree."""
    return expand(aim)


def where(aim: Aim) -> Sequence[str]:
    """The places a message names: the aim's, or its district when it names streets, feeders
    or codes only."""
    return aim.places or ((aim.district,) if aim.district else ())
