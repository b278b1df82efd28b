"""Channel-neutral messages: what every adapter turns updates into and replies out of.

Handlers take an :class:`IncomingMessage` and return :class:`OutgoingMessage` values; they never
talk to a messenger. Adapters convert with pure functions in ``bot/<channel>/``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Button:
    """A reply button (sends ``payload`` back when pressed) or a URL button (opens ``url``)."""

    text: str
    payload: str | None = None
    url: str | None = None

    def __post_init__(self) -> None:
        if (self.payload is None) == (self.url is None):
            raise ValueError("a button has exactly one of payload or url")


@dataclass(frozen=True)
class IncomingMessage:
    """One thing a user did in a chat: typed text, or pressed a button (``payload``).

    ``unsupported`` names what arrived when it was something the bot can't read (``"photo"``,
    ``"sticker"``, ``"edited"`` for an edited message...): the conversation answers it, the same
    in every channel.
    """

    channel: str
    chat_id: str
    user_id: str | None = None
    text: str | None = None
    payload: str | None = None
    language_hint: str | None = None
    message_id: str | None = None
    unsupported: str | None = None


@dataclass(frozen=True)
class OutgoingMessage:
    """One reply: text and optional rows of buttons. ``silent`` asks for no notification sound.

    ``awaits_text``: the conversation waits for a typed answer (a code, an amount, a reason), so
    a channel that presses buttons by typing (the console's numbers) must read what is typed
    as text.
    """

    text: str
    buttons: tuple[tuple[Button, ...], ...] = ()
    silent: bool = False
    awaits_text: bool = False

    def all_buttons(self) -> list[Button]:
        return [button for row in self.buttons for button in row]


Handle = Callable[[IncomingMessage], Awaitable[list[OutgoingMessage]]]
"""The conversation's one entry point, as every channel adapter is given it."""
