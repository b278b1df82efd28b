"""The dispatcher's lease: a leader that stalls loses the lead within the lease's time, another
takes over, and the deposed leader can neither claim nor change what the new one claimed."""

from __future__ import annotations

import asyncio
import time
from datetime import timedelta

import pytest

from bot.delivery.lease import LeadershipLost, LeaseLock
from services import alerts
from services.alerts import outbox
from services.alerts.outbox import Outcome
from services.db import Database
from services.db.types import utcnow
from tests.support.alerts import add_chat, outage_started, outbox_rows

pytestmark = pytest.mark.db
TTL = 3.0
LEASE = timedelta(minutes=2)


class StoppableClock:
    """A monotonic clock that can jump, as it does for a process resumed after SIGSTOP."""

    def __init__(self) -> None:
        self.offset = 0.0

    def __call__(self) -> float:
        return time.monotonic() + self.offset


async def test_a_stalled_leader_is_taken_over_and_cannot_act(database: Database) -> None:
    await add_chat(database, "8101", language="en", areas=["dardania"])
    await alerts.ingest_event(database, outage_started(), now=utcnow())
    stalled_clock = StoppableClock()
    stalled = LeaseLock(database, ttl=TTL, poll=0.05, monotonic=stalled_clock)
    standby = LeaseLock(database, ttl=TTL, poll=0.05)
    await stalled.acquire()
    assert stalled.valid() and stalled.epoch is not None
    (row,) = await outbox.claim(
        database, "telegram", 10, utcnow(), LEASE, epoch=stalled.epoch, tried_at=utcnow()
    )
    taking = asyncio.create_task(standby.acquire())
    await asyncio.sleep(TTL / 4)  # a while within the lease: nothing may happen
    assert not taking.done()  # the lease still runs: nobody takes it
    started = time.monotonic()
    await asyncio.wait_for(taking, TTL * 3)  # the stalled leader never renews
    assert time.monotonic() - started <= TTL + 0.5
    assert standby.epoch == stalled.epoch + 1
    stalled_clock.offset = TTL  # it resumes: its own clock says the lease is gone
    assert not stalled.valid()
    assert (
        await outbox.claim(
            database, "telegram", 10, utcnow(), LEASE, epoch=stalled.epoch, tried_at=utcnow()
        )
        == []
    )
    with pytest.raises(LeadershipLost):
        await asyncio.wait_for(stalled.watch(), TTL * 2)
    # the new leader queues what was in flight, and claims it under its own epoch
    assert await outbox.requeue_in_flight(database, utcnow(), all_leases=True) == 1
    (again,) = await outbox.claim(
        database, "telegram", 10, utcnow(), LEASE, epoch=standby.epoch, tried_at=utcnow()
    )
    assert again.id == row.id and again.epoch == standby.epoch
    # the deposed leader's late outcome touches nothing; the new leader's is recorded
    await outbox.record(database, [Outcome(row.id, "failed", reason="late", epoch=row.epoch)])
    assert (await outbox_rows(database))[0].state == "sending"
    await outbox.record(database, [Outcome(row.id, "sent", at=utcnow(), epoch=again.epoch)])
    (recorded,) = await outbox_rows(database)
    assert recorded.state == "sent" and recorded.uncertain  # it was in flight at a takeover
    await standby.release()
    await stalled.release()


async def test_a_leader_renews_its_lease_and_gives_it_up_when_it_stops(
    database: Database,
) -> None:
    leader = LeaseLock(database, ttl=TTL, poll=0.05)
    other = LeaseLock(database, ttl=TTL, poll=0.05)
    await leader.acquire()
    watching = asyncio.create_task(leader.watch())
    taking = asyncio.create_task(other.acquire())
    await asyncio.sleep(TTL * 2.5)  # renewed all along: still the leader
    assert leader.valid() and not taking.done() and not watching.done()
    watching.cancel()
    await leader.release()
    await asyncio.wait_for(taking, 1.0)  # given up: taken at once, not after the lease runs out
    assert other.valid() and not leader.valid()
    await other.release()
