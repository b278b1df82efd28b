"""Pure conversions between Telegram updates and neutral messages. No I/O here.

``update_to_incoming`` turns one PTB :class:`~telegram.Update` into an
:class:`~handlers.messages.IncomingMessage` (or ``None`` when the bot should not answer it;
stickers, photos and edited messages in a private chat become messages with ``unsupported``);
``outgoing_to_requests`` turns one :class:`~handlers.messages.OutgoingMessage` into the keyword
arguments of one or more ``sendMessage`` calls.

A share-my-number button becomes a one-time reply keyboard with a ``request_contact`` button
(Telegram allows it only there, not in an inline keyboard); a message can carry only one
keyboard, so when a message has inline buttons too, they win and the share button is left out
(the user types the number). A message that ``closes_share_phone`` and has no buttons removes
that keyboard. The contact the button sends comes in as ``contact_phone``.
"""

from __future__ import annotations

import re
from typing import Any

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
)
from telegram.constants import ChatType

from bot.channels.telegram.callback_data import CallbackPayloads
from handlers.messages import Button, IncomingMessage, OutgoingMessage

CHANNEL = "telegram"
TEXT_LIMIT = 4096
EDITED = "edited"
DEEP_LINK_PAYLOAD = re.compile(r"[A-Za-z0-9_-]{1,64}")
MAX_PHONE = 32
ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "my_chat_member"]

_COMMAND = re.compile(r"/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]{1,64}))?(?:\s+(.*))?", re.DOTALL)
_CONTENT_WE_CANNOT_READ = (
    "animation",
    "audio",
    "dice",
    "document",
    "game",
    "location",
    "paid_media",
    "photo",
    "poll",
    "sticker",
    "story",
    "venue",
    "video",
    "video_note",
    "voice",
)


def update_to_incoming(
    update: Update, bot_username: str | None, payloads: CallbackPayloads | None = None
) -> IncomingMessage | None:
    """The neutral message for ``update``, or ``None`` when the conversation should not see it.

    Private chats: text and commands (``/bill@ThisBot`` becomes ``/bill``; a ``/start`` deep-link
    payload is kept only when it matches Telegram's alphabet). Groups: only commands addressed to
    this bot. Button presses: the callback data, decoded, as ``payload``. In private chats, an
    edited text and content the bot can't read (stickers, photos, voice notes...) become a
    message with ``unsupported`` naming it; service messages, channel posts and the rest are
    ignored.
    """
    if update.callback_query is not None:
        return _from_callback(update, payloads)
    unsupported = _unsupported(update)
    if unsupported is not None:
        return unsupported
    shared = _shared_contact(update)
    if shared is not None:
        return shared
    message = update.message
    if message is None or message.text is None:
        return None
    text = _normalized_text(message, bot_username)
    if text is None:
        return None
    user = message.from_user
    return IncomingMessage(
        channel=CHANNEL,
        chat_id=str(message.chat.id),
        user_id=str(user.id) if user else None,
        text=text,
        language_hint=user.language_code if user else None,
        message_id=str(message.message_id),
    )


def _normalized_text(message: Message, bot_username: str | None) -> str | None:
    text = message.text or ""
    is_private = message.chat.type == ChatType.PRIVATE
    match = _COMMAND.fullmatch(text.strip())
    if match is None:
        return text if is_private else None
    name, target, args = match.group(1).lower(), match.group(2), (match.group(3) or "").strip()
    addressed_to_us = bool(target and bot_username and target.lower() == bot_username.lower())
    if target and not addressed_to_us:
        return None
    if not is_private and not addressed_to_us:
        return None
    if name == "start":
        args = args if DEEP_LINK_PAYLOAD.fullmatch(args) else ""
    return f"/{name} {args}" if args else f"/{name}"


def _from_callback(update: Update, payloads: CallbackPayloads | None) -> IncomingMessage | None:
    query = update.callback_query
    assert query is not None
    message = query.message
    if message is None or query.data is None:
        return None
    payload = payloads.decode(query.data) if payloads else query.data
    if payload is None:
        return None
    return IncomingMessage(
        channel=CHANNEL,
        chat_id=str(message.chat.id),
        user_id=str(query.from_user.id),
        payload=payload,
        language_hint=query.from_user.language_code,
        message_id=str(message.message_id),
    )


def _shared_contact(update: Update) -> IncomingMessage | None:
    """A contact sent in a private chat (the share-my-number button sends the user's own) as
    ``contact_phone``; a contact without a usable number is content the bot cannot read."""
    message = update.message
    if message is None or message.contact is None or message.chat.type != ChatType.PRIVATE:
        return None
    phone = message.contact.phone_number
    if not isinstance(phone, str) or not phone.strip() or len(phone) > MAX_PHONE:
        return _unsupported_message(update, message, "contact")
    user = message.from_user
    return IncomingMessage(
        channel=CHANNEL,
        chat_id=str(message.chat.id),
        user_id=str(user.id) if user else None,
        language_hint=user.language_code if user else None,
        message_id=str(message.message_id),
        contact_phone=phone.strip(),
    )


