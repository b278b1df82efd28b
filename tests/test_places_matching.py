"""Outages and planned works aimed at any grain reach exactly the chats there: linked to a code
in or under the places (or known only coarsely, at a place that holds them), on the streets,
feeders or stations, or named; following a place in, under or above them; reporting no power
under them. Never a chat of another village of the same municipality."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest

from services import alerts
from services.customer_places import normalise_street
from services.db import Database
from services.places.in_use import place_tree, use_tree
from services.places.tree import Place, PlaceTree
from tests.support.alerts import NOON, stamp
from tests.support.places import chat_at, follow_up, mark_sent, outage, reached, told

pytestmark = pytest.mark.db


async def decan_chats(database: Database) -> None:
    """Chats around Deçan (DPE): Isniq and Irzniq are villages of Deçan; Pejë is another
    municipality of the district."""
    await chat_at(database, "code-isniq", code="DPE1000001", place="isniq")
    await chat_at(database, "code-irzniq", code="DPE1000002", place="irzniq")
    await chat_at(database, "code-decan", code="DPE1000003", place="decan")
    await chat_at(database, "code-peje", code="DPE1000004", place="peje")
    await chat_at(database, "code-old", code="DPE1000005", area="decan")  # an older backend
    await chat_at(database, "code-district", code="DPE1000006", place="DPE")
    await chat_at(database, "follows-isniq", follows=("isniq",))
    await chat_at(database, "follows-irzniq", follows=("irzniq",))
    await chat_at(database, "follows-decan", follows=("decan",))
    await chat_at(database, "follows-DPE", follows=("DPE",))
    await chat_at(database, "follows-peje", follows=("peje",))
    await chat_at(database, "reported-isniq", reported="isniq")
    await chat_at(database, "reported-irzniq", reported="irzniq")
    await chat_at(database, "code-prishtine", code="DPR1000007", place="prishtine")


async def test_a_village_cut_reaches_the_village_and_what_holds_it_not_the_next_village(
    database: Database,
) -> None:
    await decan_chats(database)
    assert await reached(database, outage("v1", places=["isniq"])) == {
        "code-isniq",
        "code-decan",  # known at the municipality only: it may be in Isniq
        "code-old",  # an older backend gave the area (Deçan) alone
        "code-district",
        "follows-isniq",
        "follows-decan",  # following Deçan hears of a cut in a village of Deçan
        "follows-DPE",
        "reported-isniq",
    }


async def test_a_municipality_cut_reaches_its_villages(database: Database) -> None:
    await decan_chats(database)
    assert await reached(database, outage("m1", places=["decan"])) == {
        "code-isniq",
        "code-irzniq",
        "code-decan",
        "code-old",
        "code-district",
        "follows-isniq",
        "follows-irzniq",
        "follows-decan",
        "follows-DPE",
        "reported-isniq",
        "reported-irzniq",
    }


async def test_a_district_alone_reaches_the_whole_district(database: Database) -> None:
    await decan_chats(database)
    everyone_of_dpe = {
        "code-isniq",
        "code-irzniq",
        "code-decan",
        "code-peje",
        "code-old",
        "code-district",
        "follows-isniq",
        "follows-irzniq",
        "follows-decan",
        "follows-DPE",
        "follows-peje",
        "reported-isniq",
        "reported-irzniq",
    }
    assert await reached(database, outage("d1")) == everyone_of_dpe


async def test_a_neighbourhood_of_the_city(database: Database) -> None:
    await chat_at(database, "code-dardania", code="DPR1000001", place="dardania")
    await chat_at(database, "code-ulpiana", code="DPR1000002", place="ulpiana")
    await chat_at(database, "code-prishtine", code="DPR1000003", place="prishtine")
    await chat_at(database, "code-podujeve", code="DPR1000004", place="podujeve")
    await chat_at(database, "follows-ulpiana", follows=("ulpiana",))
    await chat_at(database, "follows-prishtine", follows=("prishtine",))
    event = outage("n1", district="DPR", places=["dardania"])
    assert await reached(database, event) == {
        "code-dardania",
        "code-prishtine",
        "follows-prishtine",
    }


async def test_legacy_areas_are_places_too(database: Database) -> None:
    await chat_at(database, "code-dardania", code="DPR1000001", area="dardania")
    await chat_at(database, "code-ulpiana", code="DPR1000002", area="ulpiana")
    await chat_at(database, "follows-dardania", follows=("dardania",))
    event = outage("a1", district="DPR", areas=["dardania"])
    assert await reached(database, event) == {"code-dardania", "follows-dardania"}


@pytest.fixture
def street_tree() -> Iterator[str]:
    """The place tree with a street of Isniq (the shipped data may name no streets)."""
    before = place_tree()
    street = Place("isniq-rruga-e-shkolles", "street", "isniq", {"sq": "Rruga e Shkollës"})
    use_tree(PlaceTree([*before.all(), street], version=before.version))
    yield street.id
    use_tree(before)


async def test_a_street_place_reaches_the_codes_on_it_and_the_village_following(
    database: Database, street_tree: str
) -> None:
    await chat_at(database, "code-street", code="DPE1000001", place=street_tree)
    await chat_at(database, "code-isniq", code="DPE1000002", place="isniq")
    await chat_at(database, "follows-isniq", follows=("isniq",))
    await chat_at(database, "follows-irzniq", follows=("irzniq",))
    event = outage("s1", places=[street_tree])
    assert await reached(database, event) == {"code-street", "code-isniq", "follows-isniq"}
    village = outage("s2", places=["isniq"])
    assert "code-street" in await reached(database, village)


async def test_streets_by_name_in_the_district(database: Database) -> None:
    school, other = normalise_street("Rruga e Shkollës"), normalise_street("Lidhja e Pejës")
    await chat_at(database, "on-it", code="DPE1000001", place="isniq", street=school)
    await chat_at(database, "elsewhere", code="DPE1000002", place="isniq", street=other)
    await chat_at(database, "same-name-DPR", code="DPR1000003", street=school)
    event = outage("st1", streets=["Rr. e Shkollës"])  # spelled as people write it
    assert await reached(database, event) == {"on-it"}


async def test_feeders_and_stations(database: Database) -> None:
    await chat_at(database, "feeder", code="DPE1000001", place="isniq", feeder="DPE-F-7")
    await chat_at(database, "station", code="DPE1000002", place="peje", station="TS-DPE-31")
    await chat_at(database, "other", code="DPE1000003", place="isniq", feeder="DPE-F-8")
    assert await reached(database, outage("f1", feeders=["DPE-F-7"])) == {"feeder"}
    assert await reached(database, outage("f2", feeders=["TS-DPE-31"])) == {"station"}
    both = outage("f3", feeders=["DPE-F-7", "TS-DPE-31"])
    assert await reached(database, both) == {"feeder", "station"}


async def test_explicit_customer_codes(database: Database) -> None:
    await chat_at(database, "named", code="DPE1000001", place="isniq")
    await chat_at(database, "not-named", code="DPE1000002", place="isniq")
    await chat_at(database, "follows-isniq", follows=("isniq",))
    event = outage("c1", customer_codes=["DPE1000001"])
    assert await reached(database, event) == {"named"}


async def test_aims_add_up(database: Database) -> None:
    await decan_chats(database)
    await chat_at(database, "feeder-peje", code="DPE1000008", place="peje", feeder="DPE-F-9")
    event = outage("u1", places=["irzniq"], feeders=["DPE-F-9"], customer_codes=["DPE1000001"])
    assert await reached(database, event) == {
        "code-irzniq",
        "code-decan",
        "code-old",
        "code-district",
        "follows-irzniq",
        "follows-decan",
        "follows-DPE",
        "reported-irzniq",
        "feeder-peje",
        "code-isniq",  # named
    }


async def test_follow_ups_reach_those_told_first_and_close_the_reports_there(
    database: Database,
) -> None:
    await decan_chats(database)
    first = await reached(database, outage("o1", places=["isniq"]))
    await mark_sent(database)
    later = NOON + timedelta(minutes=30)
    update = follow_up("o2", "OUT-o1", "updated", later, estimated_restore_at=stamp(later))
    await alerts.ingest_event(database, update, now=later)
    assert await told(database, "o2") == first
    restored_at = NOON + timedelta(hours=1)
    await alerts.ingest_event(
        database, follow_up("o3", "OUT-o1", "restored", restored_at), now=restored_at
    )
    assert await told(database, "o3") == first
    late = restored_at + timedelta(minutes=11)
    await chat_at(database, "late-reporter", reported="isniq", at=late)
    again = restored_at + timedelta(minutes=2)
    isniq_again = await reached(database, outage("o4", places=["isniq"], at=again), again)
    assert "late-reporter" in isniq_again and "reported-isniq" not in isniq_again  # closed
    irzniq = await reached(database, outage("o5", places=["irzniq"], at=again), again)
    assert "reported-irzniq" in irzniq  # power back in Isniq says nothing of Irzniq


async def test_an_update_that_moves_the_outage_tells_the_new_places(database: Database) -> None:
    await decan_chats(database)
    await reached(database, outage("w1", places=["isniq"]))
    later = NOON + timedelta(minutes=20)
    await alerts.ingest_event(
        database, follow_up("w2", "OUT-w1", "updated", later, places=["isniq", "irzniq"]), now=later
    )
    told_now = await told(database, "w2")
    assert {"code-irzniq", "follows-irzniq", "reported-irzniq", "code-isniq"} <= told_now
    assert "code-peje" not in told_now and "follows-peje" not in told_now


async def test_planned_works_and_their_cancellation(database: Database) -> None:
    await decan_chats(database)
    starts = NOON + timedelta(days=2)
    work = {
        "id": "pw1",
        "type": "planned_work.scheduled",
        "occurred_at": stamp(NOON),
        "work_id": "W-1",
        "district": "DPE",
        "places": ["irzniq"],
        "starts_at": stamp(starts),
        "ends_at": stamp(starts + timedelta(hours=4)),
        "description": {"en": "New transformer"},
    }
    first = await reached(database, work)
    assert first == {
        "code-irzniq",
        "code-decan",
        "code-old",
        "code-district",
        "follows-irzniq",
        "follows-decan",
        "follows-DPE",
    }
    await mark_sent(database)
    cancelled = {
        "id": "pw2",
        "type": "planned_work.cancelled",
        "occurred_at": stamp(NOON + timedelta(hours=1)),
        "work_id": "W-1",
    }
    await alerts.ingest_event(database, cancelled, now=NOON + timedelta(hours=1))
    assert await told(database, "pw2") == first


async def test_a_rotation_group_reaches_as_an_outage_there_would(database: Database) -> None:
    await decan_chats(database)
    await chat_at(database, "feeder-peje", code="DPE1000008", place="peje", feeder="DPE-F-9")
    timetable = {
        "id": "rot-1",
        "type": "rotation.published",
        "occurred_at": stamp(NOON),
        "rotation_id": "ROT-1",
        "starts_on": "2026-11-20",
        "ends_on": "2026-11-21",
        "groups": [
            {"id": "A", "places": ["decan"], "slots": ["22:00-02:00"]},
            {"id": "B", "feeders": ["DPE-F-9"], "slots": ["08:00-10:00"]},
        ],
    }
    await alerts.ingest_event(database, timetable, now=NOON)
    assert await told(database, "rot-1") == {
        "code-isniq",  # a village of Deçan
        "code-irzniq",
        "code-decan",
        "code-old",
        "code-district",  # known at the district only: it may be in Deçan
        "follows-isniq",
        "follows-irzniq",
        "follows-decan",
        "follows-DPE",
        "feeder-peje",
    }
