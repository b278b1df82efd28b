"""Rotating cuts from staff: the API and the page publish, change and end a timetable through
the alerts engine, within the staff member's districts, audited. The timetables are days ahead
of the real date, so nothing here depends on the time of day."""

from __future__ import annotations

import html
import re
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import aiohttp
import pytest

from tests.support.staff import PASSWORD, StaffServer, staff_server_fixture  # noqa: F401
from tests.support.staff_calls import call, jar, login

pytestmark = pytest.mark.db
TODAY = datetime.now(ZoneInfo("Europe/Belgrade")).date()


def timetable(**changes: Any) -> dict[str, Any]:
    return {
        "rotation_id": "ROT-7",
        "starts_on": (TODAY + timedelta(days=2)).isoformat(),
        "ends_on": (TODAY + timedelta(days=4)).isoformat(),
        "groups": [
            {"id": "A", "places": ["dardania"], "slots": ["22:00-02:00"]},
            {"id": "B", "places": ["ulpiana"], "slots": ["08:00-10:00"]},
        ],
        **changes,
    }


async def test_publish_change_and_end_through_the_api(staff_server: StaffServer) -> None:
    token = await staff_server.add_staff("ana", "operator", "DPR")
    status, body = await call(staff_server, "POST", "/api/v1/rotations", token, json=timetable())
    assert status == 201, body
    assert body["recipients"] == 3
    rotation = body["rotation"]
    assert (rotation["status"], rotation["running"], rotation["districts"]) == (
        "active",
        True,
        ["DPR"],
    )
    assert rotation["groups"][0]["slots"] == ["22:00-02:00"]
    first = [e for e in await staff_server.events() if e["type"] == "rotation.published"]
    assert len(await staff_server.outbox(first[0]["id"])) == 3  # one each, in two groups

    only_a = timetable(groups=[{"id": "A", "places": ["dardania"], "slots": ["20:00-22:00"]}])
    status, body = await call(staff_server, "POST", "/api/v1/rotations", token, json=only_a)
    assert status == 201 and body["rotation"]["groups"][0]["slots"] == ["20:00-22:00"]

    status, ended = await call(staff_server, "POST", "/api/v1/rotations/ROT-7/end", token)
    assert (status, ended["status"], ended["running"]) == (200, "ended", False)
    _, listed = await call(staff_server, "GET", "/api/v1/rotations", token)
    assert [r["rotation_id"] for r in listed["rotations"]] == ["ROT-7"]
    _, log = await call(staff_server, "GET", "/api/v1/audit", token)
    actions = [(e["actor"], e["action"]) for e in log["entries"]][:3]
    assert actions == [
        ("ana", "rotation.ended"),
        ("ana", "rotation.changed"),
        ("ana", "rotation.published"),
    ]
    assert log["entries"][2]["recipients"] == 3
    assert log["entries"][2]["areas"] == ["dardania", "ulpiana"]


async def test_operators_stay_in_their_districts(staff_server: StaffServer) -> None:
    await call(staff_server, "POST", "/api/v1/rotations", json=timetable())  # the admin
    token = await staff_server.add_staff("mira", "operator", "DMI")
    status, body = await call(staff_server, "POST", "/api/v1/rotations", token, json=timetable())
    assert (status, body["field"]) == (403, "district")
    assert (await call(staff_server, "POST", "/api/v1/rotations/ROT-7/end", token))[0] == 403
    assert (await call(staff_server, "GET", "/api/v1/rotations/ROT-7", token))[0] == 403
    assert (await call(staff_server, "GET", "/api/v1/rotations", token))[1]["rotations"] == []
    assert (await call(staff_server, "GET", "/api/v1/rotations/NOPE"))[0] == 404


async def test_an_operator_of_a_district_publishes_for_its_villages(
    staff_server: StaffServer,
) -> None:
    """Isniq is a village of Deçan, in district DPE (by the place tree)."""
    token = await staff_server.add_staff("besa", "operator", "DPE")
    village = timetable(groups=[{"id": "A", "places": ["isniq"], "slots": ["22:00-02:00"]}])
    status, body = await call(staff_server, "POST", "/api/v1/rotations", token, json=village)
    assert (status, body["rotation"]["districts"]) == (201, ["DPE"])
    both = timetable(
        rotation_id="ROT-8",
        groups=[{"id": "A", "places": ["isniq", "dardania"], "slots": ["22:00-02:00"]}],
    )
    status, body = await call(staff_server, "POST", "/api/v1/rotations", token, json=both)
    assert (status, body["field"]) == (403, "district")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"groups": [{"id": "A", "places": ["dardania"], "slots": ["25:00-01:00"]}]}, "groups"),
        (
            {"groups": [{"id": "A", "places": ["isniq", "atlantis"], "slots": ["08:00-10:00"]}]},
            "groups",
        ),
        ({"ends_on": "2000-01-01"}, "ends_on"),
        ({"rotation_id": ""}, "rotation_id"),
    ],
)
async def test_a_bad_timetable_is_400_naming_the_field(
    staff_server: StaffServer, change: dict[str, Any], field: str
) -> None:
    status, body = await call(staff_server, "POST", "/api/v1/rotations", json=timetable(**change))
    assert (status, body["field"]) == (400, field)


async def test_publish_and_end_from_the_page(staff_server: StaffServer) -> None:
    await staff_server.add_staff("ana", "operator", "DPR")
    page = staff_server.url + "/staff/rotations"
    async with aiohttp.ClientSession(cookie_jar=jar()) as http:
        assert (await login(http, staff_server, "ana", PASSWORD))[0] == 303
        async with http.get(page) as response:
            text = await response.text()
        csrf = re.search(r'name="csrf" value="([^"]+)"', text)
        assert csrf and "Reduktimet me rotacion" in text  # Albanian first
        form = {
            "csrf": csrf.group(1),
            "rotation_id": "ROT-9",
            "starts_on": (TODAY + timedelta(days=1)).isoformat(),
            "ends_on": (TODAY + timedelta(days=2)).isoformat(),
            "groups": "A: dardania | 08:00-10:00, 22:00-24:00\nB: atlantis | 10:00-12:00",
            "text_sq": "Mungesë energjie",
        }
        async with http.post(page, data=form, allow_redirects=False) as response:
            assert response.status == 400
            assert "atlantis" in html.unescape(await response.text())
        form["groups"] = "A: dardania, DPR100001 | 08:00-10:00, 22:00-24:00"
        async with http.post(page, data=form, allow_redirects=False) as response:
            assert response.status == 303
        async with http.get(page + "?edit=ROT-9") as response:
            text = html.unescape(await response.text())
        assert "A: dardania, DPR100001 | 08:00-10:00, 22:00-24:00" in text
        assert "Mungesë energjie" in text
        end = {"csrf": csrf.group(1)}
        async with http.post(page + "/ROT-9/end", data=end, allow_redirects=False) as response:
            assert response.status == 303
    status, rotation = await call(staff_server, "GET", "/api/v1/rotations/ROT-9")
    assert (status, rotation["status"], rotation["reason"]) == (
        200,
        "ended",
        {"sq": "Mungesë energjie"},
    )
