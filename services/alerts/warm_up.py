"""Warming up the events API's work at startup, so that the first event is answered as fast as
the others.

The first event after a start would pay for what is done once per process (compiling the
statements it runs, loading the texts and the locale data its alerts are rendered with) and once
per database connection (preparing the statements on it). :func:`warm_up` applies sample events,
one per pooled connection at once, each in a transaction that is rolled back: nothing is stored.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from datetime import timedelta
from typing import Any

from services.alerts.ingest import apply_event
from services.areas import all_areas
from services.db import Database
from services.db.types import utcnow

log = logging.getLogger(__name__)
SAMPLE_PREFIX = "warm-up-"


class _RollBack(Exception):
    """Ends a warm-up transaction without committing it."""


def sample_events() -> list[dict[str, Any]]:
    """An outage that starts and the same outage restored, in a known area."""
    area = next(iter(all_areas().values()))
    now, tag = utcnow(), uuid.uuid4().hex[:12]
    outage = {"outage_id": f"{SAMPLE_PREFIX}{tag}", "district": area.district, "areas": [area.id]}
    started = now - timedelta(minutes=5)
    return [
        {
            "id": f"{SAMPLE_PREFIX}{tag}-1",
            "type": "outage.started",
            "occurred_at": now.isoformat(),
            "started_at": started.isoformat(),
            "reason": {"en": "warm-up"},
            **outage,
        },
        {
            "id": f"{SAMPLE_PREFIX}{tag}-2",
            "type": "outage.restored",
            "occurred_at": now.isoformat(),
            "restored_at": now.isoformat(),
            "outage_id": outage["outage_id"],
        },
    ]


async def _apply_and_roll_back(database: Database, default_language: str) -> None:
    try:
        async with database.transaction() as session:
            for event in sample_events():
                await apply_event(session, event, default_language=default_language)
            raise _RollBack
    except _RollBack:
        pass


async def warm_up(database: Database, *, default_language: str, connections: int = 1) -> bool:
    """Apply sample events on ``connections`` connections at once and roll them back; ``False``
    (logged) when that failed, which only means the first events will be slower."""
    count = 1 if database.is_sqlite else max(1, connections)
    results = await asyncio.gather(
        *(_apply_and_roll_back(database, default_language) for _ in range(count)),
        return_exceptions=True,
    )
    failed = [result for result in results if isinstance(result, BaseException)]
    if failed:
        log.warning("warming up the events API failed: %s: %s", type(failed[0]).__name__, failed[0])
    return not failed
