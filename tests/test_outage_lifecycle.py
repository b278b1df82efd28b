"""A published outage's life over the staff API and the real alerts engine: a new expected
end, more areas and a new reason reach the chats that got the outage (once), power back
reaches them and cancels what was not sent yet; roles, districts, idempotency and audit."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from services.notices.events import event_id_for
from tests.support.staff import StaffServer, staff_server_fixture  # noqa: F401
from tests.support.staff_calls import OUTAGE, call

pytestmark = pytest.mark.db


def later(hours: float) -> str:
    return (datetime.now(UTC) + timedelta(hours=hours)).replace(microsecond=0).isoformat()


async def published(server: StaffServer, token: str | None = None, **change: Any) -> str:
    args = (token,) if token else ()
    status, body = await call(server, "POST", "/api/v1/notices", *args, json={**OUTAGE, **change})
    assert status == 201, body
    return body["notice"]["id"]


async def test_a_new_expected_end_reaches_the_chats_that_got_the_outage_once(
    staff_server: StaffServer,
) -> None:
    notice_id = await published(staff_server)
    await staff_server.deliver(event_id_for(notice_id), sent=3)
    path = f"/api/v1/notices/{notice_id}/update"
    status, body = await call(staff_server, "POST", path, json={"ends_at": later(5)})
    assert (status, body["status"], body["recipients"]) == (200, "applied", 3), body
    assert body["event_id"] == f"staff-{notice_id}-u1"
    assert body["notice"]["revision"] == 1
    assert body["notice"]["current"]["ends_at"] != body["notice"]["ends_at"]
    rows = await staff_server.outbox(body["event_id"])
    assert [row.role for row in rows] == ["follow_up"] * 3
    assert rows[0].text.startswith("⚡ Përditësim për ndërprerjen e energjisë në Dardani, Ulpianë")
    events = await staff_server.events()
    assert [e["type"] for e in events] == ["outage.started", "outage.updated"]
    assert events[1]["outage_id"] == f"staff-{notice_id}"

    # The same request again (a retry without an id) says nothing new: nothing is published.
    status, again = await call(
        staff_server, "POST", path, json={"ends_at": body["notice"]["current"]["ends_at"]}
    )
    assert (status, again["status"], again["recipients"]) == (200, "unchanged", 0)
    # With a client id, the same change twice is published once.
    change = {"id": "change-0001", "texts": {"sq": "Stuhi.", "en": "A storm.", "sr": "Олуја."}}
    first = await call(staff_server, "POST", path, json=change)
    second = await call(staff_server, "POST", path, json=change)
    assert (first[1]["status"], second[1]["status"]) == ("applied", "duplicate")
    assert first[1]["event_id"] == second[1]["event_id"] == f"staff-{notice_id}-change-0001"
    assert second[1]["recipients"] == 3
    assert len(await staff_server.events()) == 3
    [text] = {
        row.text
        for row in await staff_server.outbox(first[1]["event_id"])
        if row.text.startswith("⚡")
    }
    assert "Arsyeja: Stuhi." in text  # the chats follow in Albanian, the default


async def test_added_areas_reach_their_chats_with_the_outage_itself(
    staff_server: StaffServer,
) -> None:
    notice_id = await published(staff_server, areas=["dardania"])
    await staff_server.add_chats(2, areas=("kodra-e-diellit",))
    await staff_server.deliver(event_id_for(notice_id), sent=3)
    path = f"/api/v1/notices/{notice_id}/update"
    status, body = await call(staff_server, "POST", path, json={"areas": ["kodra-e-diellit"]})
    assert (status, body["status"], body["recipients"]) == (200, "applied", 5)
    assert body["notice"]["current"]["areas"] == ["dardania", "kodra-e-diellit"]
    roles = sorted(row.role for row in await staff_server.outbox(body["event_id"]))
    assert roles == ["first"] * 2 + ["follow_up"] * 3
    status, body = await call(staff_server, "POST", path, json={"areas": ["qendra"]})
    assert (status, body["field"]) == (400, "areas")  # another district's area
    status, body = await call(staff_server, "POST", path, json={"areas": ["dardania"]})
    assert body["status"] == "unchanged"


async def test_power_back_reaches_who_got_the_outage_and_cancels_the_rest(
    staff_server: StaffServer,
) -> None:
    notice_id = await published(staff_server)
    await staff_server.deliver(event_id_for(notice_id), sent=1)  # two still queued
    path = f"/api/v1/notices/{notice_id}/restore"
    status, body = await call(staff_server, "POST", path, json={})
    assert (status, body["status"], body["recipients"]) == (200, "applied", 1), body
    assert body["event_id"] == f"staff-{notice_id}-restored"
    assert body["notice"]["current"]["status"] == "restored"
    assert body["notice"]["restored_at"] is not None
    rows = await staff_server.outbox(event_id_for(notice_id))
    states = sorted(row.state for row in rows)
    assert states == ["cancelled", "cancelled", "sent"]
    [restored] = await staff_server.outbox(body["event_id"])
    assert restored.text.startswith("💡")
    again = await call(staff_server, "POST", path)  # no body at all
    assert (again[0], again[1]["status"]) == (200, "duplicate")
    status, body = await call(
        staff_server, "POST", f"/api/v1/notices/{notice_id}/update", json={"ends_at": later(2)}
    )
    assert status == 409
    _, progress = await call(staff_server, "GET", f"/api/v1/notices/{notice_id}/progress")
    assert [e["type"] for e in progress["events"]] == ["outage.started", "outage.restored"]
    assert (progress["delivery"], progress["stoppable"]) == ("sending", True)  # power back
    await staff_server.deliver(f"staff-{notice_id}-restored", sent=1)
    _, progress = await call(staff_server, "GET", f"/api/v1/notices/{notice_id}/progress")
    assert (progress["delivery"], progress["stoppable"], progress["done"]) == (
        "delivered",
        False,
        True,
    )


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("update", {}, "body"),
        ("update", {"ends_at": "2020-01-01T10:00:00Z"}, "ends_at"),
        ("update", {"ends_at": "soon"}, "ends_at"),
        ("update", {"areas": "dardania"}, "areas"),
        ("update", {"texts": {"sq": 7}}, "texts.sq"),
        ("update", {"id": "x", "ends_at": later(1)}, "id"),
        ("restore", {"restored_at": later(2)}, "restored_at"),
        ("restore", {"restored_at": "2000-01-01T10:00:00Z"}, "restored_at"),
        ("restore", [1], "body"),
    ],
)
async def test_malformed_changes_are_400_naming_the_field(
    staff_server: StaffServer, path: str, body: Any, field: str
) -> None:
    notice_id = await published(staff_server)
    status, answer = await call(
        staff_server, "POST", f"/api/v1/notices/{notice_id}/{path}", json=body
    )
    assert (status, answer.get("field")) == (400, field), answer
    assert len(await staff_server.events()) == 1


async def test_roles_districts_states_and_the_audit_log(staff_server: StaffServer) -> None:
    ana = await staff_server.add_staff("ana", "operator", "DPR")
    mira = await staff_server.add_staff("mira", "operator", "DMI")
    notice_id = await published(staff_server, ana)
    for path, body in (("update", {"ends_at": later(3)}), ("restore", {})):
        url = f"/api/v1/notices/{notice_id}/{path}"
        assert (await call(staff_server, "POST", url, None, json=body))[0] == 401
        assert (await call(staff_server, "POST", url, mira, json=body))[0] == 403
        assert (await call(staff_server, "POST", f"/api/v1/notices/nope0000/{path}", json=body))[
            0
        ] == 404
    works = {
        "kind": "planned_work",
        "district": "DPR",
        "areas": ["dardania"],
        "starts_at": later(30),
        "ends_at": later(34),
        "texts": {"sq": "Punime.", "en": "Works.", "sr": "Радови."},
    }
    _, planned = await call(staff_server, "POST", "/api/v1/notices", json=works)
    assert (await call(staff_server, "POST", f"/api/v1/notices/{planned['notice']['id']}/restore"))[
        0
    ] == 409
    _, scheduled = await call(
        staff_server, "POST", "/api/v1/notices", json={**OUTAGE, "publish_at": later(2)}
    )
    assert (
        await call(
            staff_server,
            "POST",
            f"/api/v1/notices/{scheduled['notice']['id']}/update",
            json={"ends_at": later(3)},
        )
    )[0] == 409
    assert (
        await call(
            staff_server,
            "POST",
            f"/api/v1/notices/{notice_id}/update",
            ana,
            json={"ends_at": later(3)},
        )
    )[1]["status"] == "applied"
    assert (await call(staff_server, "POST", f"/api/v1/notices/{notice_id}/restore", ana, json={}))[
        1
    ]["status"] == "applied"
    _, log = await call(staff_server, "GET", "/api/v1/audit", ana)
    restored, updated = log["entries"][:2]
    assert (restored["action"], updated["action"]) == ("notice.restored", "notice.updated")
    assert restored["event_id"] == f"staff-{notice_id}-restored"
    assert updated["event_id"] == f"staff-{notice_id}-u1"
    assert (updated["actor"], updated["recipients"], updated["district"]) == ("ana", 3, "DPR")
    assert updated["detail"].startswith("new expected end: ")  # in words, not a kept code


async def test_the_openapi_document_describes_update_and_restore(
    staff_server: StaffServer,
) -> None:
    _, document = await call(staff_server, "GET", "/api/v1/openapi.json", None)
    for path in ("/api/v1/notices/{id}/update", "/api/v1/notices/{id}/restore"):
        assert {"200", "400", "401", "403", "404", "409"} <= set(
            document["paths"][path]["post"]["responses"]
        )
    assert "ends_at" in document["components"]["schemas"]["OutageUpdate"]["properties"]
