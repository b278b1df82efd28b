"""Shared test helpers (moved out of tests/test_telegram_conversation.py)."""

from __future__ import annotations

import asyncio
from typing import Any

from tests.fakes.telegram_api import FakeTelegramAPI

CHAT = 5512345678


class TelegramUser:
    """One Telegram user typing and pressing buttons, over polling or the webhook."""

    def __init__(self, api: FakeTelegramAPI, webhook: bool, chat_id: int = CHAT) -> None:
        self.api, self.webhook, self.chat_id = api, webhook, chat_id

    async def _send(self, update: dict[str, Any]) -> list[dict[str, Any]]:
        """Send ``update``; the messages sent and edited in answer (``editMessageText`` calls
        have the ``message_id`` they replaced)."""
        before = len(self.api.replies(self.chat_id))
        if self.webhook:
            assert await self.api.deliver(update) == 200
        else:
            self.api.enqueue(update)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 10.0
        while len(self.api.replies(self.chat_id)) <= before:
            assert loop.time() < deadline, f"no answer; rejected: {self.api.rejected}"
            await asyncio.sleep(0.02)
        await asyncio.sleep(0.15)  # let the rest of a multi-message reply arrive
        return self.api.replies(self.chat_id)[before:]

    async def say(self, text: str, language_code: str = "en") -> list[dict[str, Any]]:
        return await self._send(
            self.api.message_update(self.chat_id, text, language_code=language_code)
        )

    async def share_contact(self, phone: str) -> list[dict[str, Any]]:
        """Press the share-my-number button of the bot's reply keyboard."""
        return await self._send(self.api.contact_update(self.chat_id, phone))

    async def press(self, callback_data: str) -> list[dict[str, Any]]:
        update = self.api.callback_update(self.chat_id, callback_data)
        replies = await self._send(update)
        assert update["callback_query"]["id"] in self.api.answered_queries
        return replies


def buttons(replies: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        button
        for reply in replies
        for row in reply.get("reply_markup", {}).get("inline_keyboard", [])
        for button in row
    ]


def text(replies: list[dict[str, Any]]) -> str:
    return "\n".join(reply["text"] for reply in replies)
