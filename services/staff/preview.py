"""How a notice will read in the customers' chats, in every language, as the alerts engine
renders it (``services.alerts.texts``): the text and the buttons under it. Serbian Latin is
derived from the Cyrillic by the engine (``cyrillic_to_latin``)."""

from __future__ import annotations

import json
from typing import Any

from locales import languages
from services.alerts import texts
from services.staff.notice_input import NoticeInput

LIMITS = {"telegram": 4096, "viber": 7000}


def rendered_for(data: NoticeInput) -> texts.Rendered:
    if data.kind == "outage":
        return texts.outage_started(data.areas, data.starts_at, data.ends_at, data.texts)
    assert data.ends_at is not None
    return texts.work_scheduled(data.areas, data.starts_at, data.ends_at, data.texts or {})


def render_previews(data: NoticeInput) -> dict[str, dict[str, Any]]:
    """``{language: {"text", "buttons" (rows of labels), "length", "telegram_ok", "viber_ok"}}``."""
    rendered = rendered_for(data)
    previews: dict[str, dict[str, Any]] = {}
    for language in languages.CODES:
        text, buttons = rendered[language]
        rows = json.loads(buttons) if buttons else []
        previews[language] = {
            "text": text,
            "buttons": [[label for label, _payload in row] for row in rows],
            "length": len(text),
            **{f"{channel}_ok": len(text) <= limit for channel, limit in LIMITS.items()},
        }
    return previews
