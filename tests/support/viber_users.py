"""Shared test helpers (moved out of tests/test_viber_e2e.py)."""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from typing import Any

from tests.fakes.viber_api import FakeViberApi, post_callback
from tests.support.viber import TOKEN, fixture

USER = "Vm9yTmV3VXNlcjAwMDAwMQ=="
_tokens = itertools.count(5741400000000000000)


@dataclass
class Viber:
    """A Viber user talking to the bot, as Viber would deliver it."""

    fake: FakeViberApi
    url: str

    async def open_chat(self, context: str | None = None) -> dict[str, Any]:
        body = fixture("conversation_started_context")
        body["message_token"] = next(_tokens)
        if context is None:
            body.pop("context")
        else:
            body["context"] = context
        status, answer = await post_callback(self.url, TOKEN, body)
        assert status == 200
        return json.loads(answer)

    async def say(self, text: str) -> list[dict[str, Any]]:
        body = fixture("message_text")
        body["message_token"] = next(_tokens)
        body["sender"] = {"id": USER, "name": "Subscriber", "language": "en", "api_version": 9}
        body["message"] = {"type": "text", "text": text}
        already = len(self.fake.sent)
        status, _ = await post_callback(self.url, TOKEN, body)
        assert status == 200
        return self.fake.sent[already:]


def text_of(messages: list[dict[str, Any]]) -> str:
    return "\n".join(message["text"] for message in messages)
