"""Shared test helpers (moved out of tests/test_telegram_conversation.py)."""

from __future__ import annotations

from typing import Any

from bot.channels.inbound import Inbound
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.support.waiting import wait_until

CHAT = 5512345678


class TelegramUser:
    """One Telegram user typing and pressing buttons, over polling or the webhook."""

    def __init__(
        self, api: FakeTelegramAPI, webhook: bool, inbound: Inbound, chat_id: int = CHAT
    ) -> None:
        self.api, self.webhook, self.chat_id = api, webhook, chat_id
        self.inbound = inbound  # the channel's: the answer is whole when the turn is over

    async def _send(self, update: dict[str, Any]) -> list[dict[str, Any]]:
        """Send ``update``; the messages sent and edited in answer (``editMessageText`` calls
        have the ``message_id`` they replaced)."""
        before = len(self.api.replies(self.chat_id))
        if self.webhook:
            assert await self.api.deliver(update) == 200
        else:
            self.api.enqueue(update)
        await wait_until(
            lambda: len(self.api.replies(self.chat_id)) > before,
            timeout=30,  # generous: a loaded machine is slow, a passing run never waits it out
            what=lambda: f"an answer (rejected: {self.api.rejected})",
        )
        # the first message is in: the rest of a multi-message answer is sent in the same turn
        await wait_until(
            lambda: self.inbound.chats_in_hand == 0, timeout=30, what="the end of the turn"
        )
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
