"""Pure conversion of Viber callbacks into neutral :class:`IncomingMessage` values.

viberbot's ``create_request`` parses the callback; these functions only read its result. A
callback that viberbot cannot parse (unknown event, a required field missing, an unsupported
message type) is reported as ``None`` and ignored by the webhook, never raised.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from typing import Any

from viberbot.api.messages import ContactMessage, TextMessage
from viberbot.api.viber_requests import (
    ViberConversationStartedRequest,
    ViberMessageRequest,
    create_request,
)
from viberbot.api.viber_requests.viber_request import ViberRequest

from handlers.messages import IncomingMessage

log = logging.getLogger(__name__)

CHANNEL = "viber"

# Our button payloads travel back as the text of a message: "lang:sq", "cmd:bill", "code:DPR1".
# No spaces and no slashes, so typed URLs ("https://...") and sentences stay text.
PAYLOAD_RE = re.compile(r"[a-z][a-z0-9_]{0,31}:[A-Za-z0-9_.:=+@-]{1,200}")
# A deep-link context (viber://pa?chatURI=kesco&context=DPR100001), e.g. from a QR code on a bill.
CONTEXT_RE = re.compile(r"[A-Za-z0-9_-]{1,64}")
MAX_PHONE = 32


def parse_callback(body: Mapping[str, Any]) -> ViberRequest | None:
    """Parse a callback with viberbot; ``None`` when it is unknown or incomplete."""
    try:
        return create_request({"timestamp": 0, **body})
    except Exception as exc:  # viberbot raises bare Exception and KeyError for bad input
        log.info("viber callback ignored: %s", _describe(exc))
        return None


def looks_like_payload(text: str) -> bool:
    """Whether a message text is the ActionBody of one of our reply buttons."""
    return PAYLOAD_RE.fullmatch(text) is not None


def language_hint(language: object) -> str | None:
    """The Viber user's language as sent ("sq", "en", "sr-Latn"), or ``None``; the
    conversation maps it to one of ours."""
    if not isinstance(language, str) or not language.strip() or len(language) > 35:
        return None
    return language.strip()


def message_to_incoming(request: ViberMessageRequest) -> IncomingMessage | None:
    """A ``message`` callback as an IncomingMessage.

    Text that looks like one of our payloads becomes ``payload``; other text stays ``text``.
    A contact (what the keyboard's share-phone button sends: the user's own number) becomes
    ``contact_phone``. Content the bot cannot read (a sticker, picture, file, location, a
    contact without a number...) becomes a message with ``unsupported`` set to its Viber type,
    which the conversation answers with its menu (in Viber every reply without a keyboard
    would hide the keyboard the user had). An empty text is ignored.
    """
    sender_id = request.sender.id if request.sender else None
    if not isinstance(sender_id, str) or not sender_id:
        return None
    message = request.message
    text: str | None = None
    unsupported: str | None = None
    phone: str | None = None
    if isinstance(message, TextMessage):
        if not isinstance(message.text, str) or not message.text.strip():
            return None
        text = message.text.strip()
    elif isinstance(message, ContactMessage) and (phone := _phone_of(message)) is not None:
        pass
    else:
        unsupported = str(message.to_dict().get("type") or "unknown")
    is_payload = text is not None and looks_like_payload(text)
    return IncomingMessage(
        channel=CHANNEL,
        chat_id=sender_id,
        user_id=sender_id,
        text=None if is_payload else text,
        payload=text if is_payload else None,
        language_hint=language_hint(request.sender.language),
        message_id=_token(request.message_token),
        unsupported=unsupported,
        contact_phone=phone,
    )


def _phone_of(message: ContactMessage) -> str | None:
    contact = message.contact
    phone = getattr(contact, "phone_number", None) if contact is not None else None
    if not isinstance(phone, str) or not phone.strip() or len(phone) > MAX_PHONE:
        return None
    return phone.strip()


def conversation_started_to_incoming(
    request: ViberConversationStartedRequest,
) -> IncomingMessage | None:
    """A ``conversation_started`` callback as "/start" or "/start <deep-link context>"."""
    user_id = request.user.id if request.user else None
    if not isinstance(user_id, str) or not user_id:
        return None
    context = request.context
    text = "/start"
    if isinstance(context, str) and CONTEXT_RE.fullmatch(context):
        text = f"/start {context}"
    return IncomingMessage(
        channel=CHANNEL,
        chat_id=user_id,
        user_id=user_id,
        text=text,
        language_hint=language_hint(request.user.language),
        message_id=_token(request.message_token),
    )


def _token(value: object) -> str | None:
    return None if value is None else str(value)


def _describe(exc: Exception) -> str:
    if isinstance(exc, KeyError):
        return f"missing field {exc.args[0]!r}" if exc.args else "missing field"
    return str(exc) or type(exc).__name__
