"""Pure conversion of neutral :class:`OutgoingMessage` values into Viber request bodies.

Messages are built with viberbot's message classes and kept within Viber's limits:

* a keyboard grid is 6 columns wide; a row of ``n`` buttons gets ``6 // n`` columns each, the
  remainder going to the first buttons so that every row fills the grid (Viber lays buttons
  out by flowing them, so a short row would pull the next row's buttons up into it). Rows of
  more than 6 buttons wrap; at most 24 grid rows are kept;
* a button's Text is at most 250 characters (HTML-escaped, since Viber reads some HTML there);
* a text is at most 7000 characters and a whole request at most 30 KB, so long texts are split
  into several messages and, if it comes to that, button texts are shortened.

Reply buttons are ``ActionType: reply`` with ``ActionBody`` = payload and ``Silent`` (the press
is not echoed as a bubble showing the payload); URL buttons are ``ActionType: open-url``;
share-my-number buttons are ``ActionType: share-phone`` (the client sends a ``contact``
message with the user's number; API level 3, below the keyboards' level 4).
Viber shows only the keyboard of the latest message, so the buttons of all the replies to one
message (a FAQ answer's links and an offer to switch language, say) are merged, row by row
and without repeating a row, into one keyboard on the last request of the batch.

A reply's attachment (a bill as a PDF) goes as a Viber ``file`` message after the texts, from
its signed, short-lived address (Viber fetches it; a file with no address is not sent: the
conversation offers files only where one of them works). A picture (a consumption chart) goes
as a ``picture`` message the same way; its description is left empty, since the reply's text
(the chart's numbers) went just before it as a text of its own (a picture's description
takes only 120 characters).
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping, Sequence
from typing import Any

from viberbot.api.messages import FileMessage, KeyboardMessage, PictureMessage, TextMessage

from handlers.messages import Attachment, Button, OutgoingMessage

MAX_REQUEST_BYTES = 30 * 1024
MAX_TEXT_CHARS = 7000
MAX_BUTTON_TEXT = 250
MAX_GRID_ROWS = 24
GRID_COLUMNS = 6
MAX_SENDER_NAME = 28
KEYBOARD_MIN_API_VERSION = 4  # InputFieldState is an API level 4 keyboard parameter
KEYBOARD_BUDGET = 20 * 1024
_SAFETY_MARGIN = 256
_SHORTER_BUTTON_TEXTS = (MAX_BUTTON_TEXT, 120, 60, 30, 12)

JsonDict = dict[str, Any]


def encode_body(body: Mapping[str, Any]) -> bytes:
    """The exact bytes posted to Viber (UTF-8, no ASCII escaping, compact)."""
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def sender_profile(name: str, avatar: str | None = None) -> JsonDict:
    """The ``sender`` object of a send_message request (name at most 28 characters)."""
    profile: JsonDict = {"name": name[:MAX_SENDER_NAME]}
    if avatar:
        profile["avatar"] = avatar
    return profile


def fit_escaped(text: str, limit: int) -> str:
    """HTML-escape ``text`` and cut it (with an ellipsis) so the result is <= ``limit`` chars."""
    escaped = html.escape(text, quote=False)
    if len(escaped) <= limit:
        return escaped
    out: list[str] = []
    used = 0
    for char in text:
        piece = html.escape(char, quote=False)
        if used + len(piece) > limit - 1:
            break
        out.append(piece)
        used += len(piece)
    return "".join(out).rstrip() + "…"


def column_widths(count: int) -> list[int]:
    """Columns for ``count`` (1..6) buttons sharing one 6-column grid row."""
    base, extra = divmod(GRID_COLUMNS, count)
    return [base + (1 if index < extra else 0) for index in range(count)]


def keyboard_button(button: Button, columns: int, text_limit: int = MAX_BUTTON_TEXT) -> JsonDict:
    """One Viber keyboard button for a neutral button."""
    data: JsonDict = {"Columns": columns, "Rows": 1}
    if button.url is not None:
        data.update(ActionType="open-url", ActionBody=button.url)
    elif button.share_phone:
        data.update(ActionType="share-phone", ActionBody="share-phone")
    else:
        data.update(ActionType="reply", ActionBody=button.payload, Silent=True)
    data.update(Text=fit_escaped(button.text, text_limit), TextSize="regular")
    return data


def build_keyboard(
    rows: Sequence[Sequence[Button]], text_limit: int = MAX_BUTTON_TEXT
) -> JsonDict | None:
    """A Viber keyboard for rows of buttons, or ``None`` when there are none."""
    grid_rows: list[Sequence[Button]] = []
    for row in rows:
        for start in range(0, len(row), GRID_COLUMNS):
            grid_rows.append(row[start : start + GRID_COLUMNS])
    grid_rows = [row for row in grid_rows if row][:MAX_GRID_ROWS]
    if not grid_rows:
        return None
    buttons = [
        keyboard_button(button, width, text_limit)
        for row in grid_rows
        for button, width in zip(row, column_widths(len(row)), strict=True)
    ]
    return {
        "Type": "keyboard",
        "DefaultHeight": False,
        "InputFieldState": "regular",
        "Buttons": buttons,
    }


def fitted_keyboard(rows: Sequence[Sequence[Button]]) -> JsonDict | None:
    """:func:`build_keyboard`, with button texts shortened until it fits its byte budget."""
    keyboard = None
    for limit in _SHORTER_BUTTON_TEXTS:
        keyboard = build_keyboard(rows, limit)
        if keyboard is None or len(encode_body(keyboard)) <= KEYBOARD_BUDGET:
            return keyboard
    while keyboard and len(encode_body(keyboard)) > KEYBOARD_BUDGET:
        keyboard["Buttons"].pop()
    return keyboard


def split_text(text: str, max_chars: int, max_bytes: int) -> list[str]:
    """Split ``text`` into pieces of at most ``max_chars`` characters and ``max_bytes`` bytes
    (as a JSON string), preferring paragraph, line and word boundaries."""

    def fits(piece: str) -> bool:
        return len(piece) <= max_chars and _json_len(piece) <= max_bytes

    pieces: list[str] = []
    rest = text.strip()
    while rest:
        if fits(rest):
            pieces.append(rest)
            break
        low, high = 1, min(len(rest), max_chars)
        while low < high:
            middle = (low + high + 1) // 2
            if fits(rest[:middle]):
                low = middle
            else:
                high = middle - 1
        cut = low
        for separator in ("\n\n", "\n", " "):
            position = rest.rfind(separator, 0, cut)
            if position > cut // 2:
                cut = position
                break
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    return [piece for piece in pieces if piece]


def render_requests(
    messages: Sequence[OutgoingMessage], *, sender: Mapping[str, Any], receiver: str | None
) -> list[JsonDict]:
    """Complete send_message bodies for a batch of replies to one receiver.

    ``receiver`` is ``None`` only for a welcome message (the response to conversation_started).
    Every body encodes (with :func:`encode_body`) to at most 30 KB.
    """
    keyboard = _batch_keyboard(messages)
    envelope: JsonDict = {"sender": dict(sender)}
    if receiver is not None:
        envelope["receiver"] = receiver
    overhead = _overhead(envelope, keyboard)
    texts = [
        piece
        for message in messages
        for piece in split_text(message.text, MAX_TEXT_CHARS, MAX_REQUEST_BYTES - overhead)
    ]
    files = [
        message.attachment
        for message in messages
        if message.attachment is not None and message.attachment.url
    ]
    if not texts and not files and keyboard is None:
        return []
    bodies: list[JsonDict] = []
    for index, text in enumerate(texts or ([] if files else [None])):
        last = not files and index == max(len(texts), 1) - 1
        bodies.append({**_message_dict(text, keyboard if last else None), **envelope})
    for index, attachment in enumerate(files):
        last = index == len(files) - 1
        bodies.append({**_file_dict(attachment, keyboard if last else None), **envelope})
    return bodies


def render_welcome(
    messages: Sequence[OutgoingMessage], *, sender: Mapping[str, Any]
) -> JsonDict | None:
    """One welcome message (Viber allows only one) for the conversation_started response.

    The texts of all replies are joined and, if needed, cut to fit a single request.
    """
    keyboard = _batch_keyboard(messages)
    envelope: JsonDict = {"sender": dict(sender)}
    text = "\n\n".join(message.text.strip() for message in messages if message.text.strip())
    if text:
        budget = MAX_REQUEST_BYTES - _overhead(envelope, keyboard)
        pieces = split_text(text, MAX_TEXT_CHARS - 1, budget - 8)
        text = pieces[0] + ("…" if len(pieces) > 1 else "")
    if not text and keyboard is None:
        return None
    return {**_message_dict(text or None, keyboard), **envelope}


def _message_dict(text: str | None, keyboard: JsonDict | None) -> JsonDict:
    min_api = KEYBOARD_MIN_API_VERSION if keyboard else None
    if text is None:
        return KeyboardMessage(keyboard=keyboard, min_api_version=min_api).to_dict()
    return TextMessage(text=text, keyboard=keyboard, min_api_version=min_api).to_dict()


def _file_dict(attachment: Attachment, keyboard: JsonDict | None) -> JsonDict:
    """A Viber file (or picture) message: Viber fetches it from its (signed, short-lived)
    address."""
    min_api = KEYBOARD_MIN_API_VERSION if keyboard else None
    if attachment.is_picture:
        picture = PictureMessage(
            media=attachment.url, text="", keyboard=keyboard, min_api_version=min_api
        ).to_dict()
        return {name: value for name, value in picture.items() if value is not None}
    return FileMessage(
        media=attachment.url,
        size=len(attachment.data),
        file_name=attachment.filename,
        keyboard=keyboard,
        min_api_version=min_api,
    ).to_dict()


def _batch_keyboard(messages: Sequence[OutgoingMessage]) -> JsonDict | None:
    rows: list[tuple[Button, ...]] = []
    for message in messages:
        for row in message.buttons:
            if row and row not in rows:
                rows.append(row)
    return fitted_keyboard(rows) if rows else None


def _overhead(envelope: Mapping[str, Any], keyboard: JsonDict | None) -> int:
    skeleton = {**_message_dict("", keyboard), **envelope}
    return len(encode_body(skeleton)) + _SAFETY_MARGIN


def _json_len(text: str) -> int:
    return len(json.dumps(text, ensure_ascii=False).encode("utf-8")) - 2
