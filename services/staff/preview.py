"""How a notice will read in the customers' chats, in every language, as the alerts engine
renders it (``services.alerts.texts``): the text and the buttons under it. Serbian Latin is
derived from the Cyrillic by the engine (``cyrillic_to_latin``)."""

from __future__ import annotations

import json
from typing import Any

from locales import languages
from services.alerts import texts
from services.channels import ChannelDirectory
from services.staff.notice_input import NoticeInput


def rendered_for(data: NoticeInput) -> texts.Rendered:
    if data.kind == "outage":
        return texts.outage_started(data.areas, data.starts_at, data.ends_at, data.texts)
    assert data.ends_at is not None
    return texts.work_scheduled(data.areas, data.starts_at, data.ends_at, data.texts or {})


def render_previews(data: NoticeInput, channels: ChannelDirectory) -> dict[str, dict[str, Any]]:
    """``{language: {"text", "buttons" (rows of labels), "length", "<channel>_ok"...}}``.

    There is one ``<channel>_ok`` (the text fits in one message) for every channel of
    ``channels`` that limits the length of a message (``telegram_ok``, ``viber_ok`` with the
    bot's registry).
    """
    limited = channels.limited()
    rendered = rendered_for(data)
    previews: dict[str, dict[str, Any]] = {}
    for language in languages.CODES:
        text, buttons = rendered[language]
        rows = json.loads(buttons) if buttons else []
        previews[language] = {
            "text": text,
            "buttons": [[label for label, _payload in row] for row in rows],
            "length": len(text),
            **{f"{channel.name}_ok": channel.fits(text) for channel in limited},
        }
    return previews
