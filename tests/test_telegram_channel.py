"""End to end: the real PTB client in TelegramChannel against the strict fake Bot API.

The conversation is replaced by a small ``handle`` here (see test_telegram_conversation.py for
the real one); the lifecycle by an in-memory double.
"""

from __future__ import annotations

import asyncio
import logging

import pytest

from tests.support.telegram import WEBHOOK_SECRET, MemoryLifecycle, running_channel
from tests.support.telegram_echo import CHAT, PAY_URL, EchoBot  # noqa: F401
from tests.support.waiting import wait_until


@pytest.fixture
def echo() -> EchoBot:
    return EchoBot()


@pytest.fixture
def lifecycle() -> MemoryLifecycle:
    return MemoryLifecycle()


@pytest.mark.parametrize("webhook", [False, True], ids=["polling", "webhook"])
async def test_start_registers_menu_and_answers_with_buttons(
    echo: EchoBot, lifecycle: MemoryLifecycle, webhook: bool
) -> None:
    async with running_channel(echo, lifecycle, webhook=webhook) as run:
        api = run.api
        menus = {language: commands for (_scope, language), commands in api.commands.items()}
        assert set(menus) == {"sq", "en", "sr", "sh", "hr", "bs", "me", ""}
        assert [c["command"] for c in menus["en"]] == [
            "bill",
            "usage",
            "pay",
            "outages",
            "alerts",
            "link",
            "accounts",
            "unlink",
            "share",
            "human",
            "language",
            "help",
            "start",
        ]
        assert menus["sq"][0] == {"command": "bill", "description": "Fatura e fundit"}
        assert menus["en"][0] == {"command": "bill", "description": "Your latest bill"}
        assert menus["sr"][0] == {"command": "bill", "description": "Последњи рачун"}
        assert menus["sh"][0] == {"command": "bill", "description": "Poslednji račun"}
        assert menus["hr"] == menus["bs"] == menus["me"] == menus["sh"]
        assert menus[""] == menus["sq"]
        update = api.message_update(CHAT, "/start", language_code="sq")
        if webhook:
            assert api.webhook == {
                "url": f"{run.public_url}/webhooks/telegram",
                "secret": WEBHOOK_SECRET,
                "allowed_updates": [
                    "message",
                    "edited_message",
                    "callback_query",
                    "my_chat_member",
                ],
            }
            assert await api.deliver(update) == 200
        else:
            assert api.sent(method="deleteWebhook")  # PTB's polling bootstrap
            api.enqueue(update)
        first, second = await api.wait_for(2, CHAT)
        assert first["text"] == "Welcome" and "reply_markup" not in first
        assert second["reply_markup"] == {
            "inline_keyboard": [
                [
                    {"text": "Shqip", "callback_data": "lang:sq"},
                    {"text": "English", "callback_data": "lang:en"},
                ]
            ]
        }
        assert "parse_mode" not in second
        assert echo.seen[0].text == "/start" and echo.seen[0].language_hint == "sq"
        assert api.rejected == []


@pytest.mark.parametrize("webhook", [False, True], ids=["polling", "webhook"])
async def test_callback_query_is_answered_and_passed_as_payload(
    echo: EchoBot, lifecycle: MemoryLifecycle, webhook: bool
) -> None:
    async with running_channel(echo, lifecycle, webhook=webhook) as run:
        api = run.api
        api.enqueue(api.message_update(CHAT, "/start")) if not webhook else await api.deliver(
            api.message_update(CHAT, "/start")
        )
        await api.wait_for(2, CHAT)
        press = api.callback_update(CHAT, "lang:en")
        api.enqueue(press) if not webhook else await api.deliver(press)
        replies = await api.wait_for(3, CHAT)
        assert replies[-1]["text"] == "pressed lang:en"
        assert api.answered_queries == [press["callback_query"]["id"]]
        assert echo.seen[-1].payload == "lang:en" and echo.seen[-1].text is None
        assert api.rejected == []


