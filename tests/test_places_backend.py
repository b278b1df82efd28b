"""Each customer's place and network node come from the account backend: the demo gives them,
the HTTP backend reads them and still accepts an older backend without them, a linked code keeps
them (street normalised) and they follow the backend when it says otherwise. Events naming an
unknown place are refused naming the field, and the events' OpenAPI document describes the new
fields."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy import select, update

from bot.staff_web.openapi.document import openapi_document
from services.backend.demo import DemoBackend
from services.backend.http import HttpBackend
from services.customer_places import normalise_street
from services.db import Database
from services.db.models import ChatLink, DemoCustomer
from tests.fakes import account_backend
from tests.fakes.account_backend import FakeAccountBackend
from tests.fakes.chat import FakeChat
from tests.support.places import outage
from tests.support.signed_events import events_url_fixture, post  # noqa: F401

pytestmark = pytest.mark.db


async def test_the_demo_customers_keep_their_areas_and_give_their_places(
    demo_database: Database,
) -> None:
    backend = DemoBackend(demo_database)
    first = await backend.get_customer("DPR100001")
    assert first is not None and (first.district, first.area_id) == ("DPR", "dardania")
    assert (first.place_id, first.street) == ("dardania", "Rr. Agim Ramadani")
    assert first.feeder and first.station
    third = await backend.get_customer("DFE400004")
    assert third is not None and third.area_id == "shterpce" and third.place_id


@pytest.fixture
async def http_backend(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[HttpBackend]:
    customers = {
        **account_backend.CUSTOMERS,
        "DPE100009": {
            "code": "DPE100009",
            "district": "DPE",
            "area_id": "decan",
            "full_name": "Besa Berisha",
            "address": "Isniq 4",
            "place_id": "isniq",
            "street": "Rruga e Shkollës",
            "feeder": "DPE-F-7",
            "station": None,
        },
    }
    monkeypatch.setattr(account_backend, "CUSTOMERS", customers)
    fake = FakeAccountBackend()
    server = await fake.start()
    client = HttpBackend(str(server.make_url("")).rstrip("/"), fake.token, attempts=1)
    yield client
    await client.close()
    await server.close()


async def test_the_http_backend_reads_places_and_accepts_an_older_backend(
    http_backend: HttpBackend,
) -> None:
    new = await http_backend.get_customer("DPE100009")
    assert new is not None
    assert (new.place_id, new.street, new.feeder, new.station) == (
        "isniq",
        "Rruga e Shkollës",
        "DPE-F-7",
        None,
    )
    old = await http_backend.get_customer("DPR100001")  # no place, street, feeder, station
    assert old is not None and old.area_id == "dardania"
    assert (old.place_id, old.street, old.feeder, old.station) == (None, None, None, None)


def test_streets_are_compared_as_people_write_them() -> None:
    assert normalise_street("Rr. Nëna Terezë") == "nena tereze"
    assert normalise_street("Rruga Nëna Terezë") == "nena tereze"
    assert normalise_street("NENA TEREZE") == "nena tereze"
    assert normalise_street("Ул. Цара Лазара") == normalise_street("Ulica Cara Lazara")
    assert normalise_street("Rr. UÇK") == "uck"
    assert normalise_street(" .. ") is None


async def links(database: Database, code: str) -> list[tuple[Any, ...]]:
    async with database.transaction() as session:
        rows = await session.execute(
            select(
                ChatLink.area_id,
                ChatLink.place_id,
                ChatLink.street,
                ChatLink.feeder,
                ChatLink.station,
            ).where(ChatLink.customer_code == code)
        )
        return [tuple(row) for row in rows]


async def test_a_linked_code_keeps_its_place_and_follows_the_backend(
    demo_database: Database, chat: FakeChat
) -> None:
    await chat.say("/link DPR100001")
    await chat.say("42.50")
    assert await links(demo_database, "DPR100001") == [
        ("dardania", "dardania", "agim ramadani", "DPR-F-1204", "TS-DPR-0412")
    ]
    async with demo_database.transaction() as session:
        await session.execute(
            update(DemoCustomer)
            .where(DemoCustomer.code == "DPR100001")
            .values(place_id="ulpiana", street="Rr. Fehmi Agani", feeder="DPR-F-1300")
        )
    await chat.say("/accounts")  # the bot reads the customer again
    assert await links(demo_database, "DPR100001") == [
        ("dardania", "ulpiana", "fehmi agani", "DPR-F-1300", "TS-DPR-0412")
    ]


async def test_an_older_backend_links_at_the_area(database: Database, http_backend) -> None:  # noqa: ANN001
    from handlers.conversation import Conversation
    from tests.fakes.deps import deps_for

    chat = FakeChat(Conversation(database, deps_for(http_backend)).handle)
    await chat.say("/link DPR100001")
    await chat.say("42.50")
    assert await links(database, "DPR100001") == [("dardania", "dardania", None, None, None)]


@pytest.mark.parametrize(
    ("aim", "field", "says"),
    [
        ({"places": ["isniq", "atlantis"]}, "places", "unknown place id 'atlantis'"),
        ({"places": ["dardania"]}, "places", "not in district DPE"),
        ({"places": []}, "places", "non-empty list"),
        ({"streets": ["..."]}, "streets", "no letters or digits"),
        ({"feeders": ["bad id!"]}, "feeders", "characters an id cannot have"),
        ({"customer_codes": ["DPR100001"]}, "customer_codes", "not of district DPE"),
        ({"customer_codes": ["nonsense"]}, "customer_codes", "not a KESCO customer code"),
    ],
)
async def test_bad_aims_are_400_naming_the_field(
    events_url: str, aim: dict[str, Any], field: str, says: str
) -> None:
    status, answer = await post(events_url, outage("bad", **aim))
    assert (status, answer["field"]) == (400, field)
    assert says in answer["error"]


async def test_a_good_aim_is_accepted(events_url: str) -> None:
    status, answer = await post(events_url, outage("good", places=["isniq", "decan"]))
    assert (status, answer["status"]) == (200, "applied")


def test_the_openapi_document_describes_the_aims() -> None:
    schemas = openapi_document()["components"]["schemas"]
    for name in ("OutageStarted", "OutageUpdated", "PlannedWorkScheduled"):
        properties = schemas[name]["properties"]
        for field in ("places", "streets", "feeders", "customer_codes"):
            assert properties[field]["type"] == "array", (name, field)
            assert field not in schemas[name]["required"]
        assert "areas" not in schemas[name]["required"]
    places = schemas["OutageStarted"]["properties"]["places"]
    assert "kesco-bot places list" in places["description"]
