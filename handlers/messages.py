"""Channel-neutral messages: what every adapter turns updates into and replies out of.

Handlers take an :class:`IncomingMessage` and return :class:`OutgoingMessage` values; they never
talk to a messenger. Adapters convert with pure functions in ``bot/<channel>/``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Button:
    """A reply button (sends ``payload`` back when pressed), a URL button (opens ``url``), or a
    share-my-number button (``share_phone``: the messenger's own button that sends the user's
    phone number, which comes back as :attr:`IncomingMessage.contact_phone`).

    A channel that has no such button leaves it out (the console); offer it only where
    ``ChannelTraits.shares_phone`` says the messenger has one."""

    text: str
    payload: str | None = None
    url: str | None = None
    share_phone: bool = False

    def __post_init__(self) -> None:
        kinds = (self.payload is not None) + (self.url is not None) + self.share_phone
        if kinds != 1:
            raise ValueError("a button has exactly one of payload, url or share_phone")

    @classmethod
    def sharing_phone(cls, text: str) -> Button:
        return cls(text, share_phone=True)


@dataclass(frozen=True)
class Attachment:
    """A file sent with a reply (a bill as a PDF, a chart as a PNG): its bytes (``data``), its
    ``filename`` and ``mime_type``, and ``url``, a signed, short-lived address the bot's web
    server serves it at (``None`` when the bot has no public address). An ``image/*`` file is
    a picture (:attr:`is_picture`), shown as one; anything else is a document.

    Declared fallback: a messenger that uploads files (``ChannelTraits.uploads_files``:
    Telegram's sendPhoto or sendDocument) sends ``data``; one that cannot (Viber) sends a
    picture or file message from ``url``; the console prints ``url``. The message's text goes
    with it (a caption, or a text of its own), so that what the picture shows is also written.
    The handler offers a file only where one of them works.
    """

    filename: str
    mime_type: str
    data: bytes
    url: str | None = None

    def __post_init__(self) -> None:
        if not self.filename or "/" in self.filename or not self.data:
            raise ValueError("an attachment has a plain file name and some data")

    @property
    def is_picture(self) -> bool:
        return self.mime_type.startswith("image/")


@dataclass(frozen=True)
class IncomingMessage:
    """One thing a user did in a chat: typed text, or pressed a button (``payload``).

    ``unsupported`` names what arrived when it was something the bot can't read (``"photo"``,
    ``"sticker"``, ``"edited"`` for an edited message...): the conversation answers it, the same
    in every channel. ``contact_phone``: a phone number the user sent with the messenger's
    share-my-number button (or a shared contact card), as the messenger gives it.
    """

    channel: str
    chat_id: str
    user_id: str | None = None
    text: str | None = None
    payload: str | None = None
    language_hint: str | None = None
    message_id: str | None = None
    unsupported: str | None = None
    contact_phone: str | None = None


@dataclass(frozen=True)
class OutgoingMessage:
    """One reply: text and optional rows of buttons. ``silent`` asks for no notification sound.

    ``awaits_text``: the conversation waits for a typed answer (a code, an amount, a reason), so
    a channel that presses buttons by typing (the console's numbers) must read what is typed
    as text.

    ``closes_share_phone``: the share-my-number button offered before is no longer wanted (the
    number came); a messenger that shows it on a keyboard of its own (Telegram's reply
    keyboard) removes it with this message when the message has no other buttons.

    ``edits_pressed``: when this answers a button press, it replaces the message whose button
    was pressed (a setting switched, a picker's next page) where the messenger can edit a
    message (Telegram); elsewhere, or when the edit fails, it is sent as a new message.

    ``attachment``: a file sent with the text (see :class:`Attachment` for each channel's way);
    a message with one is never an edit.
    """

    text: str
    buttons: tuple[tuple[Button, ...], ...] = ()
    silent: bool = False
    awaits_text: bool = False
    closes_share_phone: bool = False
    edits_pressed: bool = False
    attachment: Attachment | None = None

    def all_buttons(self) -> list[Button]:
        return [button for row in self.buttons for button in row]


Handle = Callable[[IncomingMessage], Awaitable[list[OutgoingMessage]]]
"""The conversation's one entry point, as every channel adapter is given it."""
