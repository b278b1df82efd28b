"""An event's fan-out as data: what it does to the outbox, stored with the event, run later.

Applying an event decides at once what it means (stored, stale, nobody to tell) and writes a
*plan*: a list of steps in JSON. :mod:`services.alerts.fanout_run` carries the plans out
afterwards, in the order the events came, so that answering the account backend never waits
for a fan-out to a million chats. A step is one of:

* ``{"op": "cancel", "subject": ..., "roles": [...] | null}``: cancel queued rows;
* ``{"op": "close_reports", "areas": [...], "at": ...}``: power is back in these places: close
  the customers' reports of no power (after the step that tells them);
* ``{"op": "queue", "alert": {...}, "audience": [...], "default_language": ..., "at": ...}``:
  queue one alert to every chat of the audience, a list of conditions each given as data
  (:func:`conditions`), as of the time the event was applied.

:class:`Deadlines` says until when an alert is worth sending.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement

from services.alerts import fanout
from services.alerts.fanout import Alert
from services.alerts.rotation_audience import rotation_audience
from services.alerts.targets import Aim, Reach, expand

Step = dict[str, Any]
Condition = list[Any]


@dataclass(frozen=True)
class Deadlines:
    """How long an alert is tried: ``urgent`` (outages), ``routine`` (bills, payments)."""

    urgent: timedelta = timedelta(days=1)
    routine: timedelta = timedelta(days=3)

    def for_urgency(self, urgency: int, now: datetime) -> datetime:
        return now + (self.urgent if urgency == fanout.URGENT else self.routine)


def code(customer_code: str) -> Condition:
    return ["code", customer_code]


def reached(reach: Reach) -> Condition:
    """Chats with a code or a followed place that ``reach`` covers."""
    return ["areas", reach.to_json()]


def wants(*preferences: str) -> Condition:
    return ["wants", list(preferences)]


def got_first(subject: str, states: Sequence[str] = fanout.DELIVERED_OR_UNDERWAY) -> Condition:
    return ["got_first", subject, list(states)]


def not_got_first(subject: str) -> Condition:
    return ["not_got_first", subject]


def outage_audience(reach: Reach, now: datetime) -> Condition:
    """Chats ``reach`` covers that want outage alerts, and chats that reported no power
    within it."""
    return ["outage_audience", reach.to_json(), now.isoformat()]


def outage_follow_up(subject: str, reach: Reach, now: datetime, states: Sequence[str]) -> Condition:
    """Chats that got the outage's first message (in ``states``) and want outage alerts, and
    chats that reported no power within ``reach``."""
    return ["outage_follow_up", subject, reach.to_json(), now.isoformat(), list(states)]


def rotation_reach(
    reaches: Sequence[Reach], preferences: Sequence[str] = ("outages",)
) -> Condition:
    """Chats that groups of rotating cuts reach (each group's reach, as an outage's), that want
    ``preferences`` (:mod:`services.alerts.rotation_audience`)."""
    return ["rotation_reach", [reach.to_json() for reach in reaches], list(preferences)]


def _legacy_rotation_group(
    places: Sequence[str], codes: Sequence[str], feeders: Sequence[str]
) -> list[Reach]:
    """A group's reach from a plan stored before groups were matched as outages are."""
    aim = Aim(places=tuple(places), feeders=tuple(feeders), customer_codes=tuple(codes))
    return [expand(aim)]


def conditions(
    audience: Sequence[Condition], span: fanout.Span = None
) -> list[ColumnElement[bool]]:
    """The SQL conditions an audience stands for (of the chats in ``span`` only, if given)."""
    built: list[ColumnElement[bool]] = []
    for kind, *args in audience:
        if kind == "code":
            built.append(fanout.linked_to_code(args[0], span))
        elif kind == "areas":
            built.append(fanout.in_reach(Reach.from_json(args[0]), span))
        elif kind == "wants":
            built.append(fanout.wants(*args[0]))
        elif kind == "got_first":
            built.append(fanout.got_first(args[0], args[1], span))
        elif kind == "not_got_first":
            built.append(~fanout.got_first(args[0], span=span))
        elif kind == "outage_audience":
            reach = Reach.from_json(args[0])
            built.append(fanout.outage_audience(reach, datetime.fromisoformat(args[1]), span))
        elif kind == "outage_follow_up":
            at, reach = datetime.fromisoformat(args[2]), Reach.from_json(args[1])
            built.append(fanout.outage_follow_up(args[0], reach, at, args[3], span))
        elif kind == "rotation_reach":
            reaches = [Reach.from_json(reach) for reach in args[0]]
            built.append(rotation_audience(reaches, args[1], span))
        elif kind == "rotation_group":
            places, codes, feeders, preferences = args
            reaches = _legacy_rotation_group(places, codes, feeders)
            built.append(rotation_audience(reaches, preferences, span))
        else:
            raise ValueError(f"unknown audience condition {kind!r}")
    return built


def cancel(subject: str, roles: Sequence[str] | None = None) -> Step:
    return {"op": "cancel", "subject": subject, "roles": list(roles) if roles else None}


def close_reports(place_ids: Sequence[str], now: datetime) -> Step:
    """Close the open reports of no power in the places (after their reporters are queued)."""
    return {"op": "close_reports", "areas": list(place_ids), "at": now.isoformat()}


def queue(
    alert: Alert, audience: Sequence[Condition], default_language: str, now: datetime
) -> Step:
    """Queue ``alert`` to ``audience`` as of ``now`` (the event's application: when its rows are
    due, and quiet hours); chats without a language get ``default_language``."""
    return {
        "op": "queue",
        "alert": alert_json(alert),
        "audience": list(audience),
        "default_language": default_language,
        "at": now.isoformat(),
    }


def alert_json(alert: Alert) -> dict[str, Any]:
    return {
        "event_id": alert.event_id,
        "subject": alert.subject,
        "role": alert.role,
        "rendered": {language: list(pair) for language, pair in alert.rendered.items()},
        "urgency": alert.urgency,
        "quiet": alert.quiet,
        "fast": alert.fast,
        "expires_at": alert.expires_at.isoformat() if alert.expires_at else None,
        "customer_code": alert.customer_code,
    }


def alert_of(data: dict[str, Any]) -> Alert:
    expires = data.get("expires_at")
    return Alert(
        event_id=data["event_id"],
        subject=data["subject"],
        role=data["role"],
        rendered={language: (pair[0], pair[1]) for language, pair in data["rendered"].items()},
        urgency=data["urgency"],
        quiet=data["quiet"],
        fast=bool(data.get("fast")),
        expires_at=datetime.fromisoformat(expires) if expires else None,
        customer_code=data.get("customer_code"),
    )
