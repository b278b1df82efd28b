"""``planned_work.scheduled``: works ahead that cut the power (or new times for them), told to
the chats of the areas that want planned works."""

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
from services.alerts.fanout import SOON
from services.alerts.texts import (
    OUTAGE_BUTTONS,
    Rendered,
    area_names,
    lines,
    operator_words,
    render,
    when,
)


def message(
    areas: Sequence[str], starts_at: datetime, ends_at: datetime, description: dict[str, str]
) -> Rendered:
    def build(language: str) -> str:
        head = translate(N_("🛠 Planned works in {areas}: from {start} to {end}."), language)
        return lines(
            head.format(
                areas=area_names(areas, language),
                start=when(starts_at, language),
                end=when(ends_at, language),
            ),
            operator_words(description, language),
        )

    return render(build, OUTAGE_BUTTONS)


async def apply(step: Step) -> str:
    fields = step.event.fields
    row, created = await step.interruption("planned_work", fields["work_id"])
    if step.is_stale(row, created):
        return "ignored"
    if not created:
        step.cancel(row.subject)
        if row.starts_at != fields["starts_at"]:
            row.day_reminder_done = row.hour_reminder_done = False
    aim = aiming.aim_of(fields, fields["district"])
    aiming.keep(row, aim)
    row.district, row.status = fields["district"], "scheduled"
    row.starts_at, row.ends_at = fields["starts_at"], fields["ends_at"]
    row.texts = fields["description"]
    if row.ends_at is not None and row.ends_at <= step.now:
        return "applied"
    rendered = message(aiming.where(aim), fields["starts_at"], fields["ends_at"], row.texts)
    alert = step.alert("first", rendered, SOON, quiet.WAIT, expires_at=row.ends_at)
    step.queue(alert, p.reached(aiming.reach_of(aim)), p.wants("planned_works"))
    return "applied"


def reach(event: ParsedEvent, now: datetime) -> list[p.Condition]:
    aim = aiming.aim_of(event.fields, event.fields["district"])
    return [p.reached(aiming.reach_of(aim)), p.wants("planned_works")]


TYPE = EventType(
    "planned_work.scheduled",
    "Planned works that cut the power, ahead of time; the same work_id again replaces them",
    fields=(
        Field("work_id", ID, "the works' id in the backend"),
        Field("district", DISTRICT, "the district of the works"),
        Field(
            "areas",
            AREAS,
            "the areas without power during the works, in district (with none of places, "
            "streets, feeders and customer_codes either: the whole district)",
            required=False,
        ),
        *aiming.AIM_FIELDS,
        Field("starts_at", MOMENT, "when the power goes off"),
        Field("ends_at", MOMENT, "when the power is back", after="starts_at"),
        Field("description", TEXTS, "what is done, and where"),
    ),
    subject="planned_work:{work_id}",
    apply=apply,
    reach=reach,
)
