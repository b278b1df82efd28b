"""The staff page's places over HTTP (issue 23): every staff member browses the hierarchy and
searches it (a plain form, and JSON for the page's script); admins add a village under a
municipality and rename it after a preview that publishes nothing, the names it had kept as
spellings, and go back a version in one click (``edits.restore``, audited); operators and
forms without their CSRF token change nothing; the audit log names the place actions in the
reader's language."""

from __future__ import annotations

import html
import re
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import aiohttp
import pytest
import pytest_asyncio

from services.db import Database
from services.places import edits
from services.places.in_use import base_places, place_tree, use_file
from services.staff import audit
from services.staff.accounts import Principal
from services.staff.audit_details import shown
from services.staff.errors import Forbidden, NotFound
from tests.support.staff import ADMIN_TOKEN, PASSWORD, StaffServer, staff_server_fixture  # noqa: F401
from tests.support.staff_calls import jar, login

VILLAGE = {
    "level": "settlement",
    "name_sq": "Lluzhan",
    "name_sr": "Лужане",
    "name_en": "",
    "aliases": "Luzhan\nLlužan",
}
ADMIN = Principal("milica", "admin", (), None, "page")


@pytest.fixture(autouse=True)
def _shipped_file() -> Iterator[None]:
    use_file(None)
    yield
    use_file(None)


@dataclass
class Browser:
    """A signed-in staff member's HTTP session, with the CSRF token of the last page read."""

    http: aiohttp.ClientSession
    url: str
    csrf: str = ""

    async def get(self, path: str) -> tuple[int, str]:
        async with self.http.get(self.url + path) as response:
            text = await response.text()
        token = re.search(r'name="csrf" value="([^"]+)"', text)
        self.csrf = token.group(1) if token else self.csrf
        return response.status, html.unescape(text)

    async def post(
        self, path: str, form: dict[str, str], csrf: str | None = None
    ) -> tuple[int, str, str]:
        data = {"csrf": self.csrf if csrf is None else csrf, **form}
        async with self.http.post(self.url + path, data=data, allow_redirects=False) as response:
            text = await response.text()
            return response.status, response.headers.get("Location", ""), html.unescape(text)


@pytest_asyncio.fixture
async def signed_in(staff_server: StaffServer) -> AsyncIterator[Any]:
    sessions: list[aiohttp.ClientSession] = []

    async def open_as(username: str, password: str = PASSWORD) -> Browser:
        http = aiohttp.ClientSession(cookie_jar=jar())
        sessions.append(http)
        status, _text = await login(http, staff_server, username, password)
        assert status == 303
        browser = Browser(http, staff_server.url)
        await browser.get("/staff/places/tree")
        await browser.post("/staff/language", {"language": "en"})
        return browser

    yield open_as
    for http in sessions:
        await http.close()


async def latest(database: Database) -> int:
    async with database.transaction() as session:
        return await edits.latest_number(session)


async def test_staff_browse_and_search_without_script(
    staff_server: StaffServer, signed_in: Any
) -> None:
    await staff_server.add_staff("ana", "operator", "DPR")
    ana = await signed_in("ana")
    status, page = await ana.get("/staff/places/tree")
    assert status == 200 and 'href="/staff/places/tree"' in page  # in the staff menu
    assert '<a class="chip" href="/staff/places/tree/podujeve">Podujevë</a>' in page
    status, page = await ana.get("/staff/places/tree?q=fush+kos")
    found = re.findall(r'<li data-id="([^"]+)">', page)
    assert found[0] == "fushe-kosove"
    assert "municipality · Prishtina" in page  # the district, in English
    status, page = await ana.get("/staff/places/tree?q=isniq&level=municipality")
    assert re.findall(r'<li data-id="([^"]+)">', page) == [] and "No place has this name." in page
    status, page = await ana.get("/staff/places/tree/podujeve")
    assert status == 200 and "<h1>Podujevë</h1>" in page
    assert 'href="/staff/places/tree/DPR"' in page  # where it lies
    assert "у Подујеву" in page and "në Podujevë" in page  # as the bot names it
    assert "/staff/places/tree/podujeve/add" not in page and "Only admins" in page
    find = "/staff/places/find?q=Урошевац&level=municipality"
    async with ana.http.get(staff_server.url + find) as response:
        body = await response.json()
    assert body["places"][0] == {
        "id": "ferizaj",
        "name": "Ferizaj",
        "level": "municipality",
        "path": "Ferizaj",
    }
    assert (await ana.get("/staff/places/tree/nowhere"))[0] == 404


