"""``rotation.published``: a timetable of rotating cuts (or a new one for the same
``rotation_id``). Each group's chats are told their cuts, once; when the timetable changes,
everyone affected hears once: the chats of its groups get their new cuts, the chats told of the
old timetable that it leaves out hear that they are out."""

from __future__ import annotations

from datetime import datetime

from services.alerts import fanout, quiet
from services.alerts import plan as p
from services.alerts.event_types.definition import EventType
from services.alerts.event_types.fields import DAY, ID, TEXTS, Field
from services.alerts.event_types.parsed import ParsedEvent
from services.alerts.event_types.rotation_fields import (
    GROUPS,
    districts_of,
    expired,
    is_stale,
    rotation_row,
)
from services.alerts.event_types.step import Step
from services.alerts.fanout import SOON
from services.alerts.rotation_audience import group_reach
from services.alerts.targets import current_tree
from services.rotation.parse import timetable_json
from services.rotation.texts import dropped_message, timetable_message
from services.rotation.timetable import Group, Timetable


def audience(group: Group, *preferences: str) -> p.Condition:
    """The chats of ``group`` (as an outage aimed at its places, feeders and codes would reach)
    that want ``preferences`` (outages, if none given)."""
    return p.rotation_reach([group_reach(group)], preferences or ("outages",))


async def apply(step: Step) -> str:
    fields = step.event.fields
    timetable: Timetable = fields["groups"]
    reason = fields.get("reason")
    row, created = await rotation_row(step, fields["rotation_id"])
    if is_stale(step, row, created):
        return "ignored"
    replacing = not created and row.status == "active" and not expired(row, step.now)
    stored = timetable_json(timetable)
    if replacing and row.timetable == stored and row.reason == reason:
        return "applied"  # the same timetable again: nothing to tell
    row.status, row.timetable, row.reason = "active", stored, reason
    row.districts = districts_of(timetable)
    row.starts_at, row.ends_at = timetable.first_start(), timetable.last_end()
    row.reminded_until = row.updated_at = step.now
    if replacing:
        step.cancel(row.subject)
    if row.ends_at is None or row.ends_at <= step.now:
        return "applied"
    for group in timetable.groups:
        rendered = timetable_message(timetable, group, reason, changed=replacing)
        alert = step.alert("first", rendered, SOON, quiet.SILENT, expires_at=row.ends_at)
        step.queue(alert, audience(group))
    if replacing:
        alert = step.alert("follow_up", dropped_message(), SOON, quiet.SILENT)
        step.queue(alert, p.got_first(row.subject, fanout.UNDERWAY_OR_SENT), p.wants("outages"))
    return "applied"


def reach(event: ParsedEvent, now: datetime) -> list[p.Condition]:
    timetable: Timetable = event.fields["groups"]
    tree = current_tree()
    return [p.rotation_reach([group_reach(group, tree) for group in timetable.groups])]


TYPE = EventType(
    "rotation.published",
    "A timetable of rotating cuts, group by group, every day of a date range (Kosovo time); "
    "the same rotation_id again replaces it, and everyone affected is told once",
    fields=(
        Field("rotation_id", ID, "the timetable's id in the backend"),
        Field("starts_on", DAY, "the first day of the timetable, in Kosovo"),
        Field("ends_on", DAY, "its last day (the same day or later)"),
        Field("groups", GROUPS, "the groups and their daily cuts"),
        Field("reason", TEXTS, "why the power is cut", required=False),
    ),
    subject="rotation:{rotation_id}",
    apply=apply,
    reach=reach,
)
