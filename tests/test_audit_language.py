"""Staff pages in the operator's language all the way down (issue 22): audit details are kept
as catalog messages with their values and shown in each staff member's language, times in
Kosovo time and areas by name; older free-text details are shown as they are."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime

import aiohttp
import pytest

from services.staff.audit_details import said, shown
from tests.support.staff import PASSWORD, StaffServer, staff_server_fixture  # noqa: F401
from tests.support.staff_calls import OUTAGE, call, jar, login

NOON = datetime(2026, 12, 7, 11, 5, tzinfo=UTC)


def test_a_detail_reads_in_each_language() -> None:
    kept = said("areas added: {areas}", areas=["kodra-e-diellit", "ulpiana"])
    assert shown(kept, "en") == "areas added: Sunny Hill, Ulpiana"
    assert shown(kept, "sq") == "zona të shtuara: Kodra e Diellit, Ulpiana"
    assert shown(kept, "sr") == "додата подручја: Сунчани Брег, Улпијана"
    back = said("power back {time}", time=NOON)
    assert shown(back, "sr-Latn", now=NOON) == "struja vraćena danas 12:05"
    both = "\n".join((said("a new reason"), back))
    assert shown(both, "sq", now=NOON) == "një arsye e re; energjia u rikthye sot 12:05"


def test_free_text_and_damaged_details_are_shown_as_they_are() -> None:
    assert shown("from 10.0.0.1", "sq") == "from 10.0.0.1"
    assert shown("i18n:{not json", "sq") == "i18n:{not json"
    assert shown(None, "sq") == ""


@pytest.mark.db
async def test_the_audit_log_speaks_the_page_language(staff_server: StaffServer) -> None:
    status, created = await call(staff_server, "POST", "/api/v1/notices", json=OUTAGE)
    assert status in (200, 201), created
    notice_id = created["notice"]["id"]
    status, _ = await call(
        staff_server,
        "POST",
        f"/api/v1/notices/{notice_id}/update",
        json={"areas": ["kodra-e-diellit"]},
    )
    assert status == 200
    await staff_server.add_staff("milica", "admin", "DPR")
    async with aiohttp.ClientSession(cookie_jar=jar()) as http:
        await login(http, staff_server, "milica", PASSWORD)
        async with http.get(staff_server.url + "/staff/audit") as response:
            token = re.search(r'name="csrf" value="([^"]+)"', await response.text())
        assert token
        form = {"csrf": token.group(1), "language": "sr"}
        async with http.post(staff_server.url + "/staff/language", data=form) as response:
            assert response.status == 200
        async with http.get(staff_server.url + "/staff/audit") as response:
            page = html.unescape(await response.text())
    assert "додата подручја: Сунчани Брег" in page
    assert "објављено у разговорима" in page
    assert "areas added" not in page and "alerts engine" not in page
    assert "(API за особље)" in page or "(страница за особље)" in page
