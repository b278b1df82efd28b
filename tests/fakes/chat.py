"""A fake channel for conversation tests: a chat that types, presses buttons and reads."""

from __future__ import annotations

from handlers.messages import Button, Handle, IncomingMessage, OutgoingMessage


class FakeChat:
    """Drives the real conversation as one user of one chat would."""

    def __init__(
        self,
        handle: Handle,
        *,
        channel: str = "fake",
        chat_id: str = "100",
        language_hint: str | None = None,
    ) -> None:
        self._handle = handle
        self.channel = channel
        self.chat_id = chat_id
        self.language_hint = language_hint
        self.replies: list[OutgoingMessage] = []

    async def say(self, text: str) -> list[OutgoingMessage]:
        return await self._send(
            IncomingMessage(
                self.channel,
                self.chat_id,
                self.chat_id,
                text=text,
                language_hint=self.language_hint,
            )
        )

    async def share_phone(self, phone: str) -> list[OutgoingMessage]:
        """Send a phone number as the messenger's share-my-number button does."""
        return await self._send(
            IncomingMessage(
                self.channel,
                self.chat_id,
                self.chat_id,
                language_hint=self.language_hint,
                contact_phone=phone,
            )
        )

    async def press(self, label_or_payload: str) -> list[OutgoingMessage]:
        """Press a button of the last replies, by its text or its payload."""
        for button in self.buttons():
            if label_or_payload in (button.text, button.payload) and button.payload:
                return await self._send(
                    IncomingMessage(
                        self.channel,
                        self.chat_id,
                        self.chat_id,
                        payload=button.payload,
                        language_hint=self.language_hint,
                    )
                )
        raise AssertionError(f"no button {label_or_payload!r} in {self.buttons()}")

    def buttons(self) -> list[Button]:
        return [button for reply in self.replies for button in reply.all_buttons()]

    def payloads(self) -> list[str]:
        return [button.payload for button in self.buttons() if button.payload]

    @property
    def text(self) -> str:
        return "\n".join(reply.text for reply in self.replies)

    async def _send(self, message: IncomingMessage) -> list[OutgoingMessage]:
        self.replies = await self._handle(message)
        assert self.replies, "the bot must always answer"
        return self.replies
