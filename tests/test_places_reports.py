"""Reports of no power hold place ids of any level: a village's report is kept with its district,
an outage of the municipality covers it on the staff board, and an unknown place is refused."""

from __future__ import annotations

from datetime import timedelta

import pytest

from services import alerts, power_reports
from services.db import Database
from tests.support.alerts import NOON
from tests.support.places import chat_at, outage

pytestmark = pytest.mark.db


async def test_a_village_report_and_the_municipality_outage_that_covers_it(
    database: Database,
) -> None:
    chat = await chat_at(database, "reporter")
    async with database.transaction() as session:
        recorded = await power_reports.record(session, chat, "isniq", NOON)
        assert recorded.area_id == "isniq"
        with pytest.raises(ValueError, match="unknown place"):
            await power_reports.record(session, chat, "atlantis", NOON)
    since = NOON - timedelta(hours=1)
    async with database.transaction() as session:
        (row,) = await power_reports.by_area(session, since, NOON, power_reports.BurstRule())
        assert (row.area_id, row.district, row.known_outage) == ("isniq", "DPE", False)
    await alerts.ingest_event(database, outage("r1", places=["decan"]), now=NOON)
    async with database.transaction() as session:
        (row,) = await power_reports.by_area(session, since, NOON, power_reports.BurstRule())
        assert row.known_outage  # Deçan's outage covers its village
        assert await power_reports.areas_with_outage(session, ["irzniq", "peje"]) == {"irzniq"}


async def test_the_preview_counts_the_chats_of_each_place(database: Database) -> None:
    from services.alerts.audience import count_by_place_in

    await chat_at(database, "isniq", code="DPE1000001", place="isniq")
    await chat_at(database, "irzniq", code="DPE1000002", place="irzniq")
    await chat_at(database, "decan", follows=("decan",))
    event = outage("p1", places=["isniq", "irzniq"])
    async with database.transaction() as session:
        counts = await count_by_place_in(session, event, now=NOON)
    assert counts == {"isniq": 2, "irzniq": 2}  # each village's chat, and Deçan's follower
    assert await alerts.count_recipients(database, event, now=NOON) == 3
