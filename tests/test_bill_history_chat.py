"""*Earlier bills* of ``/bill`` in the conversation: shown only to chats that hold the code, an
older backend without history answered politely, and a bill's PDF as a Telegram document
(through the strict fake Bot API) and as a signed, short-lived file link in Viber."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from bot.channels.console import render
from bot.channels.registry import DIRECTORY
from bot.channels.viber.outgoing import render_requests
from bot.web.files import BillFiles
from handlers.conversation import Conversation
from handlers.messages import IncomingMessage
from handlers.turn import Deps
from services.backend.demo import DemoBackend
from services.backend.http import HttpBackend
from services.db import Database
from services.faq import FaqEngine
from services.file_links import FileLinks
from services.lifecycle import DatabaseChatLifecycle
from tests.fakes.account_backend import FakeAccountBackend
from tests.fakes.chat import FakeChat
from tests.fakes.deps import deps_for
from tests.fakes.viber_api import validate_file
from tests.support.telegram import running_channel
from tests.support.telegram_users import CHAT, TelegramUser, buttons

pytestmark = pytest.mark.db
SECRET = "file-link-secret-for-tests-0123456789abcdef"
PUBLIC = "https://bot.example.test"


def deps_with_files(backend: object, files: FileLinks | None = None) -> Deps:
    deps = deps_for(backend, default_language="en", faq=FaqEngine.load())  # type: ignore[arg-type]
    return dataclasses.replace(deps, channels=DIRECTORY, files=files or FileLinks(PUBLIC, SECRET))


@pytest.fixture
def conversation(demo_database: Database) -> Conversation:
    return Conversation(demo_database, deps_with_files(DemoBackend(demo_database)))


async def linked(conversation: Conversation, channel: str, chat_id: str = "100") -> FakeChat:
    chat = FakeChat(conversation.handle, channel=channel, chat_id=chat_id, language_hint="en")
    await chat.say("/link DPR100001")
    await chat.say("42.50")
    return chat


async def test_earlier_bills_list_the_last_twelve_in_the_chats_language(
    conversation: Conversation,
) -> None:
    chat = await linked(conversation, "viber")
    await chat.say("/bill")
    assert "bills:history:DPR100001" in chat.payloads()
    [history] = await chat.press("🗂 Earlier bills")
    lines = history.text.splitlines()
    assert lines[0] == "🗂 The last bills of DPR100001, the newest first:"
    months = [line for line in lines if "€" in line]
    assert len(months) == 12
    assert months[0].startswith("November 2026: €42.50; 683 kWh (day rate 458, night rate 225)")
    assert "unpaid, due on" in months[0]
    assert months[1].startswith("October 2026:") and "estimated reading" in months[1]
    assert "paid on" in months[1] and months[-1].startswith("December 2025:")
    assert "Estimated reading: the meter was not read" in history.text
    pdfs = [p for p in chat.payloads() if p.startswith("bills:pdf:DPR100001:")]
    assert len(pdfs) == 12

    serbian = FakeChat(conversation.handle, channel="viber", chat_id="200", language_hint="sr")
    await serbian.say("/link DPR100001")
    await serbian.say("42.50")
    await serbian.say("/bill")
    [history] = await serbian.press("bills:history:DPR100001")
    assert history.text.startswith("🗂 Последњи рачуни за DPR100001, од најновијег:")
    assert (
        "новембар 2026: 42,50\xa0€; 683 kWh (дневна тарифа 458, ноћна тарифа 225)" in history.text
    )
    assert "процењено очитавање" in history.text


@pytest.mark.parametrize(
    "payload", ["bills:history:DPR100001", "bills:pdf:DPR100001:2026-11", "bills:history:x"]
)
async def test_a_chat_that_does_not_hold_the_code_gets_nothing_of_it(
    conversation: Conversation, payload: str
) -> None:
    await linked(conversation, "viber", chat_id="holder")
    stranger = FakeChat(conversation.handle, channel="telegram", chat_id="7", language_hint="en")
    await stranger.say("/link DGJ200002")
    await stranger.say("18.20")
    replies = await conversation.handle(
        IncomingMessage("telegram", "7", "7", payload=payload, language_hint="en")
    )
    text = "\n".join(reply.text for reply in replies)
    assert "not linked to this chat" in text
    assert "42" not in text and "kWh" not in text
    assert all(reply.attachment is None for reply in replies)


async def test_an_older_backend_without_history_is_no_history(demo_database: Database) -> None:
    fake = FakeAccountBackend()  # the older contract: no /bills, no documents
    server = await fake.start()
    backend = HttpBackend(
        str(server.make_url("")).rstrip("/"), fake.token, timeout=1, attempts=2, backoff=0.01
    )
    try:
        conversation = Conversation(demo_database, deps_with_files(backend))
        chat = FakeChat(conversation.handle, channel="viber", language_hint="en")
        await chat.say("/link DPR100001")
        await chat.say("42.50")
        await chat.say("/bill")
        [answer] = await chat.press("bills:history:DPR100001")
        assert answer.text.startswith("No earlier bills of DPR100001 are available here.")
        assert "0800 791 00" in answer.text and answer.buttons == ()
    finally:
        await backend.close()
        await server.close()


async def test_the_pdf_goes_as_a_telegram_document_through_the_strict_fake(
    conversation: Conversation, demo_database: Database
) -> None:
    lifecycle = DatabaseChatLifecycle(demo_database)
    async with running_channel(conversation.handle, lifecycle) as run:
        user = TelegramUser(run.api, webhook=False, inbound=run.inbound)
        await user.press("lang:en")
        await user.say("/link DPR100001")
        await user.say("42.50")
        history = await user.press("bills:history:DPR100001")
        assert "🗂 The last bills of DPR100001" in history[0]["text"]
        pdf_button = next(b for b in buttons(history) if b["text"].startswith("📄 November"))
        run.api.enqueue(run.api.callback_update(CHAT, pdf_button["callback_data"]))
        [sent] = await run.api.wait_for(1, CHAT, method="sendDocument")
        assert run.api.rejected == []
    [upload] = run.api.documents
    assert upload.data.startswith(b"%PDF-1.4") and b"DPR100001" in upload.data
    assert upload.filename == "KESCO-DPR100001-2026-11.pdf"
    assert sent["caption"] == "🧾 The bill of DPR100001 for November 2026, as a PDF."


@pytest.fixture
async def files_server(demo_database: Database) -> AsyncIterator[tuple[str, list[datetime]]]:
    now = [datetime.now(UTC)]
    app = web.Application()
    files = BillFiles(FileLinks(PUBLIC, SECRET), DemoBackend(demo_database), clock=lambda: now[0])
    app.add_routes(files.routes())
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    yield str(server.make_url("")).rstrip("/"), now
    await server.close()


async def fetch(root: str, url: str) -> tuple[int, bytes]:
    parts = urlsplit(url)
    async with (
        aiohttp.ClientSession() as session,
        session.get(f"{root}{parts.path}?{parts.query}") as response,
    ):
        return response.status, await response.read()


async def test_viber_gets_a_signed_file_link_that_expires_and_cannot_be_forged(
    conversation: Conversation, files_server: tuple[str, list[datetime]]
) -> None:
    root, now = files_server
    chat = await linked(conversation, "viber")
    await chat.say("/bill")
    await chat.press("bills:history:DPR100001")
    [reply] = await chat.press("bills:pdf:DPR100001:2026-11")
    attachment = reply.attachment
    assert attachment is not None and attachment.url is not None
    assert attachment.url.startswith(f"{PUBLIC}/files/bills/DPR100001/2026-11.pdf?expires=")
    bodies = render_requests([reply], sender={"name": "KESCO"}, receiver="v==")
    assert [body["type"] for body in bodies] == ["text", "file"]
    validate_file(bodies[-1])
    assert bodies[-1]["media"] == attachment.url and bodies[-1]["size"] == len(attachment.data)

    status, body = await fetch(root, attachment.url)
    assert status == 200 and body == attachment.data
    query = parse_qs(urlsplit(attachment.url).query)
    forged = attachment.url.replace(query["sig"][0], "A" * len(query["sig"][0]))
    assert (await fetch(root, forged))[0] == 403
    other_bill = attachment.url.replace("2026-11", "2026-10")  # a signature of another bill
    assert (await fetch(root, other_bill))[0] == 403
    later = str(int(query["expires"][0]) + 3600)
    assert (await fetch(root, attachment.url.replace(query["expires"][0], later)))[0] == 403
    now[0] += timedelta(minutes=16)  # past its 15 minutes
    assert (await fetch(root, attachment.url))[0] == 403


async def test_the_console_prints_the_signed_link(
    conversation: Conversation,
) -> None:
    chat = await linked(conversation, "console")
    await chat.say("/bill")
    await chat.press("bills:history:DPR100001")
    replies = await chat.press("bills:pdf:DPR100001:2026-11")
    printed, _buttons = render(replies)
    assert "📎 KESCO-DPR100001-2026-11.pdf: https://bot.example.test/files/bills/" in printed
