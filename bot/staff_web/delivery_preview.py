"""The delivery part of a notice's preview: reach, time and cost (``delivery_estimate``)."""

from __future__ import annotations

from dataclasses import replace

from bot.channels import SendingLimits
from bot.delivery.fast_allowance import FastAllowance, day_start
from bot.staff_web.context import StaffContext
from bot.staff_web.estimate import DeliveryEstimate, estimate
from services.alerts.outbox_progress import fast_sent
from services.db.types import utcnow
from services.notices.inputs import NoticeInput


async def delivery_preview(context: StaffContext, data: NoticeInput) -> DeliveryEstimate | None:
    """The estimate for ``data`` (``None`` when the channels' limits are not known here).

    ``fast`` says whether staff may choose fast delivery for this notice."""
    if not context.sending:
        return None
    recipients = await context.desk.count_by_channel(data)
    now = utcnow()
    fast_left: dict[str, int | None] = {}
    may_be_fast = context.desk.may_be_fast(data.kind)
    async with context.database.transaction() as session:
        for channel, limits in context.sending.items():
            if not (limits.fast_rate and may_be_fast and channel in context.fast_budgets):
                continue
            allowance = FastAllowance(context.fast_budgets[channel], limits.fast_cost)
            used = await fast_sent(session, channel=channel, since=day_start(now))
            allowance.reset(used, now)
            fast_left[channel] = allowance.remaining(now)
    chosen = {
        channel: limit if channel in fast_left else _without_fast(limit)
        for channel, limit in context.sending.items()
    }
    return replace(estimate(recipients, chosen, fast_left), fast=may_be_fast and bool(fast_left))


def _without_fast(limits: SendingLimits) -> SendingLimits:
    return replace(limits, fast_rate=None)