async def test_pay_gives_a_url_button(echo: EchoBot, lifecycle: MemoryLifecycle) -> None:
    async with running_channel(echo, lifecycle) as run:
        run.api.enqueue(run.api.message_update(CHAT, "/pay"))
        [reply] = await run.api.wait_for(1, CHAT)
        assert reply["reply_markup"] == {"inline_keyboard": [[{"text": "Pay", "url": PAY_URL}]]}


async def test_deep_link_reaches_the_conversation(
    echo: EchoBot, lifecycle: MemoryLifecycle
) -> None:
    async with running_channel(echo, lifecycle) as run:
        run.api.enqueue(run.api.message_update(CHAT, "/start DPR100001"))
        run.api.enqueue(run.api.message_update(CHAT + 1, "/start <script>"))
        await run.api.wait_for(1, CHAT)
        await run.api.wait_for(2, CHAT + 1)
        assert sorted(m.text for m in echo.seen) == ["/start", "/start DPR100001"]


async def test_429_is_waited_out_then_delivered(echo: EchoBot, lifecycle: MemoryLifecycle) -> None:
    async with running_channel(echo, lifecycle) as run:
        run.api.fail_next("sendMessage", times=1, status=429, retry_after=1)
        loop = asyncio.get_running_loop()
        started = loop.time()
        run.api.enqueue(run.api.message_update(CHAT, "hello"))
        [reply] = await run.api.wait_for(1, CHAT)
        assert reply["text"] == "echo hello [en]"
        assert loop.time() - started >= 1.0
        assert [r.error for r in run.api.rejected] == ["Too Many Requests: retry after 1"]


async def test_403_marks_the_chat_inactive_without_retrying(
    echo: EchoBot, lifecycle: MemoryLifecycle
) -> None:
    async with running_channel(echo, lifecycle) as run:
        run.api.block(CHAT)
        run.api.enqueue(run.api.message_update(CHAT, "/start"))
        await wait_until(lambda: lifecycle.inactive, what="the chat marked inactive")
        await asyncio.sleep(0.2)  # a second reply would have been tried by now
        assert lifecycle.inactive == {str(CHAT): "Forbidden: bot was blocked by the user"}
        assert len(run.api.rejected) == 1  # the second reply was not even tried
        assert run.api.sent(CHAT) == []


async def test_webhook_with_wrong_secret_is_refused(
    echo: EchoBot, lifecycle: MemoryLifecycle
) -> None:
    async with running_channel(echo, lifecycle, webhook=True) as run:
        api = run.api
        assert await api.deliver(api.message_update(CHAT, "/start"), secret="wrong") == 403
        assert await api.deliver(api.message_update(CHAT, "/start"), secret="") == 403
        url = f"{run.public_url}/webhooks/telegram"
        assert await api.deliver({"update_id": "x"}, url=url) == 400
        await asyncio.sleep(0.3)  # a refused update that got in anyway would be handled by now
        assert echo.seen == [] and api.sent() == [] and lifecycle.seen == set()
        assert await api.deliver(api.message_update(CHAT, "hi")) == 200
        await api.wait_for(1, CHAT)


async def test_same_update_twice_is_handled_once(echo: EchoBot, lifecycle: MemoryLifecycle) -> None:
    async with running_channel(echo, lifecycle, webhook=True) as run:
        update = run.api.message_update(CHAT, "hi")
        assert await run.api.deliver(update) == 200
        assert await run.api.deliver(update) == 200
        await run.api.wait_for(1, CHAT)
        await asyncio.sleep(0.3)  # the repeated update would be answered by now
        assert len(echo.seen) == 1 and len(run.api.sent(CHAT)) == 1


async def test_group_answers_only_commands_addressed_to_the_bot(
    echo: EchoBot, lifecycle: MemoryLifecycle
) -> None:
    group = -1001987654321
    async with running_channel(echo, lifecycle) as run:
        api = run.api
        for text in ("/bill", "hello everyone", "/bill@OtherBot", "/bill@KescoTestBot"):
            api.enqueue(api.message_update(group, text, chat_type="supergroup", user_id=CHAT))
        [reply] = await api.wait_for(1, group)
        await asyncio.sleep(0.3)  # the messages not for the bot would be answered by now
        assert reply["text"] == "echo /bill [en]"
        assert [m.text for m in echo.seen] == ["/bill"]


