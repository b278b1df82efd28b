"""Malformed or oddly typed updates at ``/webhooks/telegram`` get 400, are logged on one line,
reach neither the conversation nor the Bot API; the check agrees with the official Bot API."""

from __future__ import annotations

import asyncio
import copy
import json
import logging
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot.channels.telegram.update_check import FIELDS, problem_of
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.support.telegram import WEBHOOK_SECRET, MemoryLifecycle, running_channel
from tests.support.telegram_echo import CHAT, EchoBot

SPEC = json.loads((Path(__file__).parent / "fakes" / "telegram-bot-api.json").read_text("utf-8"))


def test_the_declared_fields_are_the_bot_apis() -> None:
    types = SPEC["types"]
    for kind, fields in FIELDS.items():
        spec_type = types[kind]
        spec_fields = {
            f["name"]: f
            for sub in [spec_type, *(types[s] for s in spec_type.get("subtypes", ()))]
            for f in sub.get("fields", ())
        }
        for name, (field_kind, required) in fields.items():
            assert name in spec_fields, f"{kind}.{name} is not in the Bot API"
            assert field_kind in spec_fields[name]["types"] or (
                field_kind == "MaybeInaccessibleMessage"
            ), f"{kind}.{name}: {spec_fields[name]['types']}"
            if "subtypes" not in spec_type:
                assert required == spec_fields[name]["required"], f"{kind}.{name}"


def message(**change: Any) -> dict[str, Any]:
    api = FakeTelegramAPI()
    update = api.message_update(CHAT, "/start")
    update["message"].update(change)
    return update


BAD: list[tuple[str, Any, str]] = [
    ("message is a string", {"update_id": 1, "message": ""}, "message"),
    ("string chat id", message(chat={"id": "DPR", "type": "private"}), "message.chat.id"),
    ("no chat", {"update_id": 2, "message": {"message_id": 1, "date": 1}}, "message.chat"),
    ("text is a number", message(text=5), "message.text"),
    ("text too long", message(text="a" * 4097), "message.text"),
    ("boolean id", {"update_id": True}, "update_id"),
    ("update id a string", {"update_id": "x"}, "update_id"),
    ("huge chat id", message(chat={"id": 2**60, "type": "private"}), "message.chat.id"),
    ("from is a list", message(**{"from": []}), "message.from"),
    (
        "user without id",
        message(**{"from": {"is_bot": False, "first_name": "A"}}),
        "message.from.id",
    ),
    ("photo not a list", message(text=None, photo="x"), "update"),
    ("not an object", [1, 2, 3], "body"),
    (
        "callback data too long",
        {
            "update_id": 5,
            "callback_query": {
                "id": "1",
                "chat_instance": "2",
                "data": "x" * 65,
                "from": {"id": 1, "is_bot": False, "first_name": "A"},
            },
        },
        "callback_query.data",
    ),
    (
        "callback without from",
        {"update_id": 6, "callback_query": {"id": "1", "chat_instance": "2", "data": "cmd:bill"}},
        "callback_query.from",
    ),
]


@pytest.mark.parametrize(("name", "update", "field"), BAD, ids=[b[0] for b in BAD])
def test_problems_are_named(name: str, update: Any, field: str) -> None:
    problem = problem_of(update)
    if field == "update":  # left to PTB, refused by the webhook when it cannot read it
        assert problem is None
    else:
        assert problem is not None and problem[0] == field, problem


def test_well_formed_updates_pass() -> None:
    api = FakeTelegramAPI()
    for update in (
        api.message_update(CHAT, "/start"),
        api.media_update(CHAT, "sticker"),
        api.callback_update(CHAT, "cmd:bill"),
    ):
        assert problem_of(update) is None, update


async def test_bad_updates_get_400_and_one_log_line(
    caplog: pytest.LogCaptureFixture,
) -> None:
    echo, lifecycle = EchoBot(), MemoryLifecycle()
    caplog.set_level(logging.INFO)
    async with running_channel(echo, lifecycle, webhook=True) as run:
        url = f"{run.public_url}/webhooks/telegram"
        headers = {"X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET}
        raw_bodies = [json.dumps(update).encode() for _name, update, _field in BAD] + [
            b"[" * 5000 + b"]" * 5000,
            b'{"update_id": 3, "message": {"text": "\\u0000"}}',
            b"\xff\xfe",
            b"",
            b"null",
        ]
        async with aiohttp.ClientSession() as http:
            for body in raw_bodies:
                async with http.post(url, data=body, headers=headers) as response:
                    assert response.status == 400, body[:80]
                    assert "error" in await response.json()
        await asyncio.sleep(0.3)  # a bad update that got in anyway would be handled by now
        assert echo.seen == [] and run.api.sent() == [] and lifecycle.seen == set()
        assert run.api.rejected == []
        refused = [r for r in caplog.records if "webhook call refused" in r.getMessage()]
        assert len(refused) == 1 and refused[0].exc_info is None
        assert not [r for r in caplog.records if r.exc_info and r.levelno >= logging.ERROR]
        good = copy.deepcopy(run.api.message_update(CHAT, "hi"))
        assert await run.api.deliver(good) == 200
        await run.api.wait_for(1, CHAT)
