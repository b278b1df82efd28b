"""``rotation.ended``: the rotating cuts are over before their timetable ran out; the chats
told of them, and the chats of its groups, hear it once."""

from __future__ import annotations

from datetime import datetime

from services.alerts import fanout, quiet
from services.alerts import plan as p
from services.alerts.event_types.definition import EventType
from services.alerts.event_types.fields import ID, TEXTS, Field
from services.alerts.event_types.parsed import ParsedEvent
from services.alerts.event_types.rotation_fields import expired, is_stale, rotation_row
from services.alerts.event_types.rotation_published import audience
from services.alerts.event_types.step import Step
from services.alerts.fanout import SOON
from services.rotation.parse import timetable_of
from services.rotation.texts import ended_message


async def apply(step: Step) -> str:
    row, created = await rotation_row(step, step.event.fields["rotation_id"])
    if is_stale(step, row, created):
        return "ignored"
    was_active = row.status == "active"
    row.status, row.updated_at = "ended", step.now
    if created or not was_active:
        return "recorded"
    step.cancel(row.subject)
    if expired(row, step.now):
        return "applied"  # it had run out: nothing left to call off
    alert = step.alert(
        "follow_up", ended_message(step.event.fields.get("reason")), SOON, quiet.SILENT
    )
    step.queue(alert, p.got_first(row.subject, fanout.UNDERWAY_OR_SENT), p.wants("outages"))
    for group in timetable_of(row.timetable).groups:
        step.queue(alert, audience(group))
    return "applied"


def reach(event: ParsedEvent, now: datetime) -> list[p.Condition]:
    return [p.got_first(event.subject, fanout.UNDERWAY_OR_SENT), p.wants("outages")]


TYPE = EventType(
    "rotation.ended",
    "Rotating cuts called off before their timetable runs out",
    fields=(
        Field("rotation_id", ID, "the timetable's id in the backend"),
        Field("reason", TEXTS, "why (power is back to normal...)", required=False),
    ),
    subject="rotation:{rotation_id}",
    apply=apply,
    reach=reach,
)