def _unsupported(update: Update) -> IncomingMessage | None:
    if update.edited_message is not None:
        edited = update.edited_message
        private = edited.chat.type == ChatType.PRIVATE
        return _unsupported_message(update, edited, EDITED) if private and edited.text else None
    message = update.message
    if message is None or message.chat.type != ChatType.PRIVATE or message.text is not None:
        return None
    if message.contact is not None:
        return None  # read by _shared_contact
    for kind in _CONTENT_WE_CANNOT_READ:
        if getattr(message, kind, None):
            return _unsupported_message(update, message, kind)
    return None


def _unsupported_message(update: Update, message: Message, kind: str) -> IncomingMessage:
    user = message.from_user
    return IncomingMessage(
        channel=CHANNEL,
        chat_id=str(message.chat.id),
        user_id=str(user.id) if user else None,
        language_hint=user.language_code if user else None,
        message_id=str(message.message_id),
        unsupported=kind,
    )


def language_code_of(update: Update) -> str | None:
    """The sender's ``language_code``, whatever kind of update it is."""
    user = update.effective_user
    return user.language_code if user else None


def outgoing_to_requests(
    message: OutgoingMessage, payloads: CallbackPayloads
) -> list[dict[str, Any]]:
    """Keyword arguments for ``Bot.send_message`` (without ``chat_id``), one dict per part.

    Plain text, no ``parse_mode``. Text over 4096 characters is split; the buttons go with the
    last part; ``silent`` becomes ``disable_notification`` on every part.
    """
    markup = keyboard_of(message, payloads)
    parts = split_text(message.text)
    if not parts:
        if markup is None:
            return []
        parts = ["…"]
    requests: list[dict[str, Any]] = []
    for index, part in enumerate(parts):
        kwargs: dict[str, Any] = {"text": part, "disable_notification": message.silent}
        if index == len(parts) - 1 and markup is not None:
            kwargs["reply_markup"] = markup
        requests.append(kwargs)
    return requests


def outgoing_to_json(message: OutgoingMessage, payloads: CallbackPayloads) -> list[dict[str, Any]]:
    """:func:`outgoing_to_requests` as plain JSON objects (no PTB objects): what the bulk sender
    of alerts posts. The same parts, the same keyboard."""
    keyboard = [
        [_button_json(button, payloads) for button in row if not button.share_phone]
        for row in message.buttons
    ]
    keyboard = [row for row in keyboard if row]
    parts = split_text(message.text) or (["…"] if keyboard else [])
    requests: list[dict[str, Any]] = []
    for index, part in enumerate(parts):
        body: dict[str, Any] = {"text": part, "disable_notification": message.silent}
        if index == len(parts) - 1 and keyboard:
            body["reply_markup"] = {"inline_keyboard": keyboard}
        requests.append(body)
    return requests


def _button_json(button: Button, payloads: CallbackPayloads) -> dict[str, str]:
    if button.url is not None:
        return {"text": button.text, "url": button.url}
    return {"text": button.text, "callback_data": payloads.encode(button.payload or "")}


Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove


def keyboard_of(message: OutgoingMessage, payloads: CallbackPayloads) -> Markup | None:
    """The one keyboard of a message: inline buttons; else a one-time reply keyboard with the
    share-my-number buttons; else, for a message that closes the share request, its removal."""
    inline = buttons_to_markup(message.buttons, payloads)
    if inline is not None:
        return inline
    sharing = [button for row in message.buttons for button in row if button.share_phone]
    if sharing:
        return ReplyKeyboardMarkup(
            [[KeyboardButton(button.text, request_contact=True)] for button in sharing],
            resize_keyboard=True,
            one_time_keyboard=True,
        )
    return ReplyKeyboardRemove() if message.closes_share_phone else None


def buttons_to_markup(
    rows: tuple[tuple[Button, ...], ...], payloads: CallbackPayloads
) -> InlineKeyboardMarkup | None:
    """An inline keyboard: URL buttons open the URL, the others send their payload back
    (share-my-number buttons cannot be inline: left out)."""
    keyboard = [
        [_button(button, payloads) for button in row if not button.share_phone] for row in rows
    ]
    keyboard = [row for row in keyboard if row]
    return InlineKeyboardMarkup(keyboard) if keyboard else None


def _button(button: Button, payloads: CallbackPayloads) -> InlineKeyboardButton:
    if button.url is not None:
        return InlineKeyboardButton(button.text, url=button.url)
    return InlineKeyboardButton(button.text, callback_data=payloads.encode(button.payload or ""))


def utf16_length(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def split_text(text: str, limit: int = TEXT_LIMIT) -> list[str]:
    """Split ``text`` into non-blank parts of at most ``limit`` UTF-16 units.

    Cuts at a paragraph break, else a line break, else a space, else anywhere (never inside
    a character).
    """
    parts: list[str] = []
    rest = text
    while utf16_length(rest) > limit:
        fit = _fitting_prefix(rest, limit)
        cut = fit
        for separator in ("\n\n", "\n", " "):
            position = rest.rfind(separator, 0, fit)
            if position > fit // 2:
                cut = position + len(separator)
                break
        part, rest = rest[:cut].rstrip(), rest[cut:]
        if part.strip():
            parts.append(part)
    if rest.strip():
        parts.append(rest)
    return parts


def _fitting_prefix(text: str, limit: int) -> int:
    used = 0
    for index, char in enumerate(text):
        used += 2 if ord(char) > 0xFFFF else 1
        if used > limit:
            return index
    return len(text)
