"""The one way in for every channel: dedup, one message of a chat at a time, the conversation,
a fallback answer when it fails, the replies sent.

Adapters convert what their messenger delivered into an :class:`IncomingMessage` and give it
to :meth:`Inbound.receive`, with the key their messenger repeats a delivery under (Telegram's
``update_id``, Viber's message token) and, if they send replies themselves, how to send them.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from bot.channels.protocol import ChatLifecycle, DeliveryError
from handlers.messages import Handle, IncomingMessage, OutgoingMessage
from locales import languages
from locales.translation import N_, translate
from services.quiet_log import QuietLog

log = logging.getLogger(__name__)
_QUIET = QuietLog(log)

Send = Callable[[Sequence[OutgoingMessage]], Awaitable[None]]
SOMETHING_WENT_WRONG = N_("Something went wrong. Please try again in a moment.")


@dataclass
class _ChatTurns:
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    users: int = 0


class Inbound:
    """The inbound pipeline shared by every channel adapter.

    ``handle`` is the conversation; ``lifecycle.first_delivery`` remembers the delivery keys.
    Messages of one chat (channel and chat id) are handled one at a time, in the order they
    arrived, replies included; different chats concurrently. A chat's lock exists only while a
    message of it is in hand.
    """

    def __init__(
        self, handle: Handle, lifecycle: ChatLifecycle, *, default_language: str = "sq"
    ) -> None:
        self._handle = handle
        self._lifecycle = lifecycle
        self._default_language = default_language
        self._chats: dict[tuple[str, str], _ChatTurns] = {}

    @property
    def chats_in_hand(self) -> int:
        """How many chats have a message being handled or waiting (their locks)."""
        return len(self._chats)

    async def receive(
        self,
        message: IncomingMessage,
        *,
        key: str | None = None,
        send: Send | None = None,
        acknowledge: Callable[[], Awaitable[None]] | None = None,
    ) -> list[OutgoingMessage] | None:
        """Handle ``message`` once and answer it.

        ``key`` identifies the delivery (``None``: the channel never repeats one); a key seen
        before means a repeated delivery, which is dropped (``None`` is returned). Otherwise
        the replies are returned, after being given to ``send`` when there is one.
        ``acknowledge`` runs first, in the chat's turn, for a messenger that wants every new
        delivery acknowledged before the answer (Telegram's button presses). A failing
        conversation is logged and answered with an apology in the user's language (from the
        messenger's language code, else the default); a failing send is logged.
        """
        async with self._turn_of(message):
            if key is not None and not await self._first_delivery(message.channel, key):
                log.info("%s delivery %s repeated; handled once", message.channel, key)
                return None
            if acknowledge is not None:
                await acknowledge()
            replies = await self._replies_to(message)
            if send is not None and replies:
                try:
                    await send(replies)
                except DeliveryError as error:
                    log.warning(
                        "%s reply to chat %s not delivered: %s: %s",
                        message.channel,
                        message.chat_id,
                        type(error).__name__,
                        error,
                    )
            return replies

    def fallback(self, language_hint: str | None) -> OutgoingMessage:
        """The apology sent when the conversation fails, in the language the hint names."""
        return OutgoingMessage(translate(SOMETHING_WENT_WRONG, self.language_for(language_hint)))

    def language_for(self, language_hint: str | None) -> str:
        """Our language for a messenger's language code, else the default language."""
        return languages.from_messenger(language_hint) or self._default_language

    @asynccontextmanager
    async def _turn_of(self, message: IncomingMessage) -> AsyncIterator[None]:
        key = (message.channel, message.chat_id)
        turns = self._chats.setdefault(key, _ChatTurns())
        turns.users += 1
        try:
            async with turns.lock:
                yield
        finally:
            turns.users -= 1
            if turns.users == 0:
                del self._chats[key]

    async def _first_delivery(self, channel: str, key: str) -> bool:
        try:
            first = await self._lifecycle.first_delivery(channel, key)
        except Exception as error:  # noqa: BLE001 - the database may be down for a while
            _QUIET.failure(
                "dedup",
                "could not record %s delivery %s; handling it anyway",
                channel,
                key,
                exc_info=error,
                level=logging.ERROR,
            )
            return True
        _QUIET.recovered("dedup", "recording deliveries works again")
        return first

    async def _replies_to(self, message: IncomingMessage) -> list[OutgoingMessage]:
        try:
            return list(await self._handle(message))
        except Exception:
            log.exception(
                "the conversation failed on a %s message in chat %s",
                message.channel,
                message.chat_id,
            )
            return [self.fallback(message.language_hint)]
