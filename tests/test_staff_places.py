"""Staff pick places at any level (issue 23), over HTTP: the API takes a notice's places and its
preview counts the chats per place and in all (a chat reached through two places once); the
page's place search answers as JSON and, without JavaScript, by a Search button that lists the
matches with checkboxes; the board and the reports page are grouped by municipality."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import aiohttp
import pytest

from services.db.report_models import PowerReport
from services.db.types import utcnow
from tests.support.places import chat_at
from tests.support.staff import PASSWORD, StaffServer, staff_server_fixture  # noqa: F401
from tests.support.staff_calls import OUTAGE, call, jar, login

pytestmark = pytest.mark.db

WHERE = {"kind": "outage", "texts": {"en": "A cable fault."}}


async def chats_around_prishtina(server: StaffServer) -> None:
    """Chats reached through Dragodan (a neighbourhood of Prishtinë), Podujevë (a
    municipality), both, or neither."""
    database = server.database
    await chat_at(database, "dragodan", follows=("dragodan",))
    await chat_at(database, "both", follows=("dragodan", "podujeve"))
    await chat_at(database, "podujeve", follows=("podujeve",))
    await chat_at(database, "whole-town", follows=("prishtine",))  # contains Dragodan
    await chat_at(database, "veternik", follows=("veternik",))  # another neighbourhood
    await chat_at(database, "decan", follows=("decan",))  # another district


def csrf_of(page: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found
    return found.group(1)


async def test_the_api_takes_places_and_counts_the_preview_per_place(
    staff_server: StaffServer,
) -> None:
    await chats_around_prishtina(staff_server)
    body = {**WHERE, "places": ["dragodan", "podujeve"]}  # no district: the places'
    status, preview = await call(staff_server, "POST", "/api/v1/notices/preview", json=body)
    assert status == 200, preview
    by_place = {row["place"]: row["recipients"] for row in preview["by_place"]}
    assert by_place == {"dragodan": 3, "podujeve": 2}
    assert preview["recipients"] == 4  # "both" is counted once
    assert preview["by_place"][0]["names"]["sr"] == "Драгодан"

    status, created = await call(staff_server, "POST", "/api/v1/notices", json=body)
    assert status == 201, created
    notice = created["notice"]
    # Podujevë is also one of the district's (legacy) areas: it is given back, and sent, as one
    assert (notice["district"], notice["areas"], notice["places"]) == (
        "DPR",
        ["podujeve"],
        ["dragodan"],
    )
    assert created["recipients"] == 4
    event = (await staff_server.events())[-1]
    assert (event["district"], event["areas"], event["places"]) == (
        "DPR",
        ["podujeve"],
        ["dragodan"],
    )
    rows = await staff_server.outbox(event["id"])
    assert len(rows) == 4
    status, again = await call(staff_server, "GET", f"/api/v1/notices/{notice['id']}")
    assert (again["areas"], again["places"]) == (["podujeve"], ["dragodan"])


async def test_areas_and_places_together_and_what_is_refused(staff_server: StaffServer) -> None:
    mixed = {**OUTAGE, "areas": ["dardania"], "places": ["dragodan"]}
    status, preview = await call(staff_server, "POST", "/api/v1/notices/preview", json=mixed)
    assert status == 200, preview
    assert [row["place"] for row in preview["by_place"]] == ["dardania", "dragodan"]
    refused = {
        "two districts": {**WHERE, "places": ["dragodan", "decan"]},
        "not in the district": {**WHERE, "district": "DGJ", "places": ["dragodan"]},
        "unknown": {**WHERE, "places": ["atlantis"]},
        "not a list": {**WHERE, "places": "dragodan"},
    }
    for why, body in refused.items():
        status, error = await call(staff_server, "POST", "/api/v1/notices/preview", json=body)
        assert (status, error.get("field")) == (400, "places"), why
    status, error = await call(staff_server, "POST", "/api/v1/notices/preview", json=WHERE)
    assert (status, error["field"]) == (400, "district")
    ana = await staff_server.add_staff("ana", "operator", "DGJ")
    body = {**WHERE, "places": ["podujeve"]}
    status, _error = await call(staff_server, "POST", "/api/v1/notices/preview", ana, json=body)
    assert status == 403  # Podujevë is in DPR, not hers


async def test_an_update_adds_places(staff_server: StaffServer) -> None:
    await chats_around_prishtina(staff_server)
    body = {**WHERE, "places": ["dragodan"]}
    _status, created = await call(staff_server, "POST", "/api/v1/notices", json=body)
    notice_id = created["notice"]["id"]
    change = {"places": ["podujeve"], "id": "change-0001"}
    status, changed = await call(
        staff_server, "POST", f"/api/v1/notices/{notice_id}/update", json=change
    )
    assert status == 200, changed
    assert set(changed["notice"]["current"]["areas"]) == {"dragodan", "podujeve"}
    status, error = await call(
        staff_server,
        "POST",
        f"/api/v1/notices/{notice_id}/update",
        json={"places": ["decan"], "id": "change-0002"},
    )
    assert (status, error["field"]) == (400, "places")


async def page(http: aiohttp.ClientSession, url: str, **form: Any) -> tuple[int, str]:
    method = http.post if form else http.get
    async with method(url, data=form or None, allow_redirects=False) as response:
        return response.status, await response.text()


async def test_without_javascript_a_search_lists_places_to_tick_and_the_preview_counts_them(
    staff_server: StaffServer,
) -> None:
    await chats_around_prishtina(staff_server)
    await staff_server.add_staff("ana", "operator", "DPR")
    base = staff_server.url
    async with aiohttp.ClientSession(cookie_jar=jar()) as http:
        http.cookie_jar.update_cookies({"kesco_staff_lang": "en"})
        assert (await login(http, staff_server, "ana", PASSWORD))[0] == 303
        _status, compose = await page(http, base + "/staff/notices/new")
        assert 'id="place-q"' in compose and "Search" in compose
        form = [("csrf", csrf_of(compose)), ("kind", "outage"), ("district", "")]
        form += [("starts_at", ""), ("text_en", "A cable fault."), ("when", "now")]

        async with http.post(
            base + "/staff/notices/edit", data=[*form, ("place_q", "dragod")]
        ) as response:
            found = await response.text()
        assert response.status == 200
        assert re.search(r'name="places" value="dragodan">\s*Dragodan · Prishtina', found)
        assert "neighbourhood" in found

        async with http.post(
            base + "/staff/notices/edit",
            data=[*form, ("places", "dragodan"), ("place_q", "zzqx")],
        ) as response:
            nothing = await response.text()
        assert 'value="dragodan" checked' in nothing  # the ticked place stays, as a chip
        assert "No place of your districts has this name." in nothing

        chosen = [*form, ("places", "dragodan"), ("places", "podujeve")]
        async with http.post(base + "/staff/notices/preview", data=chosen) as response:
            preview = await response.text()
        assert response.status == 200, preview
        rows = dict(re.findall(r'<tr data-place="([a-z-]+)">.*?<td class="n">(\d+)<', preview))
        assert rows == {"dragodan": "3", "podujeve": "2"}
        assert re.search(r'<tr class="total">.*?<td class="n">4<', preview)
        assert "Dragodan · Prishtina" in preview and 'id="recipients">4<' in preview

        send = re.findall(
            r'name="([a-z_]+)" value="([^"]*)"', preview.split('action="/staff/notices"')[1]
        )
        async with http.post(base + "/staff/notices", data=send, allow_redirects=False) as sent:
            assert sent.status == 303
    event = (await staff_server.events())[-1]
    assert (event["areas"], event["places"]) == (["podujeve"], ["dragodan"])


async def test_the_page_search_answers_as_json_within_the_staff_members_districts(
    staff_server: StaffServer,
) -> None:
    await staff_server.add_staff("ana", "operator", "DPR")
    await staff_server.add_staff("mira", "operator", "DPE")
    async with aiohttp.ClientSession(cookie_jar=jar()) as http:
        http.cookie_jar.update_cookies({"kesco_staff_lang": "sr"})
        assert (await login(http, staff_server, "ana", PASSWORD))[0] == 303
        async with http.get(staff_server.url + "/staff/places?q=podujev") as response:
            places = (await response.json())["places"]
        assert places[0] == {
            "id": "podujeve",
            "level": "municipality",
            "level_word": "општина",
            "name": "Подујево",
            "parent_name": "Приштина",
            "label": "Подујево · Приштина",
            "district": "DPR",
        }
        async with http.get(staff_server.url + "/staff/places?q=isniq") as response:
            assert (await response.json())["places"] == []  # Deçan is not Ana's
    async with aiohttp.ClientSession(cookie_jar=jar()) as http:
        assert (await login(http, staff_server, "mira", PASSWORD))[0] == 303
        async with http.get(staff_server.url + "/staff/places?q=isniq") as response:
            assert [p["id"] for p in (await response.json())["places"]] == ["isniq"]


async def test_reports_and_the_board_are_grouped_by_municipality(
    staff_server: StaffServer,
) -> None:
    now = utcnow()
    reports = {"dardania": 2, "ulpiana": 3, "podujeve": 4}
    reporters = {
        area: [await chat_at(staff_server.database, f"{area}-{n}") for n in range(count)]
        for area, count in reports.items()
    }
    async with staff_server.database.transaction() as session:
        for area, chats in reporters.items():
            for chat in chats:
                created_at = now - timedelta(minutes=40)
                session.add(
                    PowerReport(chat_id=chat, area_id=area, district="DPR", created_at=created_at)
                )
    await staff_server.add_staff("ana", "operator", "DPR")
    async with aiohttp.ClientSession(cookie_jar=jar()) as http:
        http.cookie_jar.update_cookies({"kesco_staff_lang": "en"})
        assert (await login(http, staff_server, "ana", PASSWORD))[0] == 303
        _status, text = await page(http, staff_server.url + "/staff/reports")
        groups = re.findall(r'data-group="([\w-]+)" data-level="(\w+)"><h2>([^<]+)<', text)
        assert groups == [
            ("prishtine", "municipality", "Prishtina "),  # 5 reports
            ("podujeve", "municipality", "Podujevë "),  # 4
        ]
        assert "· 5 reports" in text and "· 4 reports" in text
        assert re.findall(r'data-area="(\w+)"', text) == ["ulpiana", "dardania", "podujeve"]

        await chats_around_prishtina(staff_server)
        reached = {}
        for group, places in (
            ("podujeve", ["podujeve"]),
            ("prishtine", ["dragodan"]),
            ("DPR", ["veternik", "podujeve"]),  # two municipalities: under the district
        ):
            body = {**WHERE, "places": places, "confirm": True}
            status, created = await call(staff_server, "POST", "/api/v1/notices", json=body)
            assert status == 201, created
            event_id = created["notice"]["event_id"]
            await staff_server.deliver(event_id, sent=created["recipients"])
            reached[group] = created["recipients"]
        assert len(set(reached.values())) == 3, reached
        _status, board = await page(http, staff_server.url + "/staff")
        groups = re.findall(r'data-group="([\w-]+)" data-level="(\w+)"', board)
        assert [g for g, _level in groups] == sorted(reached, key=lambda g: -reached[g])
        assert ("DPR", "district") in groups
        for group, count in reached.items():
            assert f'data-group="{group}"' in board and f"· {count} chats reached" in board
