"""The chats a group of rotating cuts reaches (:mod:`services.rotation`), as one SQL condition.

A group aims at places, feeders and customer codes, as outage events do, and reaches the same
chats an outage aimed there would (:mod:`services.alerts.targets`): linked to a code in or under
its places (or known only at a place that holds them), on one of its feeders or stations, or
one of its codes; following a place in, under or above its places. Only those that have not
switched off any of ``preferences`` (outages; reminders too, for a reminder).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import ColumnElement

from services.alerts import matching
from services.alerts.targets import Aim, expand

Span = tuple[int, int] | None


def rotation_audience(
    places: Sequence[str],
    codes: Sequence[str],
    feeders: Sequence[str],
    preferences: Sequence[str],
    span: Span = None,
) -> ColumnElement[bool]:
    """Chats of the group (see the module) that want ``preferences``."""
    aim = Aim(places=tuple(places), feeders=tuple(feeders), customer_codes=tuple(codes))
    reach = expand(aim)
    parts = [
        *matching.linked(reach, span, preferences),
        *matching.following(reach, span, preferences),
    ]
    return matching.any_of(parts)
