"""Signed deep links printed on bills: the payload (alphabet, length, signature, expiry), the QR
codes decoded back (PNG with zxing-cpp; SVG as Chromium draws it), opening a link in the
conversation, ``kesco-bot qr`` and ``GET /api/v1/links/{code}``."""

from __future__ import annotations

import asyncio
import base64
import io
import re
import shutil
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import zxingcpp
from PIL import Image

from bot.cli.main import main
from handlers.conversation import Conversation
from handlers.turn import Deps
from services import qr
from services.db import Database
from services.deep_links import BillLinkStatus, DeepLinks, InvalidExpiry, kosovo_today
from tests.fakes.chat import FakeChat
from tests.support.browser import browser_env
from tests.support.staff import ADMIN_TOKEN, StaffServer, staff_server_fixture  # noqa: F401

SECRET = "bill-link-secret-for-tests"
LINKS = DeepLinks(secret=SECRET, telegram_bot="KescoBot", viber_chat_uri="kesco bot", valid_days=62)
START_ALPHABET = re.compile(r"[A-Za-z0-9_-]{1,64}")
CHROMIUM = "/usr/bin/chromium"


def decode_png(data: bytes) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(Image.open(io.BytesIO(data)))]


def test_the_payload_fits_telegrams_start_parameter_and_names_the_code() -> None:
    for code in ("DPR100001", "dpr 100-001", "DGL1234567890"):
        for until in (None, kosovo_today() + timedelta(days=1800), kosovo_today()):
            made = LINKS.bill_links(code, until)
            assert START_ALPHABET.fullmatch(made.payload), made.payload
            assert made.payload.startswith(made.code + "_")
            assert LINKS.read_bill(made.payload) == LINKS.read_bill(made.payload)
            check = LINKS.read_bill(made.payload)
            assert (check.status, check.code, check.valid_until) == (
                BillLinkStatus.VALID,
                made.code,
                until,
            )
    longest = LINKS.bill_payload("DGL1234567890", date(2099, 12, 31))
    assert len(longest) <= 64
    for wrong in (kosovo_today() - timedelta(days=1), kosovo_today() + timedelta(days=1900)):
        with pytest.raises(InvalidExpiry):
            LINKS.bill_links("DPR100001", wrong)
    with pytest.raises(InvalidExpiry):  # 1970-01-01 read as "never", and before it a loop
        LINKS.bill_payload("DPR100001", date(1970, 1, 1))
    made = LINKS.bill_links("DPR100001")
    assert made.valid_until == kosovo_today() + timedelta(days=61)
    assert made.telegram == f"https://t.me/KescoBot?start={made.payload}"
    assert made.viber == f"viber://pa?chatURI=kesco%20bot&context={made.payload}"


def test_a_wrong_signature_or_another_code_is_not_valid() -> None:
    payload = LINKS.bill_payload("DPR100001", None)
    code, expiry, mac = payload.split("_", 2)
    forged_mac = mac[:-1] + ("A" if mac[-1] != "A" else "B")
    assert LINKS.read_bill(f"{code}_{expiry}_{forged_mac}").status is BillLinkStatus.BAD_SIGNATURE
    other = LINKS.read_bill(f"DPR100002_{expiry}_{mac}")
    assert (other.status, other.code) == (BillLinkStatus.BAD_SIGNATURE, "DPR100002")
    longer = LINKS.read_bill(f"{code}_zzz_{mac}")
    assert longer.status is BillLinkStatus.BAD_SIGNATURE
    other_key = DeepLinks(secret="another secret")
    assert other_key.read_bill(payload).status is BillLinkStatus.BAD_SIGNATURE
    unsigned = DeepLinks()
    assert unsigned.read_bill(payload).status is BillLinkStatus.BAD_SIGNATURE
    assert unsigned.read_bill(payload).code == "DPR100001"
    assert LINKS.read_bill("DPR100001").status is BillLinkStatus.NOT_SIGNED
    assert LINKS.read_bill("share-ABCDEFGH").status is BillLinkStatus.NOT_SIGNED
    with pytest.raises(RuntimeError, match="KESCO_LINK_SECRET"):
        unsigned.bill_payload("DPR100001", None)


def test_links_expire_after_their_last_day() -> None:
    last_day = date(2026, 12, 31)
    payload = LINKS.bill_payload("DPR100001", last_day)
    assert LINKS.read_bill(payload, today=last_day).status is BillLinkStatus.VALID
    expired = LINKS.read_bill(payload, today=last_day + timedelta(days=1))
    assert (expired.status, expired.code) == (BillLinkStatus.EXPIRED, "DPR100001")
    never = LINKS.bill_payload("DPR100001", None)
    assert LINKS.read_bill(never, today=date(2200, 1, 1)).status is BillLinkStatus.VALID


