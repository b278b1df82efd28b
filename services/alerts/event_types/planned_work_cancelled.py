"""``planned_work.cancelled``: the works will not happen; the chats told of them hear it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from locales.translation import N_, translate
from services.alerts import fanout, quiet
from services.alerts import plan as p
from services.alerts.event_types import aiming
from services.alerts.event_types.definition import EventType
from services.alerts.event_types.fields import ID, Field
from services.alerts.event_types.parsed import ParsedEvent
from services.alerts.event_types.step import Step
from services.alerts.fanout import SOON
from services.alerts.texts import Rendered, area_names, render, when


def message(areas: Sequence[str], starts_at: datetime | None) -> Rendered:
    def build(language: str) -> str:
        if starts_at is None:
            return translate(N_("✅ The planned works in {areas} are cancelled."), language).format(
                areas=area_names(areas, language)
            )
        return translate(
            N_("✅ The planned works in {areas} from {start} are cancelled."), language
        ).format(areas=area_names(areas, language), start=when(starts_at, language))

    return render(build)


async def apply(step: Step) -> str:
    row, created = await step.interruption("planned_work", step.event.fields["work_id"])
    if step.is_stale(row, created):
        return "ignored"
    row.status = "cancelled"
    if created:
        return "recorded"
    step.cancel(row.subject)
    rendered = message(aiming.where(aiming.aim_of_row(row)), row.starts_at)
    ends = row.ends_at if row.ends_at and row.ends_at > step.now else None
    step.queue(
        step.alert("follow_up", rendered, SOON, quiet.WAIT, expires_at=ends),
        p.got_first(row.subject, fanout.UNDERWAY_OR_SENT),
        p.wants("planned_works"),
    )
    return "applied"


def reach(event: ParsedEvent, now: datetime) -> list[p.Condition]:
    return [p.got_first(event.subject, fanout.UNDERWAY_OR_SENT), p.wants("planned_works")]


TYPE = EventType(
    "planned_work.cancelled",
    "Planned works called off",
    fields=(Field("work_id", ID, "the works' id in the backend"),),
    subject="planned_work:{work_id}",
    apply=apply,
    reach=reach,
)
