"""The staff page's *Update* and *Power is back* over HTTP: the form changes only what
changed, a form sent twice is published once, errors name what to do, power back ends it."""

from __future__ import annotations

import html
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import aiohttp
import pytest

from bot.staff_web.pages.messages import FIELD_MESSAGES
from locales.i18n import translate
from tests.support.staff import PASSWORD, StaffServer, staff_server_fixture  # noqa: F401
from tests.support.staff_calls import OUTAGE, call, jar, login

pytestmark = pytest.mark.db
KOSOVO = ZoneInfo("Europe/Belgrade")


def local(hours: float) -> str:
    return (datetime.now(KOSOVO) + timedelta(hours=hours)).strftime("%Y-%m-%dT%H:%M")


async def form_fields(http: aiohttp.ClientSession, url: str) -> dict[str, str]:
    async with http.get(url) as response:
        assert response.status == 200, await response.text()
        text = await response.text()
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', text))


async def test_update_and_power_back_from_the_page(staff_server: StaffServer) -> None:
    await staff_server.add_staff("ana", "operator", "DPR")
    _, created = await call(staff_server, "POST", "/api/v1/notices", json=OUTAGE)
    notice_id = created["notice"]["id"]
    page = f"{staff_server.url}/staff/notices/{notice_id}"
    async with aiohttp.ClientSession(cookie_jar=jar()) as http:
        assert (await login(http, staff_server, "ana", PASSWORD))[0] == 303
        async with http.get(page) as response:
            text = await response.text()
        assert f'href="/staff/notices/{notice_id}/update"' in text
        assert f'action="/staff/notices/{notice_id}/restore"' in text
        fields = await form_fields(http, page + "/update")
        async with http.get(page + "/update") as response:
            text = await response.text()
        assert 'value="ulpiana"' not in text and 'value="kodra-e-diellit"' in text
        assert "A cable fault." in text  # the current reason, to edit
        assert text.count("data-texts=") == 3  # the reason templates

        form = {**fields, "ends_at": local(-3), "text_sq": "", "text_en": "", "text_sr": ""}
        async with http.post(page + "/update", data=form, allow_redirects=False) as response:
            assert response.status == 400
            text = await response.text()
        assert html.escape(translate(FIELD_MESSAGES["ends_at"], "sq")) in text  # Albanian first
        form = {
            **fields,
            "ends_at": local(6),
            "areas": "kodra-e-diellit",
            "text_sq": "Defekt në kabllo.",
            "text_en": "A cable fault.",
            "text_sr": "Квар на каблу.",
        }
        async with http.post(page + "/update", data=form, allow_redirects=False) as response:
            assert response.status == 200  # an update is previewed before it goes
            text = await response.text()
        assert "Kodrën e Diellit" in text and 'name="step" value="publish"' in text
        assert await staff_server.events() == [(await staff_server.events())[0]]  # not yet
        form = {**form, "step": "publish"}
        for _attempt in range(2):  # sent twice: published once
            async with http.post(page + "/update", data=form, allow_redirects=False) as response:
                assert (response.status, response.headers["Location"]) == (
                    303,
                    f"/staff/notices/{notice_id}",
                )
        events = await staff_server.events()
        assert [e["type"] for e in events] == ["outage.started", "outage.updated"]
        assert events[1]["areas"] == ["dardania", "ulpiana", "kodra-e-diellit"]
        assert "reason" not in events[1]  # the reason did not change
        assert events[1]["estimated_restore_at"]

        back = {"csrf": fields["csrf"], "restored_at": local(0)}
        async with http.post(page + "/restore", data=back, allow_redirects=False) as response:
            assert response.status == 303
        assert [e["type"] for e in await staff_server.events()][-1] == "outage.restored"
        async with http.get(page) as response:
            assert f'/staff/notices/{notice_id}/restore"' not in await response.text()
        async with http.get(page + "/update") as response:
            assert response.status == 409
            assert "nuk është më aktuale" in await response.text()
        async with http.post(page + "/restore", data={"restored_at": local(0)}) as response:
            assert response.status == 403  # no CSRF token


async def test_an_operator_of_another_district_cannot_change_it(staff_server: StaffServer) -> None:
    await staff_server.add_staff("mira", "operator", "DMI")
    _, created = await call(staff_server, "POST", "/api/v1/notices", json=OUTAGE)
    page = f"{staff_server.url}/staff/notices/{created['notice']['id']}"
    async with aiohttp.ClientSession(cookie_jar=jar()) as http:
        await login(http, staff_server, "mira", PASSWORD)
        async with http.get(page + "/update") as response:
            assert response.status == 403
    assert len(await staff_server.events()) == 1
