"""The consumption chart through the channels: a photo uploaded to the strict fake Bot API
(sendPhoto, multipart), a Viber picture message from a signed, short-lived address that the
bot's web server serves (and refuses when forged or expired), and the console's fallback."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.channels.console import render
from bot.channels.inbound import Inbound
from bot.channels.protocol import PermanentFailure
from bot.channels.telegram import TelegramChannel, TelegramRateLimiter
from bot.channels.viber.outgoing import render_requests
from bot.web.files import BillFiles
from handlers.messages import Attachment, Button, OutgoingMessage
from services.backend.base import COMPARISON_LENGTH
from services.backend.demo import DemoBackend
from services.backend.history import bill_history_of
from services.db import Database
from services.demo_seed import ensure_demo_customers
from services.file_links import FileLinks
from services.usage.picture import chart_of
from tests.fakes.telegram_api import FakeTelegramAPI, picture_size
from tests.fakes.viber_api import BadData, validate_message
from tests.support.telegram import MemoryLifecycle

pytestmark = pytest.mark.db
TODAY = date(2026, 12, 8)
NOW = datetime(2026, 12, 8, 10, 0, tzinfo=UTC)
CHAT = 5512345678
FILES = FileLinks(public_url="https://bot.example.test", secret="s3cret-for-files")


@pytest.fixture
async def backend(database: Database) -> DemoBackend:
    await ensure_demo_customers(database, TODAY)
    return DemoBackend(database)


async def chart_message(backend: DemoBackend, url: str | None) -> OutgoingMessage:
    records = await bill_history_of(backend, "DPR100001", COMPARISON_LENGTH)
    picture = await chart_of("DPR100001", records, "sq")
    assert picture is not None
    caption = "📈 DPR100001\n" + "\n".join(f"{r.period}: {r.total_kwh}" for r in records[:12])
    attachment = Attachment("KESCO-DPR100001-consumption.png", "image/png", picture, url)
    buttons = ((Button("❓", payload="usage:why:DPR100001"),),)
    return OutgoingMessage(caption, buttons, attachment=attachment)


async def no_handle(_: object) -> list[OutgoingMessage]:
    raise AssertionError("no updates in these tests")


async def test_telegram_uploads_the_chart_as_a_photo_with_its_caption(
    backend: DemoBackend,
) -> None:
    message = await chart_message(backend, None)
    async with FakeTelegramAPI() as api:
        api.chat(CHAT)
        lifecycle = MemoryLifecycle()
        limiter = TelegramRateLimiter(chat_interval=0.01, max_retries=1, max_wait=5)
        channel = TelegramChannel(
            api.token, api.root, Inbound(no_handle, lifecycle), lifecycle, rate_limiter=limiter
        )
        await channel.application.initialize()
        try:
            await channel.sender.send(str(CHAT), message)
        finally:
            await channel.application.shutdown()
        assert api.sent(CHAT) == [] and api.rejected == []
        [sent] = api.sent(CHAT, "sendPhoto")
        [photo] = api.photos
    assert sent["caption"] == message.text
    assert sent["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "usage:why:DPR100001"
    assert photo.data == message.attachment.data  # type: ignore[union-attr]
    assert photo.content_type == "image/png" and picture_size(photo.data) == (800, 450)


async def test_a_photo_telegram_would_refuse_is_refused_by_the_fake() -> None:
    broken = Attachment("chart.png", "image/png", b"not a picture at all")
    async with FakeTelegramAPI() as api:
        api.chat(CHAT)
        lifecycle = MemoryLifecycle()
        channel = TelegramChannel(api.token, api.root, Inbound(no_handle, lifecycle), lifecycle)
        await channel.application.initialize()
        try:
            with pytest.raises(PermanentFailure, match="(?i)image_process_failed"):
                await channel.sender.send(str(CHAT), OutgoingMessage("x", attachment=broken))
        finally:
            await channel.application.shutdown()
        assert api.photos == []


@pytest.fixture
async def files(backend: DemoBackend) -> AsyncIterator[TestClient]:
    app = web.Application()
    app.add_routes(BillFiles(FILES, backend, clock=lambda: NOW).routes())
    client = TestClient(TestServer(app))
    await client.start_server()
    yield client
    await client.close()


def local(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


async def test_viber_gets_a_picture_from_a_signed_address_the_bot_serves(
    backend: DemoBackend, files: TestClient
) -> None:
    url = FILES.usage_url("DPR100001", "sr-Latn", NOW)
    assert url is not None and url.startswith("https://bot.example.test/files/usage/DPR100001/")
    message = await chart_message(backend, url)
    bodies = render_requests([message], sender={"name": "KESCO"}, receiver="viber-user==")
    for body in bodies:
        validate_message(body)
    text, picture = bodies
    assert text["type"] == "text" and text["text"] == message.text
    assert picture["type"] == "picture" and picture["media"] == url
    assert "keyboard" in picture and "keyboard" not in text  # the buttons stay at the bottom
    answer = await files.get(local(url))
    assert answer.status == 200 and answer.content_type == "image/png"
    served = await answer.read()
    assert picture_size(served) == (800, 450)


async def test_a_forged_expired_or_altered_chart_address_is_refused(files: TestClient) -> None:
    url = FILES.usage_url("DPR100001", "en", NOW)
    assert url is not None
    query = parse_qs(urlsplit(url).query)
    expires, signature = query["expires"][0], query["sig"][0]
    forged = f"/files/usage/DPR100001/en.png?expires={expires}&sig=AAAAAAAAAAAAAAAAAAAAAA"
    other_code = f"/files/usage/DGJ200002/en.png?expires={expires}&sig={signature}"
    other_language = f"/files/usage/DPR100001/sq.png?expires={expires}&sig={signature}"
    unsigned = "/files/usage/DPR100001/en.png"
    for path in (forged, other_code, other_language, unsigned):
        answer = await files.get(path)
        assert answer.status == 403, path
    late = FileLinks(FILES.public_url, FILES.secret)
    assert not late.check_usage("DPR100001", "en", expires, signature, NOW + timedelta(hours=1))
    old = FILES.usage_url("DPR100001", "en", NOW - timedelta(hours=1))
    assert old is not None
    assert (await files.get(local(old))).status == 403  # expired 45 minutes ago


def test_a_picture_viber_would_refuse_is_caught_by_the_fake() -> None:
    body = {
        "receiver": "u==",
        "sender": {"name": "KESCO"},
        "type": "picture",
        "text": "",
        "media": "https://bot.example.test/files/usage/DPR100001/en.pdf?sig=x",
    }
    with pytest.raises(BadData, match="must end with"):
        validate_message(body)
    with pytest.raises(BadData, match="120 characters"):
        validate_message(
            {**body, "media": body["media"].replace(".pdf", ".png"), "text": "x" * 121}
        )


async def test_the_console_prints_the_caption_and_the_address(backend: DemoBackend) -> None:
    message = await chart_message(backend, "https://bot.example.test/files/usage/x.png?sig=y")
    text, _buttons = render([message])
    assert message.text in text and "https://bot.example.test/files/usage/x.png?sig=y" in text
