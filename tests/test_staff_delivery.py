"""Staff and delivery: fast delivery chosen per notice (allowed by the setting), the preview's
time and cost with and without it, Stars on the notice, sending again what failed (API and
page)."""

from __future__ import annotations

import re

import aiohttp
import pytest
from sqlalchemy import select, update

from bot.channels.protocol import SendingLimits
from services.db.alert_models import OutboxMessage
from services.notices.events import event_id_for
from tests.support.staff import PASSWORD, StaffServer, staff_server_fixture  # noqa: F401
from tests.support.staff_calls import OUTAGE, call, jar, login

pytestmark = pytest.mark.db

TELEGRAM = SendingLimits(rate=30.0, fast_rate=1000.0, fast_cost=0.1)
VIBER = SendingLimits(rate=20.0, batch=300, batch_rate=50.0)


def paid_broadcast(server: StaffServer, mode: str = "urgent", stars: float = 100.0) -> None:
    """As ``kesco-bot run`` sets the staff tool up with KESCO_TELEGRAM_PAID_BROADCAST=mode."""
    server.context.desk.paid_broadcast = mode
    server.context.sending = {"telegram": TELEGRAM, "viber": VIBER}
    server.context.fast_budgets = {"telegram": stars}


async def test_the_preview_shows_time_and_cost_with_and_without_fast_delivery(
    staff_server: StaffServer,
) -> None:
    paid_broadcast(staff_server, stars=0.2)  # two paid messages left today
    status, body = await call(staff_server, "POST", "/api/v1/notices/preview", json=OUTAGE)
    assert status == 200
    delivery = body["delivery"]
    assert delivery["fast"] is True
    assert [c["channel"] for c in delivery["channels"]] == ["telegram"]
    assert delivery["seconds"] == 0.1  # 3 chats at 30 a second
    assert (delivery["fast_messages"], delivery["stars"]) == (2, 0.2)
    assert delivery["fast_seconds"] == 0.0  # 2 at 1000 a second, 1 at 30
    works = {**OUTAGE, "kind": "planned_work", "starts_at": "2030-01-01T08:00:00+01:00"}
    status, body = await call(staff_server, "POST", "/api/v1/notices/preview", json=works)
    assert status == 200 and body["delivery"]["fast"] is False  # urgent: outages only


async def test_fast_delivery_is_chosen_per_notice_when_the_setting_allows(
    staff_server: StaffServer,
) -> None:
    fast = {**OUTAGE, "fast": True}
    status, body = await call(staff_server, "POST", "/api/v1/notices", json=fast)
    assert (status, body["field"]) == (400, "fast")  # KESCO_TELEGRAM_PAID_BROADCAST=off
    paid_broadcast(staff_server)
    status, body = await call(staff_server, "POST", "/api/v1/notices", json=fast)
    assert status == 201 and body["notice"]["fast"] is True
    await staff_server.deliver(body["notice"]["event_id"])  # the fan-out: rows may go paid
    async with staff_server.database.transaction() as session:
        fast = await session.scalars(select(OutboxMessage.fast))
        assert set(fast) == {True}
        await session.execute(update(OutboxMessage).values(state="sent", fast_sent=True))
    notice_id = body["notice"]["id"]
    _, progress = await call(staff_server, "GET", f"/api/v1/notices/{notice_id}/progress")
    assert (progress["fast_sent"], progress["stars_spent"]) == (3, 0.3)
    _, notice = await call(staff_server, "GET", f"/api/v1/notices/{notice_id}")
    assert notice["stars_spent"] == 0.3


async def test_send_again_what_failed(staff_server: StaffServer) -> None:
    _, body = await call(staff_server, "POST", "/api/v1/notices", json=OUTAGE)
    notice_id = body["notice"]["id"]
    await staff_server.deliver(event_id_for(notice_id), sent=1, failed=2)
    status, resent = await call(staff_server, "POST", f"/api/v1/notices/{notice_id}/resend")
    assert (status, resent) == (200, {"resent": 2})
    _, progress = await call(staff_server, "GET", f"/api/v1/notices/{notice_id}/progress")
    assert (progress["counts"]["queued"], progress["counts"]["failed"]) == (2, 0)
    _, log = await call(staff_server, "GET", "/api/v1/audit")
    assert log["entries"][0]["action"] == "broadcast.resent"
    assert log["entries"][0]["recipients"] == 2
    await call(staff_server, "POST", f"/api/v1/notices/{notice_id}/stop")
    status, error = await call(staff_server, "POST", f"/api/v1/notices/{notice_id}/resend")
    assert status == 409 and "stopped" in error["error"]
    other = await staff_server.add_staff("mira", "operator", "DMI")
    status, _ = await call(staff_server, "POST", f"/api/v1/notices/{notice_id}/resend", other)
    assert status == 403
    assert (await call(staff_server, "POST", "/api/v1/notices/nope1234/resend"))[0] == 404


