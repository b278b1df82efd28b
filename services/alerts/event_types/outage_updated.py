"""``outage.updated``: news of an outage (a new estimate, more places, a reason); the chats told
of it hear the news, and the chats of added places hear of the outage."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from locales.translation import N_, translate
from services.alerts import fanout, quiet
from services.alerts import plan as p
from services.alerts.event_types import aiming
from services.alerts.event_types.definition import EventType
from services.alerts.event_types.fields import AREAS, DISTRICT, ID, MOMENT, TEXTS, Field
from services.alerts.event_types.parsed import ParsedEvent
from services.alerts.event_types.step import Step
from services.alerts.fanout import URGENT
from services.alerts.texts import (
    OUTAGE_BUTTONS,
    Rendered,
    area_names,
    lines,
    reason_line,
    render,
    restore_line,
)


def message(
    areas: Sequence[str], restore_at: datetime | None, reason: dict[str, str] | None
) -> Rendered:
    def build(language: str) -> str:
        head = translate(N_("⚡ Update on the power outage in {areas}."), language).format(
            areas=area_names(areas, language)
        )
        return lines(head, restore_line(restore_at, language), reason_line(reason, language))

    return render(build, OUTAGE_BUTTONS)


async def apply(step: Step) -> str:
    fields = step.event.fields
    row, created = await step.interruption("outage", fields["outage_id"])
    if step.is_stale(row, created):
        return "ignored"
    moved = aiming.aims(fields)
    if moved:
        row.district = aiming.district_named(fields) or row.district
        aiming.keep(row, aiming.aim_of(fields, row.district))
    if "estimated_restore_at" in fields:
        row.ends_at = fields["estimated_restore_at"]
    if "reason" in fields:
        row.texts = fields["reason"]
    if created or row.status != "active":
        row.status = "active" if created else row.status
        return "recorded"
    step.cancel(row.subject, roles=("follow_up",))
    aim = aiming.aim_of_row(row)
    reach = aiming.reach_of(aim)
    rendered = message(aiming.where(aim), row.ends_at, row.texts)
    step.queue(
        step.alert("follow_up", rendered, URGENT, quiet.SILENT),
        p.outage_follow_up(row.subject, reach, step.now, fanout.DELIVERED_OR_UNDERWAY),
    )
    if moved:
        first = step.alert("first", rendered, URGENT, quiet.SILENT)
        step.queue(first, p.outage_audience(reach, step.now), p.not_got_first(row.subject))
    return "applied"


def reach(event: ParsedEvent, now: datetime) -> list[p.Condition]:
    """Whom the update would tell: those told of the outage (and, when it says where, the
    reporters there); the chats it newly covers are not counted."""
    if aiming.aims(event.fields):
        states = fanout.DELIVERED_OR_UNDERWAY
        fields = event.fields
        aim = aiming.aim_of(fields, aiming.district_named(fields))
        return [p.outage_follow_up(event.subject, aiming.reach_of(aim), now, states)]
    return [p.got_first(event.subject, fanout.DELIVERED_OR_UNDERWAY), p.wants("outages")]


TYPE = EventType(
    "outage.updated",
    "News of an unplanned outage; the fields given replace the outage's",
    fields=(
        Field("outage_id", ID, "the outage's id in the backend"),
        Field("district", DISTRICT, "the district of areas and places", required=False),
        Field(
            "areas",
            AREAS,
            "the areas without power now; with places, streets, feeders and customer_codes, "
            "what it gives of them replaces where the outage is",
            required=False,
        ),
        *aiming.AIM_FIELDS,
        Field("estimated_restore_at", MOMENT, "when power is expected back", required=False),
        Field("reason", TEXTS, "why the power is off", required=False),
    ),
    subject="outage:{outage_id}",
    apply=apply,
    reach=reach,
    urgent=True,
)