def test_the_png_qr_code_decodes_to_the_link() -> None:
    made = LINKS.bill_links("DPR100001")
    for url in (made.telegram, made.viber):
        assert url is not None
        assert decode_png(qr.png(url)) == [url]


@pytest.mark.slow  # a browser
@pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason=f"{CHROMIUM} is missing")
async def test_the_svg_qr_code_as_a_browser_draws_it_decodes_to_the_link() -> None:
    from playwright.async_api import async_playwright

    url = LINKS.bill_links("DFE400004").telegram
    assert url is not None
    document = qr.svg(url, scale=6)
    assert document.startswith("<svg") and "<path" in document
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless=new", "--no-sandbox", "--disable-gpu"],
            env=browser_env(),
        )
        page = await browser.new_page(viewport={"width": 400, "height": 400})
        await page.set_content(f"<body style='margin:0;background:#fff'>{document}</body>")
        shot = await page.locator("svg").screenshot()
        await browser.close()
    assert decode_png(shot) == [url]


def linking_chat(demo_database: Database, deps: Deps, links: DeepLinks = LINKS) -> FakeChat:
    conversation = Conversation(demo_database, Deps(**{**deps.__dict__, "links": links}))
    return FakeChat(conversation.handle, channel="telegram", chat_id="bill-1", language_hint="en")


@pytest.mark.db
async def test_opening_a_signed_link_links_with_no_amount(
    demo_database: Database, deps: Deps
) -> None:
    chat = linking_chat(demo_database, deps)
    await chat.say(f"/start {LINKS.bill_payload('DPR100001', None)}")
    assert "Done! DPR100001 (A*** K***) is linked to this chat." in chat.text
    await chat.say("/bill")
    assert "42.50" in chat.text
    await chat.say(f"/start {LINKS.bill_payload('DPR100001', None)}")
    assert "DPR100001 is already linked to this chat." in chat.text


@pytest.mark.db
async def test_a_wrong_signature_is_a_plain_start_code(demo_database: Database, deps: Deps) -> None:
    chat = linking_chat(demo_database, deps)
    forged = DeepLinks(secret="not the supplier's").bill_payload("DPR100001", None)
    await chat.say(f"/start {forged}")
    assert "please prove that you hold the bill of DPR100001" in chat.text
    await chat.say("42.50")
    assert "is linked to this chat" in chat.text


@pytest.mark.db
async def test_an_expired_link_asks_for_the_amount(demo_database: Database, deps: Deps) -> None:
    chat = linking_chat(demo_database, deps)
    old = LINKS.bill_payload("DGJ200002", kosovo_today() - timedelta(days=1))
    await chat.say(f"/start {old}")
    assert "The link on this bill has expired" in chat.text
    assert "please prove that you hold the bill of DGJ200002" in chat.text


@pytest.mark.db
async def test_a_signed_link_works_while_guessing_is_locked(
    demo_database: Database, deps: Deps
) -> None:
    chat = linking_chat(demo_database, deps)
    for _attempt in range(5):
        await chat.say("/link DPR100001")
        await chat.say("1.00")
    assert "Too many wrong attempts" in chat.text
    await chat.say(f"/start {LINKS.bill_payload('DPR100001', None)}")
    assert "is linked to this chat" in chat.text