async def test_content_the_bot_cannot_read_goes_to_the_conversation_named(
    echo: EchoBot, lifecycle: MemoryLifecycle
) -> None:
    async with running_channel(echo, lifecycle) as run:
        api = run.api
        api.enqueue(api.media_update(CHAT, "sticker", language_code="sq"))
        api.enqueue(api.media_update(CHAT, "photo", language_code="sr"))
        api.enqueue(api.media_update(CHAT, "voice", language_code="en"))
        api.enqueue(api.media_update(CHAT, "text", edited=True, language_code="en"))
        await api.wait_for(4, CHAT)
        seen = [(m.unsupported, m.language_hint, m.text, m.payload) for m in echo.seen]
        assert seen == [
            ("sticker", "sq", None, None),
            ("photo", "sr", None, None),
            ("voice", "en", None, None),
            ("edited", "en", None, None),
        ]


async def test_a_failing_conversation_still_gets_an_answer(
    echo: EchoBot, lifecycle: MemoryLifecycle
) -> None:
    async with running_channel(echo, lifecycle) as run:
        run.api.enqueue(run.api.message_update(CHAT, "boom", language_code="sq"))
        run.api.enqueue(run.api.message_update(CHAT, "after"))
        first, second = await run.api.wait_for(2, CHAT)
        assert first["text"] == "Diçka shkoi keq. Ju lutem provoni përsëri pak më vonë."
        assert second["text"] == "echo after [en]"


async def test_long_replies_are_split_and_updates_of_a_chat_stay_in_order(
    echo: EchoBot, lifecycle: MemoryLifecycle
) -> None:
    async with running_channel(echo, lifecycle) as run:
        run.api.enqueue(run.api.message_update(CHAT, "long"))
        for n in range(5):
            run.api.enqueue(run.api.message_update(CHAT, f"m{n}"))
        replies = await run.api.wait_for(7, CHAT)
        assert [len(r["text"]) <= 4096 for r in replies[:2]] == [True, True]
        assert "reply_markup" not in replies[0] and "reply_markup" in replies[1]
        assert [r["text"] for r in replies[2:]] == [f"echo m{n} [en]" for n in range(5)]


async def test_blocking_the_bot_marks_the_chat_inactive(
    echo: EchoBot, lifecycle: MemoryLifecycle
) -> None:
    async with running_channel(echo, lifecycle) as run:
        kicked = {"status": "kicked", "user": run.api.bot, "until_date": 0}
        member = {"status": "member", "user": run.api.bot}
        change = {
            "chat": run.api.chat(CHAT),
            "from": run.api.user(CHAT),
            "date": 1763751600,
            "old_chat_member": member,
            "new_chat_member": kicked,
        }
        run.api.enqueue(run.api._update(my_chat_member=change))
        await wait_until(lambda: lifecycle.inactive, what="the kicked chat marked inactive")
        assert lifecycle.inactive == {str(CHAT): "bot kicked"}
        change = {**change, "old_chat_member": kicked, "new_chat_member": member}
        run.api.enqueue(run.api._update(my_chat_member=change))  # unblocked
        await wait_until(lambda: lifecycle.active, what="the unblocked chat marked active")
        assert lifecycle.active == [str(CHAT)] and lifecycle.inactive == {}


async def test_ping_and_no_token_in_logs(
    echo: EchoBot, lifecycle: MemoryLifecycle, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    async with running_channel(echo, lifecycle, webhook=True) as run:
        assert await run.channel.ping() is True
        await run.api.deliver(run.api.message_update(CHAT, "hi"))
        await run.api.wait_for(1, CHAT)
        run.api.token = "999:other"
        assert await run.channel.ping() is True  # a success is cached for health checks
        run.channel._last_good_ping = float("-inf")
        assert await run.channel.ping() is False
    assert f"{run.api.root}/bot***/getMe" in caplog.text  # the transport logs URLs, redacted
    assert "AAE-fake-token" not in caplog.text
    assert WEBHOOK_SECRET not in caplog.text