async def test_an_admin_previews_adds_renames_and_goes_back(
    staff_server: StaffServer, signed_in: Any
) -> None:
    admin = await signed_in("admin", ADMIN_TOKEN)
    status, page = await admin.get("/staff/places/tree/podujeve")
    assert 'action="/staff/places/tree/podujeve/add"' in page
    status, _where, page = await admin.post(
        "/staff/places/tree/podujeve/add", {**VILLAGE, "do": "preview"}
    )
    assert status == 200 and "How the bot will name it" in page
    assert "у насељу Лужане" in page and "në fshatin Lluzhan" in page
    assert await latest(staff_server.database) == 0 and "lluzhan" not in place_tree()

    status, where, _page = await admin.post(
        "/staff/places/tree/podujeve/add", {**VILLAGE, "do": "publish"}
    )
    assert (status, where) == (303, "/staff/places/tree/lluzhan?published=1")
    assert place_tree().ancestors("lluzhan") == ["lluzhan", "podujeve", "DPR"]
    status, page = await admin.get(where)
    assert "Published as version 1" in page and "Luzhan, Llužan" in page
    status, page = await admin.get("/staff/places/tree?q=luzane")
    assert re.findall(r'<li data-id="([^"]+)">', page)[0] == "lluzhan"

    renamed = {"name_sq": "Lluzhani", "name_sr": "Лужане", "do": "publish"}
    status, where, _page = await admin.post("/staff/places/tree/lluzhan/rename", renamed)
    assert (status, where) == (303, "/staff/places/tree/lluzhan?published=2")
    village = place_tree().get("lluzhan")
    assert village is not None and village.names["sq"] == "Lluzhani"
    assert "Lluzhan" in village.aliases  # the old name still finds it
    status, _where, page = await admin.post("/staff/places/tree/lluzhan/rename", renamed)
    assert status == 400 and "Nothing to publish" in page

    status, page = await admin.get("/staff/places/tree")
    assert "Version 2" in page and "a place renamed" in page
    status, where, _page = await admin.post("/staff/places/versions/1/restore", {})
    assert (status, where) == (303, "/staff/places/tree?published=3")
    assert place_tree().get("lluzhan").names["sq"] == "Lluzhan"  # type: ignore[union-attr]
    status, _where, _page = await admin.post("/staff/places/versions/0/restore", {})
    assert status == 303 and "lluzhan" not in place_tree()
    assert (await admin.post("/staff/places/versions/9/restore", {}))[0] == 404

    status, page = await admin.get("/staff/audit")
    assert "added a place" in page and "renamed a place" in page
    assert "published earlier places again" in page
    assert "Lluzhan (Podujevë), version 1" in page and "Lluzhan → Lluzhani, version 2" in page
    assert "place.added" not in page and "place.renamed" not in page


async def test_what_is_wrong_is_said_and_nothing_published(
    staff_server: StaffServer, signed_in: Any
) -> None:
    admin = await signed_in("admin", ADMIN_TOKEN)
    await admin.get("/staff/places/tree/podujeve")
    cases = [
        ({**VILLAGE, "name_sr": "Luzane"}, "names.sr", "in Cyrillic"),
        ({**VILLAGE, "name_sq": ""}, "names.sq", "Write the Albanian name."),
        ({**VILLAGE, "level": "district"}, "level", "Choose what kind of place it is."),
        ({**VILLAGE, "id": "bad id"}, "id", "The short name takes"),
        ({**VILLAGE, "id": "ulpiana"}, "id_taken", "exists already"),
    ]
    for form, field, words in cases:
        status, _where, page = await admin.post(
            "/staff/places/tree/podujeve/add", {**form, "do": "publish"}
        )
        assert status == 400, field
        assert f'data-field="{field}"' in page and words in page, field
        assert 'value="Lluzhan"' in page or field == "names.sq"  # shown again as typed
    status, _where, page = await admin.post(
        "/staff/places/tree/ulpiana/add", {**VILLAGE, "level": "municipality", "do": "publish"}
    )
    assert status == 400 and 'data-field="parent"' in page
    assert await latest(staff_server.database) == 0


async def test_operators_and_forms_without_their_token_change_nothing(
    staff_server: StaffServer, signed_in: Any
) -> None:
    await staff_server.add_staff("ana", "operator", "DPR")
    ana = await signed_in("ana")
    for path in (
        "/staff/places/tree/podujeve/add",
        "/staff/places/tree/podujeve/rename",
        "/staff/places/versions/0/restore",
    ):
        status, _where, page = await ana.post(path, {**VILLAGE, "do": "publish"})
        assert status == 403 and "Only admins can do this." in page, path
    admin = await signed_in("admin", ADMIN_TOKEN)
    await admin.get("/staff/places/tree/podujeve")
    for csrf in ("", "forged"):
        status, _where, page = await admin.post(
            "/staff/places/tree/podujeve/add", {**VILLAGE, "do": "publish"}, csrf=csrf
        )
        assert status == 403 and "The form expired" in page
    assert await latest(staff_server.database) == 0 and "lluzhan" not in place_tree()


async def test_restore_publishes_an_earlier_version_audited(staff_server: StaffServer) -> None:
    tree = place_tree()
    village = edits.checked(
        "lluzhan",
        {"level": "settlement", "parent": "podujeve", "names": {"sq": "Lluzhan"}},
        tree,
    )
    at = datetime(2026, 12, 7, 11, 5, tzinfo=UTC)
    async with staff_server.database.transaction() as session:
        _version, added = await edits.save(session, ADMIN, village, base_places(), now=at)
        rename = edits.checked("lluzhan", {"names": {"sq": "Lluzhani"}}, added)
        await edits.save(session, ADMIN, rename, base_places(), now=at)
        version, restored = await edits.restore(session, ADMIN, 1, base_places(), now=at)
        assert (version.number, version.action) == (3, "places.restored")
        assert restored.version == 3 and restored.get("lluzhan").names["sq"] == "Lluzhan"  # type: ignore[union-attr]
        version, bare = await edits.restore(session, ADMIN, 0, base_places(), now=at)
        assert version.edits == () and "lluzhan" not in bare
        with pytest.raises(NotFound):
            await edits.restore(session, ADMIN, 7, base_places())
        operator = Principal("ana", "operator", ("DPR",), 1, "page")
        with pytest.raises(Forbidden):
            await edits.restore(session, operator, 1, base_places())
        entries = await audit.entries(session, ADMIN, limit=10)
    details = {entry.action: [] for entry in entries}  # type: dict[str, list[str]]
    for entry in reversed(entries):
        details[entry.action].append(shown(entry.detail, "sr-Latn"))
    assert details["places.restored"] == [
        "ponovo verzija 1, kao verzija 3",
        "ponovo samo datoteka mesta, kao verzija 4",
    ]
    assert details["place.added"] == ["Lluzhan (Podujevo), verzija 1"]
    assert details["place.renamed"] == ["Lluzhan → Lluzhani, verzija 2"]
