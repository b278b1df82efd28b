"""The fake Bot API server is strict: it rejects what Telegram would reject (so tests can fail)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest

from tests.fakes.telegram_api import TOKEN, FakeTelegramAPI

CHAT = 5512345678


@pytest.fixture
async def api() -> AsyncIterator[FakeTelegramAPI]:
    async with FakeTelegramAPI() as fake:
        fake.chat(CHAT)
        yield fake


async def call(
    api: FakeTelegramAPI, method: str, token: str = TOKEN, *, form: bool = False, **params: Any
) -> tuple[int, dict[str, Any]]:
    url = f"{api.root}/bot{token}/{method}"
    async with aiohttp.ClientSession() as session:
        if form:
            encoded = {k: v if isinstance(v, str) else json.dumps(v) for k, v in params.items()}
            request = session.post(url, data=encoded)
        else:
            request = session.post(url, json=params)
        async with request as response:
            return response.status, await response.json()


def keyboard(*buttons: dict[str, Any]) -> dict[str, Any]:
    return {"inline_keyboard": [list(buttons)]}


async def test_accepts_a_well_formed_send_message_as_json_and_as_form(api: FakeTelegramAPI) -> None:
    markup = keyboard(
        {"text": "Pay", "url": "https://pay.example/?c=1"},
        {"text": "Menu", "callback_data": "menu"},
    )
    status, body = await call(api, "sendMessage", chat_id=CHAT, text="Hi", reply_markup=markup)
    assert status == 200 and body["ok"] and body["result"]["text"] == "Hi"
    assert body["result"]["chat"]["id"] == CHAT and body["result"]["reply_markup"] == markup
    status, body = await call(
        api,
        "sendMessage",
        form=True,
        chat_id=CHAT,
        text="123",
        disable_notification=True,
        reply_markup=markup,
    )
    assert status == 200, body
    assert api.calls[-1].params == {
        "chat_id": CHAT,
        "text": "123",
        "disable_notification": True,
        "reply_markup": markup,
    }


@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        ({"chat_id": CHAT}, "text is missing"),
        ({"text": "hi"}, "chat_id is missing"),
        ({"chat_id": CHAT, "text": 5}, "text must be of type String"),
        ({"chat_id": [CHAT], "text": "hi"}, "chat_id matches none of Integer, String"),
        ({"chat_id": CHAT, "text": "hi", "disable_notification": "yes"}, "Boolean"),
        ({"chat_id": CHAT, "text": "hi", "colour": "red"}, "unknown field colour"),
        ({"chat_id": CHAT, "text": ""}, "message text is empty"),
        ({"chat_id": CHAT, "text": "  \n"}, "message text is empty"),
        ({"chat_id": CHAT, "text": "x" * 4097}, "message is too long"),
        ({"chat_id": CHAT, "text": "😀" * 2049}, "message is too long"),
        ({"chat_id": 777, "text": "hi"}, "chat not found"),
        ({"chat_id": CHAT, "text": "hi", "parse_mode": "RTF"}, "parse_mode"),
    ],
)
async def test_rejects_malformed_send_message(
    api: FakeTelegramAPI, params: dict[str, Any], fragment: str
) -> None:
    status, body = await call(api, "sendMessage", **params)
    assert status == 400 and body["ok"] is False and body["error_code"] == 400
    assert fragment in body["description"], body
    assert api.calls == [] and len(api.rejected) == 1


@pytest.mark.parametrize(
    ("button", "fragment"),
    [
        ({"text": "x", "callback_data": "a" * 65}, "BUTTON_DATA_INVALID"),
        ({"text": "x", "callback_data": "ë" * 33}, "BUTTON_DATA_INVALID"),
        ({"text": "x", "callback_data": ""}, "BUTTON_DATA_INVALID"),
        ({"text": "x"}, "exactly one action"),
        ({"text": "x", "url": "https://a.example", "callback_data": "a"}, "exactly one action"),
        ({"text": "x", "url": "javascript:alert(1)"}, "BUTTON_URL_INVALID"),
        ({"text": "x", "url": "ftp://files.example/bill.pdf"}, "BUTTON_URL_INVALID"),
        ({"text": "x", "callback_data": "a", "colour": "red"}, "unknown field"),
        ({"text": 7, "callback_data": "a"}, "must be of type String"),
        ({"text": "", "callback_data": "a"}, "text must not be empty"),
    ],
)
async def test_rejects_bad_inline_buttons(
    api: FakeTelegramAPI, button: dict[str, Any], fragment: str
) -> None:
    status, body = await call(
        api, "sendMessage", chat_id=CHAT, text="t", reply_markup=keyboard(button)
    )
    assert status == 400 and fragment in body["description"], body


@pytest.mark.parametrize(("rows", "size"), [(101, 1), (13, 8), (1, 9)])
async def test_rejects_too_many_inline_buttons(api: FakeTelegramAPI, rows: int, size: int) -> None:
    markup = {"inline_keyboard": [[{"text": "x", "callback_data": "a"}] * size] * rows}
    status, body = await call(api, "sendMessage", chat_id=CHAT, text="t", reply_markup=markup)
    assert status == 400 and "BUTTONS_TOO_MUCH" in body["description"], body


async def test_accepts_a_hundred_inline_buttons_eight_a_row(api: FakeTelegramAPI) -> None:
    rows = [[{"text": "x", "callback_data": "a"}] * 8] * 12 + [
        [{"text": "y", "url": "https://a.b"}] * 4
    ]
    markup = {"inline_keyboard": rows}
    status, body = await call(api, "sendMessage", chat_id=CHAT, text="t", reply_markup=markup)
    assert status == 200, body


async def test_rejects_keyboard_that_is_not_an_array_of_arrays(api: FakeTelegramAPI) -> None:
    markup = {"inline_keyboard": [{"text": "x", "callback_data": "a"}]}
    status, body = await call(api, "sendMessage", chat_id=CHAT, text="t", reply_markup=markup)
    assert status == 400, body
    status, body = await call(
        api, "sendMessage", form=True, chat_id=CHAT, text="t", reply_markup="{not json"
    )
    assert status == 400, body


async def test_unknown_method_and_wrong_token(api: FakeTelegramAPI) -> None:
    status, body = await call(api, "sendTelepathy", chat_id=CHAT)
    assert (status, body["ok"]) == (400, False)
    status, body = await call(api, "getMe", token="123:wrong")
    assert (status, body) == (401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
    status, body = await call(api, "getme")  # Telegram's method names are case-insensitive
    assert status == 200 and body["result"]["username"] == "KescoTestBot"


@pytest.mark.parametrize(
    ("commands", "language", "fragment"),
    [
        ([{"command": "Bill", "description": "Bill"}], "en", "BOT_COMMAND_INVALID"),
        ([{"command": "b" * 33, "description": "Bill"}], "en", "BOT_COMMAND_INVALID"),
        ([{"command": "bill", "description": ""}], "en", "description"),
        ([{"command": "bill", "description": "d" * 257}], "en", "description"),
        ([{"command": "bill"}], "en", "description is missing"),
        ([{"command": "bill", "description": "Bill"}], "eng", "language code"),
    ],
)
async def test_rejects_bad_commands(
    api: FakeTelegramAPI, commands: list[dict[str, Any]], language: str, fragment: str
) -> None:
    status, body = await call(api, "setMyCommands", commands=commands, language_code=language)
    assert status == 400 and fragment in body["description"], body


async def test_commands_round_trip_with_scope(api: FakeTelegramAPI) -> None:
    commands = [{"command": "bill", "description": "Fatura e fundit"}]
    status, _ = await call(
        api,
        "setMyCommands",
        commands=commands,
        language_code="sq",
        scope={"type": "all_private_chats"},
    )
    assert status == 200
    status, body = await call(api, "setMyCommands", commands=commands, scope={"type": "moon"})
    assert status == 400, body
    _, body = await call(
        api, "getMyCommands", language_code="sq", scope={"type": "all_private_chats"}
    )
    assert body["result"] == commands


async def test_answer_callback_query_only_for_issued_ids_once(api: FakeTelegramAPI) -> None:
    status, body = await call(api, "answerCallbackQuery", callback_query_id="12345")
    assert status == 400 and "query ID is invalid" in body["description"]
    query_id = api.callback_update(CHAT, "lang:en")["callback_query"]["id"]
    assert (await call(api, "answerCallbackQuery", callback_query_id=query_id))[0] == 200
    assert (await call(api, "answerCallbackQuery", callback_query_id=query_id))[0] == 400


async def test_injected_failures(api: FakeTelegramAPI) -> None:
    api.fail_next("sendMessage", times=1, status=429, retry_after=3)
    status, body = await call(api, "sendMessage", chat_id=CHAT, text="a")
    assert status == 429 and body["parameters"] == {"retry_after": 3}
    api.fail_next("sendMessage", status=502)
    assert (await call(api, "sendMessage", chat_id=CHAT, text="a"))[0] == 502
    api.block(CHAT)
    status, body = await call(api, "sendMessage", chat_id=CHAT, text="a")
    assert (status, body["description"]) == (403, "Forbidden: bot was blocked by the user")
    assert api.calls == []


async def test_get_updates_long_polls_and_confirms_with_offset(api: FakeTelegramAPI) -> None:
    loop = asyncio.get_running_loop()
    started = loop.time()
    poll = asyncio.create_task(call(api, "getUpdates", timeout=5))
    await asyncio.sleep(0.2)  # the long poll is open and waiting (the update comes in later)
    update = api.enqueue(api.message_update(CHAT, "/start"))
    status, body = await poll
    assert status == 200 and body["result"] == [update]
    assert loop.time() - started < 4
    _, body = await call(api, "getUpdates", offset=update["update_id"] + 1, timeout=0)
    assert body["result"] == [] and api.updates == []


async def test_get_updates_conflicts_with_webhook(api: FakeTelegramAPI) -> None:
    status, _ = await call(
        api, "setWebhook", url="https://bot.example/webhooks/telegram", secret_token="s3cr3t_-"
    )
    assert status == 200
    status, body = await call(api, "getUpdates")
    assert status == 409 and "webhook is active" in body["description"]
    status, body = await call(api, "setWebhook", url="https://bot.example", secret_token="a b")
    assert status == 400, body


async def test_edit_message_needs_an_existing_changed_message(api: FakeTelegramAPI) -> None:
    _, body = await call(api, "sendMessage", chat_id=CHAT, text="one")
    message_id = body["result"]["message_id"]
    assert (await call(api, "editMessageText", chat_id=CHAT, message_id=999, text="x"))[0] == 400
    assert (await call(api, "editMessageText", chat_id=CHAT, message_id=message_id, text="one"))[
        0
    ] == 400
    assert (await call(api, "editMessageText", chat_id=CHAT, message_id=message_id, text="two"))[
        0
    ] == 200
