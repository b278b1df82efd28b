"""``outage.restored``: power is back; the chats told of the outage hear it, and the reports of
no power in its areas are closed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from locales.translation import N_, translate
from services.alerts import fanout, quiet
from services.alerts import plan as p
from services.alerts.event_types import aiming
from services.alerts.event_types.definition import EventType
from services.alerts.event_types.fields import ID, MOMENT, Field
from services.alerts.event_types.parsed import ParsedEvent
from services.alerts.event_types.step import Step
from services.alerts.fanout import URGENT
from services.alerts.texts import ButtonSpec, Rendered, area_names, render, when

BUTTONS: ButtonSpec = (((N_("🔦 Still no power? Tell us"), "rep:start"),),)


def message(areas: Sequence[str], restored_at: datetime) -> Rendered:
    def build(language: str) -> str:
        return translate(
            N_("💡 Power is back in {areas} since {time}. Thank you for your patience."), language
        ).format(areas=area_names(areas, language), time=when(restored_at, language))

    return render(build, BUTTONS)


async def apply(step: Step) -> str:
    fields = step.event.fields
    row, created = await step.interruption("outage", fields["outage_id"])
    if step.is_stale(row, created):
        return "ignored"
    row.status, row.restored_at = "restored", fields["restored_at"]
    if created:
        return "recorded"
    step.cancel(row.subject)
    aim = aiming.aim_of_row(row)
    reach = aiming.reach_of(aim)
    rendered = message(aiming.where(aim), fields["restored_at"])
    step.queue(
        step.alert("follow_up", rendered, URGENT, quiet.SILENT),
        p.outage_follow_up(row.subject, reach, step.now, fanout.UNDERWAY_OR_SENT),
    )
    step.close_reports(reach.within)
    return "applied"


def reach(event: ParsedEvent, now: datetime) -> list[p.Condition]:
    return [p.got_first(event.subject, fanout.UNDERWAY_OR_SENT), p.wants("outages")]


TYPE = EventType(
    "outage.restored",
    "Power is back after an unplanned outage",
    fields=(
        Field("outage_id", ID, "the outage's id in the backend"),
        Field("restored_at", MOMENT, "when the power came back"),
    ),
    subject="outage:{outage_id}",
    apply=apply,
    reach=reach,
    urgent=True,
)
