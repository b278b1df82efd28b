"""The console channel: the conversation in a terminal, buttons as numbered choices.

It reads standard input line by line, so it can be scripted. Typing the number of a button
presses it; URL buttons print their address. While the conversation waits for a typed answer
(an amount, a code), numbers are that answer: the buttons are then shown as ``#1``, ``#2``
and pressed by typing ``#1``. A terminal has no share-my-number button: such a button is left
out (the conversation offers it only where the messenger has one; the number is typed). A
terminal cannot take a file: an attachment is printed as its name and its signed address.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Sequence
from typing import TextIO

from aiohttp import web

from bot.channels.inbound import Inbound
from bot.channels.protocol import SendingLimits, Sent
from bot.channels.setup import ChannelSetup
from handlers.messages import Button, IncomingMessage, OutgoingMessage
from services.numbers import whole_number
from services.periodic import cancel_and_wait

CHANNEL = "console"


def awaits_text(replies: Sequence[OutgoingMessage]) -> bool:
    return bool(replies) and replies[-1].awaits_text


def render(replies: Sequence[OutgoingMessage]) -> tuple[str, list[Button]]:
    """Replies as terminal text, and the buttons in the order of their numbers."""
    lines: list[str] = []
    buttons: list[Button] = []
    mark = "#" if awaits_text(replies) else ""
    for reply in replies:
        lines.append(reply.text)
        if reply.attachment is not None:
            lines.append(f"  📎 {reply.attachment.filename}: {reply.attachment.url or '-'}")
        for row in reply.buttons:
            for button in row:
                if button.share_phone:
                    continue
                buttons.append(button)
                target = f" → {button.url}" if button.url else ""
                lines.append(f"  [{mark}{len(buttons)}] {button.text}{target}")
        lines.append("")
    return "\n".join(lines), buttons


def pressed_button(line: str, buttons: Sequence[Button], typing: bool = False) -> Button | None:
    """The button whose number ``line`` is, if it is one (``#n`` always; ``n`` unless the
    conversation is ``typing``: waiting for a typed answer)."""
    text = line.strip()
    if text.startswith("#"):
        text = text[1:]
    elif typing:
        return None
    chosen = whole_number(text, 4)
    if chosen is not None and 1 <= chosen <= len(buttons):
        return buttons[chosen - 1]
    return None


def to_incoming(
    line: str, buttons: Sequence[Button], chat_id: str, typing: bool = False
) -> IncomingMessage | None:
    """A typed line as a message: a number presses the button with that number."""
    text = line.strip()
    if not text:
        return None
    pressed = pressed_button(text, buttons, typing)
    if pressed is None:
        return IncomingMessage(CHANNEL, chat_id, chat_id, text=text)
    if pressed.payload is None:
        return None
    return IncomingMessage(CHANNEL, chat_id, chat_id, payload=pressed.payload)


class ConsoleSender:
    """Writes messages to the terminal (the console's
    :class:`~bot.channels.protocol.ChannelSender`).

    The console never gets alerts (its traits say it does not push); this is what the
    pipeline's replies are written with.
    """

    channel = CHANNEL

    def __init__(self, sink: TextIO, prompt: bool = False) -> None:
        self._sink = sink
        self._prompt = prompt
        self.buttons: list[Button] = []
        self.typing = False

    @property
    def limits(self) -> SendingLimits:
        return SendingLimits(rate=0.0)

    async def send(self, chat_id: str, message: OutgoingMessage) -> None:
        await self.show([message])

    async def send_alert(
        self, chat_id: str, message: OutgoingMessage, *, fast: bool = False
    ) -> Sent:
        await self.show([message])
        return Sent()

    async def probe(self) -> bool:
        return True

    async def show(self, replies: Sequence[OutgoingMessage]) -> None:
        """Write ``replies``; their buttons become the numbered choices."""
        text, self.buttons = render(replies)
        self.typing = awaits_text(replies)
        self.write(text + "\n> " if self._prompt else text + "\n")

    def write(self, text: str) -> None:
        self._sink.write(text)
        self._sink.flush()


class ConsoleChannel:
    """Drives one conversation from ``source`` to ``sink`` until end of input.

    Each line goes through the ``inbound`` pipeline like a messenger's message (the console has
    no redeliveries, so no dedup key). :meth:`run` is what ``kesco-bot chat`` calls;
    :meth:`start` and :meth:`stop` run it in the background, as the
    :class:`~bot.channels.protocol.Channel` protocol has it.
    """

    name = CHANNEL

    def __init__(
        self,
        inbound: Inbound,
        source: TextIO = sys.stdin,
        sink: TextIO = sys.stdout,
        chat_id: str = "console",
    ) -> None:
        self._inbound = inbound
        self._source = source
        self._chat_id = chat_id
        self.sender = ConsoleSender(sink, prompt=source.isatty())
        self._task: asyncio.Task[None] | None = None

    def aiohttp_routes(self) -> list[web.RouteDef]:
        return []

    async def start(self) -> None:
        self._task = asyncio.create_task(self.run())

    async def stop(self) -> None:
        if self._task is not None:
            await cancel_and_wait(self._task)
            self._task = None

    async def ping(self) -> bool:
        return True

    async def run(self, greet: bool = True) -> None:
        """Greet (``/start``), then answer every line until end of input."""
        if greet:
            await self._exchange(IncomingMessage(CHANNEL, self._chat_id, text="/start"))
        while True:
            line = await asyncio.to_thread(self._source.readline)
            if not line:
                return
            buttons, typing = self.sender.buttons, self.sender.typing
            pressed = pressed_button(line, buttons, typing)
            if pressed is not None and pressed.url:
                self.sender.write(f"{pressed.text}: {pressed.url}\n")
                continue
            message = to_incoming(line, buttons, self._chat_id, typing)
            if message is not None:
                await self._exchange(message)

    async def _exchange(self, message: IncomingMessage) -> None:
        await self._inbound.receive(message, send=self.sender.show)


def build_channel(setup: ChannelSetup) -> ConsoleChannel | None:
    """The console on the setup's terminal; ``None`` without one (``kesco-bot run``)."""
    if setup.terminal is None:
        return None
    source, sink = setup.terminal
    return ConsoleChannel(setup.inbound, source, sink)
