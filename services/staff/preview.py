"""How a notice will read in the customers' chats, in every language and both messengers.

The text is the alerts engine's own rendering of the event when it offers one
(``services.alerts`` ``render_alert_text(event, language)``); until then, the same layout is
rendered here. Serbian Latin is derived from the Cyrillic with ``cyrillic_to_latin``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from services.areas import get_area
from services.customer_codes import DISTRICTS
from services.db.types import utcnow
from services.serbian_script import cyrillic_to_latin
from services.staff.events import event_of_input
from services.staff.notice_input import NoticeInput

KOSOVO = ZoneInfo("Europe/Belgrade")
PREVIEW_LANGUAGES = ("sq", "en", "sr", "sr-Latn")
LIMITS = {"telegram": 4096, "viber": 7000}
_WORDS = {
    "sq": ("⚡ Ndërprerje e energjisë", "🛠 Punime të planifikuara", "Zonat", "Nga", "Deri",
           "Rikthimi i pritshëm"),
    "en": ("⚡ Power outage", "🛠 Planned works", "Areas", "From", "Until", "Expected back"),
    "sr": ("⚡ Нестанак струје", "🛠 Планирани радови", "Подручја", "Од", "До",
           "Очекивано враћање"),
}  # fmt: skip


def _engine_renderer() -> Callable[[Mapping[str, Any], str], str] | None:
    try:
        from services import alerts
    except ImportError:
        return None
    return getattr(alerts, "render_alert_text", None)


def _time(value: Any) -> str:
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment.astimezone(KOSOVO).strftime("%d.%m.%Y %H:%M")


def fallback_text(event: Mapping[str, Any], language: str) -> str:
    base = "sr" if language == "sr-Latn" else language
    outage_title, works_title, areas_word, from_word, until_word, back_word = _WORDS[base]
    names = [
        area.name(language) for area in (get_area(a) for a in event["areas"]) if area is not None
    ]
    outage = event["type"].startswith("outage")
    lines = [f"{outage_title if outage else works_title} – {event['district']} "
             f"({DISTRICTS[event['district']]})", f"{areas_word}: {', '.join(names)}"]  # fmt: skip
    if outage:
        lines.append(f"{from_word}: {_time(event['started_at'])}")
        if event.get("estimated_restore_at"):
            lines.append(f"{back_word}: {_time(event['estimated_restore_at'])}")
        texts = event.get("reason") or {}
    else:
        lines.append(f"{from_word}: {_time(event['starts_at'])}")
        lines.append(f"{until_word}: {_time(event['ends_at'])}")
        texts = event.get("description") or {}
    if texts.get(base):
        lines += ["", texts[base]]
    text = "\n".join(lines)
    return cyrillic_to_latin(text) if language == "sr-Latn" else text


def render_text(event: Mapping[str, Any], language: str) -> str:
    renderer = _engine_renderer()
    return renderer(event, language) if renderer else fallback_text(event, language)


def render_previews(data: NoticeInput) -> dict[str, dict[str, Any]]:
    """``{language: {"text": ..., "telegram_ok": bool, "viber_ok": bool}}``."""
    event = event_of_input(data, data.notice_id or "preview", utcnow())
    previews: dict[str, dict[str, Any]] = {}
    for language in PREVIEW_LANGUAGES:
        text = render_text(event, language)
        previews[language] = {
            "text": text,
            "length": len(text),
            **{f"{channel}_ok": len(text) <= limit for channel, limit in LIMITS.items()},
        }
    return previews
