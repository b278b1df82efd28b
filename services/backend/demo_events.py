"""The demo backend learns the bills and payments announced to the bot's events API.

With the real account backend the events come from the bills it keeps. The embedded demo has
nobody behind it: a ``bill.issued`` posted to the demo would announce an amount that *My bill*
and *Pay* do not know. :func:`learn` keeps the demo in step with what it announced.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from services.alerts.events import parse_event
from services.alerts.quiet import KOSOVO
from services.backend import AccountBackend
from services.backend.demo import DemoBackend


async def learn(backend: DemoBackend, event: Mapping[str, Any]) -> bool:
    """Record ``event`` (already accepted by the events API) if it is a bill or a payment of a
    demo customer, on the day (in Kosovo) it occurred; whether the demo's data changed."""
    parsed = parse_event(event)
    fields, day = parsed.fields, parsed.occurred_at.astimezone(KOSOVO).date()
    if parsed.type == "bill.issued":
        return await backend.record_bill(
            fields["customer_code"],
            period=fields["period"],
            amount=fields["amount"],
            currency=fields["currency"],
            due_date=fields["due_date"],
            issued_on=day,
        )
    if parsed.type == "payment.received":
        return await backend.record_payment(fields["customer_code"], fields["amount"], day)
    return False


def demo_learner(
    backend: AccountBackend,
) -> Callable[[Mapping[str, Any]], Awaitable[bool]] | None:
    """What the events API tells of each stored event: the demo backend learns it; a real
    backend, which sent it, has nothing to learn (``None``)."""
    if not isinstance(backend, DemoBackend):
        return None

    async def learn_event(event: Mapping[str, Any]) -> bool:
        return await learn(backend, event)

    return learn_event
