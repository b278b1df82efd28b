"""``outage.started``: power is off in some areas; the chats there are told once."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from locales.translation import N_, translate
from services.alerts import plan as p
from services.alerts import quiet
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
    when,
)


def message(
    areas: Sequence[str],
    started_at: datetime,
    restore_at: datetime | None,
    reason: dict[str, str] | None,
) -> Rendered:
    def build(language: str) -> str:
        head = translate(N_("⚡ Power outage in {areas} since {time}."), language).format(
            areas=area_names(areas, language), time=when(started_at, language)
        )
        return lines(head, restore_line(restore_at, language), reason_line(reason, language))

    return render(build, OUTAGE_BUTTONS)


async def apply(step: Step) -> str:
    fields = step.event.fields
    row, created = await step.interruption("outage", fields["outage_id"])
    if step.is_stale(row, created):
        return "ignored"
    aim = aiming.aim_of(fields, fields["district"])
    aiming.keep(row, aim)
    row.district, row.status = fields["district"], "active"
    row.starts_at, row.restored_at = fields["started_at"], None
    row.ends_at = fields.get("estimated_restore_at")
    row.texts = fields.get("reason")
    rendered = message(aiming.where(aim), fields["started_at"], row.ends_at, row.texts)
    alert = step.alert("first", rendered, URGENT, quiet.SILENT)
    audience = p.outage_audience(aiming.reach_of(aim), step.now)
    step.queue(alert, audience, p.not_got_first(row.subject))
    return "applied"


def reach(event: ParsedEvent, now: datetime) -> list[p.Condition]:
    aim = aiming.aim_of(event.fields, event.fields["district"])
    return [p.outage_audience(aiming.reach_of(aim), now)]


TYPE = EventType(
    "outage.started",
    "An unplanned power outage began",
    fields=(
        Field("outage_id", ID, "the outage's id in the backend"),
        Field("district", DISTRICT, "the district of the outage"),
        Field(
            "areas",
            AREAS,
            "the areas without power, in district (with none of places, streets, feeders and "
            "customer_codes either: the whole district)",
            required=False,
        ),
        *aiming.AIM_FIELDS,
        Field("started_at", MOMENT, "when the power went off"),
        Field("estimated_restore_at", MOMENT, "when power is expected back", required=False),
        Field("reason", TEXTS, "why the power is off", required=False),
    ),
    subject="outage:{outage_id}",
    apply=apply,
    reach=reach,
    urgent=True,
)
