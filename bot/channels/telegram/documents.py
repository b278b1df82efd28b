"""Pure conversion of a neutral message with an :class:`~handlers.messages.Attachment` into
Telegram calls: the file uploaded with ``sendDocument`` (a picture with ``sendPhoto``), as
multipart/form-data, the text as its caption, the buttons under it. A text too long for a
caption (1024 characters) goes first as a message of its own, and the file follows without a
caption."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from bot.channels.telegram.callback_data import CallbackPayloads
from bot.channels.telegram.convert import keyboard_of, outgoing_to_requests, utf16_length
from handlers.messages import OutgoingMessage

CAPTION_LIMIT = 1024


def document_requests(
    message: OutgoingMessage, payloads: CallbackPayloads
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Keyword arguments of the ``sendMessage`` calls that go first (none when the text fits
    in a caption) and of the ``sendDocument`` or ``sendPhoto`` call (without ``chat_id``; see
    :func:`upload_method`)."""
    attachment = message.attachment
    if attachment is None:
        raise ValueError("the message has no attachment")
    text = message.text.strip()
    fits = utf16_length(text) <= CAPTION_LIMIT
    before = (
        []
        if fits or not text
        else outgoing_to_requests(replace(message, buttons=(), attachment=None), payloads)
    )
    document: dict[str, Any] = {
        upload_method(message): attachment.data,
        "filename": attachment.filename,
        "disable_notification": message.silent,
    }
    if fits and text:
        document["caption"] = text
    markup = keyboard_of(message, payloads)
    if markup is not None:
        document["reply_markup"] = markup
    return before, document


def upload_method(message: OutgoingMessage) -> str:
    """``photo`` for a picture (sendPhoto), ``document`` for any other file (sendDocument)."""
    return (
        "photo" if message.attachment is not None and message.attachment.is_picture else "document"
    )
