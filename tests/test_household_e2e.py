"""One household across messengers, end to end: the real python-telegram-bot against the fake
Bot API and the real viberbot against the fake Viber API, one conversation, one database, and
the alert dispatcher sending through both.

A Telegram chat proves a code and shares it; a Viber user opens the deep link it gave and has
the code without a second proof; a bill reaches each chat once, in its own language; then the
other way round, from Viber to Telegram with the t.me link.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest

from bot.channels.inbound import Inbound
from bot.channels.registry import DIRECTORY
from bot.channels.viber import ViberChannel
from bot.delivery.dispatcher import Dispatcher
from handlers.conversation import Conversation
from handlers.turn import Deps
from services import alerts
from services.backend.demo import DemoBackend
from services.db import Database
from services.deep_links import DeepLinks
from services.lifecycle import DatabaseChatLifecycle
from services.linking import LinkingService
from services.payments import PaymentLinks
from tests.fakes.viber_api import FakeViberApi
from tests.support.alerts import (
    MovingClock,
    bill_issued,
    dispatching,
    fast_config,
    next_noon,
    wait_until,
)
from tests.support.telegram import running_channel
from tests.support.telegram_users import CHAT, TelegramUser, buttons, text
from tests.support.viber import TOKEN, serve
from tests.support.viber_users import USER, Viber, text_of

pytestmark = pytest.mark.db
LINKS = DeepLinks(
    secret="e2e-link-secret", telegram_bot="KescoTestBot", viber_chat_uri="kesco-test"
)


def household_conversation(database: Database) -> Conversation:
    backend = DemoBackend(database)
    deps = Deps(
        backend=backend,
        linking=LinkingService(backend),
        payments=PaymentLinks("https://pay.example.test/?code={code}&amount={amount}"),
        channels=DIRECTORY,
        links=LINKS,
    )
    return Conversation(database, deps)


@asynccontextmanager
async def both_messengers(
    database: Database,
) -> AsyncIterator[tuple[TelegramUser, Viber, Dispatcher]]:
    conversation = household_conversation(database)
    lifecycle = DatabaseChatLifecycle(database)
    async with running_channel(conversation.handle, lifecycle) as run, FakeViberApi(TOKEN) as fake:
        viber_channel = ViberChannel(
            TOKEN, fake.url, Inbound(conversation.handle, lifecycle), lifecycle
        )
        runner, base = await serve(viber_channel.aiohttp_routes())
        senders = {"telegram": run.channel.sender, "viber": viber_channel.sender}
        # noon in Kosovo, whatever the hour of the run: bills wait for the morning at night
        noon = next_noon()
        dispatcher = Dispatcher(database, senders, config=fast_config(), clock=MovingClock(noon))
        try:
            yield (
                TelegramUser(run.api, webhook=False, inbound=run.inbound),
                Viber(fake, f"{base}/webhooks/viber"),
                dispatcher,
            )
        finally:
            await viber_channel.stop()
            await runner.cleanup()


async def test_share_from_telegram_to_viber_and_alerts_in_each_language(
    demo_database: Database,
) -> None:
    async with both_messengers(demo_database) as (telegram, viber, dispatcher):
        await telegram.say("/start", language_code="sq")
        await telegram.press("lang:sq")
        await telegram.say("/link DPR100001")
        await telegram.say("42.50")
        replies = await telegram.say("/share")
        shown = text(replies)
        code = re.search(r"/share ([A-Z2-9]{4}-[A-Z2-9]{4})", shown)
        link = re.search(r"viber://pa\?chatURI=kesco-test&context=(share-[A-Z2-9]{8})", shown)
        assert code and link, shown
        assert link.group(1) == "share-" + code.group(1).replace("-", "")
        assert not any(b.get("url", "").startswith("viber:") for b in buttons(replies))
        assert telegram.api.rejected == []

        welcome = await viber.open_chat(link.group(1))
        assert (
            "Done! This chat now shares these customer codes with a Telegram chat: DPR100001."
            in welcome["text"]
        )
        await viber.say("lang:en")
        replies = await viber.say("/bill")
        assert "42.50" in text_of(replies)

        before = len(telegram.api.sent(CHAT))
        noon = next_noon()
        result = await alerts.ingest_event(demo_database, bill_issued(at=noon), now=noon)
        assert result.recipients == 2
        async with dispatching(dispatcher):
            await wait_until(lambda: len(telegram.api.sent(CHAT)) >= before + 2)
            await wait_until(lambda: any("New bill" in m["text"] for m in viber.fake.sent))
        telegram_texts = [m["text"] for m in telegram.api.sent(CHAT)[before:]]
        announced = "🔔 Një bisedë e re në Viber lidhi DPR100001"
        assert any(t.startswith(announced) for t in telegram_texts)
        assert [t for t in telegram_texts if "DPR100001" in t and "Faturë e re" in t]
        bills = [m for m in viber.fake.sent if "New bill" in m.get("text", "")]
        assert len(bills) == 1 and bills[0]["receiver"] == USER
        assert "🧾 New bill for DPR100001" in bills[0]["text"]


async def test_share_from_viber_to_telegram_with_the_tme_link(demo_database: Database) -> None:
    async with both_messengers(demo_database) as (telegram, viber, _dispatcher):
        await viber.open_chat()
        await viber.say("lang:en")
        await viber.say("/link DGJ200002")
        await viber.say("18.20")
        replies = await viber.say("/share")
        url_buttons = [
            b["ActionBody"]
            for m in replies
            for b in m.get("keyboard", {}).get("Buttons", [])
            if b.get("ActionType") == "open-url"
        ]
        [tme] = [u for u in url_buttons if u.startswith("https://t.me/KescoTestBot?start=share-")]
        payload = tme.split("start=", 1)[1]
        assert tme in text_of(replies)

        replies = await telegram.say(f"/start {payload}")
        assert "with a Viber chat: DGJ200002" in text(replies)
        replies = await telegram.say("/accounts")
        assert "Viber, proved the codes" in text(replies)
        assert "Telegram (this chat), since" in text(replies)
        assert "hh:leave:" in str([b.get("callback_data") for b in buttons(replies)])
        assert telegram.api.rejected == []


async def test_a_signed_bill_link_links_in_both_messengers(demo_database: Database) -> None:
    async with both_messengers(demo_database) as (telegram, viber, _dispatcher):
        made = LINKS.bill_links("DFE400004")
        assert made.telegram and made.viber
        replies = await telegram.say("/start " + made.telegram.split("start=", 1)[1])
        assert "Done! DFE400004 (" in text(replies) and "is linked to this chat." in text(replies)

        welcome = await viber.open_chat(made.viber.split("context=", 1)[1])
        assert "Done! DFE400004 (" in welcome["text"]
        replies = await viber.say("/bill")
        assert "35.10" in text_of(replies)

        forged = made.payload[:-2] + ("AA" if not made.payload.endswith("AA") else "BB")
        welcome = await viber.open_chat(forged)
        assert "DFE400004 is already linked to this chat." in welcome["text"]
