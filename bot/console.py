"""The console channel: the conversation in a terminal, buttons as numbered choices.

It reads standard input line by line, so it can be scripted. Typing the number of a button
presses it; URL buttons print their address.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Sequence
from typing import TextIO

from bot.channels import Handle
from handlers.messages import Button, IncomingMessage, OutgoingMessage

CHANNEL = "console"


def render(replies: Sequence[OutgoingMessage]) -> tuple[str, list[Button]]:
    """Replies as terminal text, and the buttons in the order of their numbers."""
    lines: list[str] = []
    buttons: list[Button] = []
    for reply in replies:
        lines.append(reply.text)
        for row in reply.buttons:
            for button in row:
                buttons.append(button)
                target = f" → {button.url}" if button.url else ""
                lines.append(f"  [{len(buttons)}] {button.text}{target}")
        lines.append("")
    return "\n".join(lines), buttons


def pressed_button(line: str, buttons: Sequence[Button]) -> Button | None:
    """The button whose number ``line`` is, if it is one."""
    text = line.strip()
    if text.isdigit() and 1 <= int(text) <= len(buttons):
        return buttons[int(text) - 1]
    return None


def to_incoming(line: str, buttons: Sequence[Button], chat_id: str) -> IncomingMessage | None:
    """A typed line as a message: a number presses the button with that number."""
    text = line.strip()
    if not text:
        return None
    pressed = pressed_button(text, buttons)
    if pressed is None:
        return IncomingMessage(CHANNEL, chat_id, chat_id, text=text)
    if pressed.payload is None:
        return None
    return IncomingMessage(CHANNEL, chat_id, chat_id, payload=pressed.payload)


class ConsoleChannel:
    """Drives one conversation from ``source`` to ``sink`` until end of input."""

    def __init__(
        self,
        handle: Handle,
        source: TextIO = sys.stdin,
        sink: TextIO = sys.stdout,
        chat_id: str = "console",
    ) -> None:
        self._handle = handle
        self._source = source
        self._sink = sink
        self._chat_id = chat_id

    async def run(self, greet: bool = True) -> None:
        buttons: list[Button] = []
        if greet:
            buttons = await self._exchange(IncomingMessage(CHANNEL, self._chat_id, text="/start"))
        while True:
            line = await asyncio.to_thread(self._source.readline)
            if not line:
                return
            pressed = pressed_button(line, buttons)
            if pressed is not None and pressed.url:
                self._write(f"{pressed.text}: {pressed.url}\n")
                continue
            message = to_incoming(line, buttons, self._chat_id)
            if message is not None:
                buttons = await self._exchange(message)

    async def _exchange(self, message: IncomingMessage) -> list[Button]:
        text, buttons = render(await self._handle(message))
        self._write(text + "\n> " if self._source.isatty() else text + "\n")
        return buttons

    def _write(self, text: str) -> None:
        self._sink.write(text)
        self._sink.flush()