async def test_messages_that_may_have_arrived_are_sent_again_only_when_asked(
    staff_server: StaffServer,
) -> None:
    _, body = await call(staff_server, "POST", "/api/v1/notices", json=OUTAGE)
    notice_id = body["notice"]["id"]
    await staff_server.deliver(event_id_for(notice_id), sent=1, unconfirmed=2)
    _, progress = await call(staff_server, "GET", f"/api/v1/notices/{notice_id}/progress")
    assert progress["counts"]["unconfirmed"] == 2 and not any(progress["failures"].values())
    assert progress["delivery"] == "delivered"
    status, resent = await call(staff_server, "POST", f"/api/v1/notices/{notice_id}/resend")
    assert (status, resent) == (200, {"resent": 0})
    url = f"/api/v1/notices/{notice_id}/resend?unconfirmed=true"
    status, resent = await call(staff_server, "POST", url)
    assert (status, resent) == (200, {"resent": 2})
    _, progress = await call(staff_server, "GET", f"/api/v1/notices/{notice_id}/progress")
    assert (progress["counts"]["queued"], progress["counts"]["unconfirmed"]) == (2, 0)


async def test_the_notice_page_sends_again_what_failed(staff_server: StaffServer) -> None:
    await staff_server.add_staff("ana", "operator", "DPR")
    _, body = await call(staff_server, "POST", "/api/v1/notices", json=OUTAGE)
    notice_id = body["notice"]["id"]
    await staff_server.deliver(event_id_for(notice_id), sent=2, failed=1)
    async with aiohttp.ClientSession(cookie_jar=jar()) as http:
        http.cookie_jar.update_cookies({"kesco_staff_lang": "en"})
        assert (await login(http, staff_server, "ana", PASSWORD))[0] == 303
        async with http.get(f"{staff_server.url}/staff/notices/{notice_id}") as response:
            page = await response.text()
        assert "Send again what failed (1)" in page
        csrf = re.search(r'name="csrf" value="([^"]+)"', page)
        assert csrf
        url = f"{staff_server.url}/staff/notices/{notice_id}/resend"
        async with http.post(url, data={"csrf": "wrong"}, allow_redirects=False) as response:
            assert response.status == 403
        async with http.post(url, data={"csrf": csrf.group(1)}, allow_redirects=False) as response:
            assert response.status == 303
        async with http.get(f"{staff_server.url}/staff/notices/{notice_id}") as response:
            assert "Send again what failed" not in await response.text()
    _, progress = await call(staff_server, "GET", f"/api/v1/notices/{notice_id}/progress")
    assert progress["counts"]["queued"] == 1


async def test_the_notice_page_shows_what_may_have_arrived(staff_server: StaffServer) -> None:
    await staff_server.add_staff("ana", "operator", "DPR")
    _, body = await call(staff_server, "POST", "/api/v1/notices", json=OUTAGE)
    notice_id = body["notice"]["id"]
    await staff_server.deliver(event_id_for(notice_id), unconfirmed=3)
    async with aiohttp.ClientSession(cookie_jar=jar()) as http:
        http.cookie_jar.update_cookies({"kesco_staff_lang": "en"})
        assert (await login(http, staff_server, "ana", PASSWORD))[0] == 303
        async with http.get(f"{staff_server.url}/staff/notices/{notice_id}") as response:
            page = await response.text()
        assert "No answer from the messenger: the messages may have arrived" in page
        assert '<span class="n" data-state="unconfirmed">3</span><span>may have arrived' in page
        assert '<section class="failures" hidden>' in page  # nothing shown as refused
        assert "Send again what failed" not in page
        assert "Send again to the chats that may have got it (3)" in page
        csrf = re.search(r'name="csrf" value="([^"]+)"', page)
        assert csrf
        url = f"{staff_server.url}/staff/notices/{notice_id}/resend?unconfirmed=1"
        async with http.post(url, data={"csrf": csrf.group(1)}, allow_redirects=False) as response:
            assert response.status == 303
    _, progress = await call(staff_server, "GET", f"/api/v1/notices/{notice_id}/progress")
    assert progress["counts"]["queued"] == 3


async def test_the_compose_and_preview_pages_offer_fast_delivery(staff_server: StaffServer) -> None:
    paid_broadcast(staff_server)
    await staff_server.add_staff("ana", "operator", "DPR")
    async with aiohttp.ClientSession(cookie_jar=jar()) as http:
        http.cookie_jar.update_cookies({"kesco_staff_lang": "en"})
        assert (await login(http, staff_server, "ana", PASSWORD))[0] == 303
        async with http.get(f"{staff_server.url}/staff/notices/new") as response:
            page = await response.text()
        assert 'name="fast"' in page and "Fast delivery: Telegram paid broadcast" in page
        csrf = re.search(r'name="csrf" value="([^"]+)"', page)
        assert csrf
        form = {
            "csrf": csrf.group(1),
            "id": "fastnotice01",
            "kind": "outage",
            "district": "DPR",
            "areas": "dardania",
            "starts_at": "2030-01-01T10:00",
            "when": "now",
            "fast": "yes",
        }
        async with http.post(f"{staff_server.url}/staff/notices/preview", data=form) as response:
            preview = await response.text()
        assert 'id="eta"' in preview and 'id="eta-fast"' in preview
        assert re.search(r'id="stars">0\.3<', preview) and "Chosen." in preview