def run_cli(
    argv: list[str], monkeypatch: pytest.MonkeyPatch, capsys: Any, **env: str
) -> tuple[int, str, str]:
    for name in ("KESCO_LINK_SECRET", "KESCO_TELEGRAM_BOT_USERNAME", "KESCO_VIBER_CHAT_URI"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


CLI_ENV = {
    "KESCO_LINK_SECRET": SECRET,
    "KESCO_TELEGRAM_BOT_USERNAME": "KescoBot",
    "KESCO_VIBER_CHAT_URI": "kesco",
}


def test_kesco_bot_qr_prints_both_links_and_writes_the_qr_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    monkeypatch.chdir(tmp_path)
    png, svg = tmp_path / "bill.png", tmp_path / "bill.svg"
    code, out, _err = run_cli(
        ["qr", "dpr 100-001", "--out", str(png)], monkeypatch, capsys, **CLI_ENV
    )
    assert code == 0
    telegram = re.search(r"^telegram: (\S+)$", out, re.M)
    viber = re.search(r"^viber: (viber://pa\?chatURI=kesco&context=\S+)$", out, re.M)
    assert telegram and viber, out
    assert decode_png(png.read_bytes()) == [telegram.group(1)]
    assert DeepLinks(secret=SECRET).read_bill(telegram.group(1).split("start=")[1]).status is (
        BillLinkStatus.VALID
    )
    code, out, _err = run_cli(
        ["qr", "DPR100001", "--out", str(svg), "--messenger", "viber", "--valid-until", "never"],
        monkeypatch,
        capsys,
        **CLI_ENV,
    )
    assert code == 0 and "valid until: never" in out
    assert svg.read_text().startswith("<svg") and "_0_" in out

    code, out, _err = run_cli(["qr", "DPR100001"], monkeypatch, capsys, **CLI_ENV)
    assert code == 0 and "█" in out
    code, _out, err = run_cli(["qr", "DPR100001"], monkeypatch, capsys)
    assert code == 2 and "KESCO_LINK_SECRET is not set" in err
    code, _out, err = run_cli(["qr", "XYZ1"], monkeypatch, capsys, **CLI_ENV)
    assert code == 2 and "is not a customer code" in err
    code, _out, err = run_cli(["qr", "DPR100001", "--out", "x.pdf"], monkeypatch, capsys, **CLI_ENV)
    assert code == 2 and ".svg or .png" in err
    for extreme in ("1969-12-31", "1970-01-01", "9999-12-31"):  # the first looped for ever
        code, _out, err = run_cli(
            ["qr", "DPR100001", "--valid-until", extreme], monkeypatch, capsys, **CLI_ENV
        )
        assert code == 2 and "--valid-until: valid_until" in err, extreme


async def get_links(server: StaffServer, path: str, token: str = ADMIN_TOKEN) -> tuple[int, Any]:
    async with (
        aiohttp.ClientSession() as http,
        http.get(server.url + path, headers={"Authorization": f"Bearer {token}"}) as response,
    ):
        return response.status, await response.json()


@pytest.mark.db
async def test_the_staff_api_gives_the_links_and_qr_codes(staff_server: StaffServer) -> None:
    status, body = await get_links(staff_server, "/api/v1/links/DPR100001")
    assert status == 503 and "KESCO_LINK_SECRET" in body["error"]

    staff_server.context.links = LINKS
    until = kosovo_today() + timedelta(days=55)
    status, body = await get_links(
        staff_server, f"/api/v1/links/dpr%20100-001?valid_until={until.isoformat()}"
    )
    assert status == 200
    assert body["code"] == "DPR100001" and body["valid_until"] == until.isoformat()
    for messenger in ("telegram", "viber"):
        link = body[messenger]
        assert decode_png(base64.b64decode(link["qr_png"])) == [link["url"]]
        assert link["qr_svg"].startswith("<svg")
    assert body["telegram"]["url"] == f"https://t.me/KescoBot?start={body['payload']}"
    assert LINKS.read_bill(body["payload"], today=until).status is BillLinkStatus.VALID

    status, body = await get_links(staff_server, "/api/v1/links/DPR100001?valid_until=never")
    assert status == 200 and body["valid_until"] is None
    status, body = await get_links(staff_server, "/api/v1/links/DPR100001?valid_until=soon")
    assert (status, body["field"]) == (400, "valid_until")
    for extreme in ("1969-12-31", "1970-01-01", "2000-02-29", "9999-12-31"):  # froze the loop
        url = f"/api/v1/links/DPR100001?valid_until={extreme}"
        status, body = await asyncio.wait_for(get_links(staff_server, url), 5)
        assert (status, body["field"]) == (400, "valid_until"), extreme
    status, body = await get_links(staff_server, "/api/v1/links/XYZ")
    assert (status, body["field"]) == (400, "code")

    token = await staff_server.add_staff("mira", "operator", "DMI")
    status, body = await get_links(staff_server, "/api/v1/links/DPR100001", token)
    assert (status, body["field"]) == (403, "district")
    status, _body = await get_links(staff_server, "/api/v1/links/DMI100001", token)
    assert status == 200
    status, audit = await get_links(staff_server, "/api/v1/audit")
    made = [e for e in audit["entries"] if e["action"] == "bill_link_made"]
    assert [e["actor"] for e in made][:1] == ["mira"] and len(made) == 3
    assert made[0]["detail"].startswith("DMI100001, valid until ")
