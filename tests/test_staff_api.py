"""The staff API over HTTP: credentials, districts, validation, idempotency, confirmation,
scheduling, cancel, stop, progress and the audit log."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from services.notices.events import event_id_for
from tests.support.staff import ADMIN_TOKEN, StaffServer, staff_server_fixture  # noqa: F401
from tests.support.staff_calls import OUTAGE, call  # noqa: F401

pytestmark = pytest.mark.db


@pytest.mark.parametrize("token", [None, "wrong", ADMIN_TOKEN + "x"])
async def test_missing_or_wrong_credentials_are_401(staff_server: StaffServer, token: str) -> None:
    for method, path in [
        ("GET", "/api/v1/notices"),
        ("POST", "/api/v1/notices"),
        ("GET", "/api/v1/audit"),
        ("POST", "/api/v1/notices/x/stop"),
    ]:
        status, body = await call(staff_server, method, path, token, json=OUTAGE)
        assert status == 401, (method, path)
        assert "error" in body
    assert await staff_server.events() == []


async def test_openapi_document_needs_no_credentials(staff_server: StaffServer) -> None:
    status, document = await call(staff_server, "GET", "/api/v1/openapi.json", None)
    assert status == 200
    assert document["openapi"].startswith("3.")
    assert "/api/v1/notices" in document["paths"]


async def test_operator_outside_their_district_is_403(staff_server: StaffServer) -> None:
    token = await staff_server.add_staff("mira", "operator", "DMI")
    status, body = await call(staff_server, "POST", "/api/v1/notices", token, json=OUTAGE)
    assert (status, body["field"]) == (403, "district")
    assert await staff_server.events() == []
    _, created = await call(
        staff_server, "POST", "/api/v1/notices", json={**OUTAGE, "id": "dpr-0001x"}
    )
    for path in ("/api/v1/notices/dpr-0001x", "/api/v1/notices/dpr-0001x/progress"):
        assert (await call(staff_server, "GET", path, token))[0] == 403
    assert (await call(staff_server, "POST", "/api/v1/notices/dpr-0001x/stop", token))[0] == 403
    _, listed = await call(staff_server, "GET", "/api/v1/notices", token)
    assert listed["notices"] == []
    assert (await call(staff_server, "GET", "/api/v1/staff", token))[0] == 403


async def test_operator_publishes_in_their_district(staff_server: StaffServer) -> None:
    token = await staff_server.add_staff("ana", "operator", "DPR,DGJ")
    status, body = await call(staff_server, "POST", "/api/v1/notices", token, json=OUTAGE)
    assert status == 201, body
    notice = body["notice"]
    assert notice["status"] == "published"
    assert notice["recipients"] == 3
    [event] = await staff_server.events()
    assert event["type"] == "outage.started"
    assert event["id"] == event_id_for(notice["id"])
    assert event["areas"] == ["dardania", "ulpiana"]
    assert event["reason"]["sr"] == "Квар на каблу."
    assert event["estimated_restore_at"].startswith("2030-01-01T17:00:00")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"kind": "storm"}, "kind"),
        ({"district": "XYZ"}, "district"),
        ({"district": ["DPR"]}, "district"),
        ({"areas": []}, "areas"),
        ({"areas": ["qendra"]}, "areas"),
        ({"ends_at": "tomorrow"}, "ends_at"),
        ({"ends_at": "2030-01-01T18:00:00"}, "ends_at"),
        ({"texts": {"sq": "a", "de": "b"}}, "texts"),
        ({"texts": {"sq": 5}}, "texts.sq"),
        ({"id": "short"}, "id"),
        ({"confirm": "yes"}, "confirm"),
        ({"kind": "planned_work", "starts_at": None}, "starts_at"),
    ],
)
async def test_malformed_notice_is_400_naming_the_field(
    staff_server: StaffServer, change: dict[str, Any], field: str
) -> None:
    status, body = await call(staff_server, "POST", "/api/v1/notices", json={**OUTAGE, **change})
    assert (status, body["field"]) == (400, field), body


async def test_not_json_is_400(staff_server: StaffServer) -> None:
    status, body = await call(staff_server, "POST", "/api/v1/notices", data=b"{not json")
    assert (status, body["field"]) == (400, "body")


async def test_same_id_twice_is_published_once(staff_server: StaffServer) -> None:
    notice = {**OUTAGE, "id": "form-1234abcd"}
    first = await call(staff_server, "POST", "/api/v1/notices", json=notice)
    second = await call(staff_server, "POST", "/api/v1/notices", json=notice)
    assert (first[0], second[0]) == (201, 200)
    assert second[1]["created"] is False
    assert len(await staff_server.events()) == 1
    other = {**notice, "areas": ["dardania"]}
    assert (await call(staff_server, "POST", "/api/v1/notices", json=other))[0] == 409


async def test_large_broadcast_needs_confirmation(staff_server: StaffServer) -> None:
    await staff_server.add_chats(3)  # six chats: the server's limit is 5
    status, body = await call(staff_server, "POST", "/api/v1/notices", json=OUTAGE)
    assert (status, body["field"], body["recipients"]) == (409, "confirm", 6)
    assert await staff_server.events() == []
    status, body = await call(
        staff_server, "POST", "/api/v1/notices", json={**OUTAGE, "confirm": True}
    )
    assert status == 201
    assert len(await staff_server.events()) == 1


async def test_scheduled_notice_is_published_when_due_or_cancelled(
    staff_server: StaffServer,
) -> None:
    later = (datetime.now(UTC) + timedelta(hours=2)).isoformat()
    works = {
        "kind": "planned_work",
        "district": "DGJ",
        "areas": ["qendra"],
        "starts_at": "2030-02-01T08:00:00+01:00",
        "ends_at": "2030-02-01T14:00:00+01:00",
        "texts": {"sq": "Mirëmbajtje.", "en": "Maintenance.", "sr": "Одржавање."},
    }
    _, one = await call(
        staff_server, "POST", "/api/v1/notices", json={**works, "publish_at": later}
    )
    _, two = await call(
        staff_server, "POST", "/api/v1/notices", json={**works, "publish_at": later}
    )
    assert one["notice"]["status"] == "scheduled"
    desk = staff_server.context.desk
    assert await desk.publish_due() == 0
    status, cancelled = await call(
        staff_server, "POST", f"/api/v1/notices/{two['notice']['id']}/cancel"
    )
    assert (status, cancelled["status"]) == (200, "cancelled")
    assert await desk.publish_due(datetime.now(UTC) + timedelta(hours=3)) == 1
    [event] = await staff_server.events()
    assert event["type"] == "planned_work.scheduled"
    assert event["description"]["en"] == "Maintenance."
    status, _ = await call(staff_server, "POST", f"/api/v1/notices/{one['notice']['id']}/cancel")
    assert status == 409


async def test_progress_and_stop(staff_server: StaffServer) -> None:
    _, body = await call(staff_server, "POST", "/api/v1/notices", json=OUTAGE)
    notice_id = body["notice"]["id"]
    await staff_server.deliver(event_id_for(notice_id), sent=1, blocked=1)
    _, progress = await call(staff_server, "GET", f"/api/v1/notices/{notice_id}/progress")
    assert progress["counts"] | {} == {
        "queued": 1,
        "sending": 0,
        "sent": 1,
        "unsettled": 0,
        "unconfirmed": 0,
        "failed": 0,
        "blocked": 1,
        "cancelled": 0,
    }
    assert progress["done"] is False
    status, stopped = await call(staff_server, "POST", f"/api/v1/notices/{notice_id}/stop")
    assert (status, stopped["stopped"]) == (200, 1)
    _, progress = await call(staff_server, "GET", f"/api/v1/notices/{notice_id}/progress")
    assert progress["done"] is True


async def test_audit_log_says_who_what_to_whom_and_when(staff_server: StaffServer) -> None:
    token = await staff_server.add_staff("ana", "operator", "DPR")
    _, body = await call(staff_server, "POST", "/api/v1/notices", token, json=OUTAGE)
    notice_id = body["notice"]["id"]
    await call(staff_server, "POST", f"/api/v1/notices/{notice_id}/stop", token)
    _, log = await call(staff_server, "GET", "/api/v1/audit", token)
    actions = [(x["actor"], x["action"]) for x in log["entries"]]
    assert actions[:3] == [
        ("ana", "broadcast.stopped"),
        ("ana", "notice.published"),
        ("ana", "notice.created"),
    ]
    created = log["entries"][2]
    assert created["district"] == "DPR"
    assert created["areas"] == ["dardania", "ulpiana"]
    assert created["event_id"] == event_id_for(notice_id)
    assert created["recipients"] == 3
    assert created["via"] == "api-token"
    assert datetime.fromisoformat(created["at"]) <= datetime.now(UTC)
    other = await staff_server.add_staff("mira", "operator", "DMI")
    _, theirs = await call(staff_server, "GET", "/api/v1/audit", other)
    assert theirs["entries"] == []
    assert (await call(staff_server, "GET", "/api/v1/audit?limit=0", other))[0] == 400


async def test_admin_manages_staff(staff_server: StaffServer) -> None:
    member = {
        "username": "Drita",
        "role": "operator",
        "districts": ["DPE"],
        "password": "long enough password",
    }
    status, body = await call(staff_server, "POST", "/api/v1/staff", json=member)
    assert (status, body["staff"]["username"], body["staff"]["districts"]) == (
        201,
        "drita",
        ["DPE"],
    )
    status, body = await call(staff_server, "POST", "/api/v1/staff", json=member)
    assert (status, body["field"]) == (400, "username")
    status, body = await call(
        staff_server,
        "POST",
        "/api/v1/staff",
        json={**member, "username": "x2", "password": "short"},
    )
    assert (status, body["field"]) == (400, "password")
    _, listed = await call(staff_server, "GET", "/api/v1/staff")
    assert [m["username"] for m in listed["staff"]] == ["drita"]
    assert "password" not in str(listed)


async def test_an_outage_repeated_a_moment_later_is_the_same_notice(
    staff_server: StaffServer,
) -> None:
    from services.notices.inputs import read_notice
    from services.staff.accounts import admin_token_principal

    desk, body = staff_server.context.desk, {**OUTAGE, "id": "retry-1234abcd"}
    first = read_notice(body, now=datetime(2029, 12, 31, 9, 0, 0, tzinfo=UTC))
    retry = read_notice(body, now=datetime(2029, 12, 31, 9, 0, 7, tzinfo=UTC))
    assert first.starts_at != retry.starts_at  # filled in with the time of each request
    assert (await desk.submit(admin_token_principal(), first)).created is True
    again = await desk.submit(admin_token_principal(), retry)
    assert again.notice is not None
    assert (again.created, again.notice.id) == (False, "retry-1234abcd")
    assert len(await staff_server.events()) == 1
