"""Audit details that read in each staff member's language: a detail is kept as a message id
of the catalogs with its values (``said``), and shown translated, times in Kosovo time and
areas by name (``shown``). Details written before, or free text, are shown as they are."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from locales.translation import translate
from services.alerts.texts import area_names
from services.notices.titles import short_time

PREFIX = "i18n:"
TIME_ARGS = ("time",)
AREA_ARGS = ("areas",)


def said(msgid: str, **values: Any) -> str:
    """A detail to keep: ``msgid`` (marked with ``N_``) and its values (times as datetimes,
    areas as a list of ids)."""
    encoded = {
        name: value.isoformat() if isinstance(value, datetime) else value
        for name, value in values.items()
    }
    return PREFIX + json.dumps({"m": msgid, "v": encoded}, ensure_ascii=False)


def shown(detail: str | None, language: str, now: datetime | None = None) -> str:
    """``detail`` (one or more kept details, a line each) as ``language`` reads it."""
    if not detail or not detail.startswith(PREFIX):
        return detail or ""
    return "; ".join(_one(part, language, now) for part in detail.split("\n") if part)


def _one(detail: str, language: str, now: datetime | None) -> str:
    if not detail.startswith(PREFIX):
        return detail
    try:
        kept = json.loads(detail[len(PREFIX) :])
        msgid, values = str(kept["m"]), dict(kept.get("v") or {})
    except (ValueError, KeyError, TypeError):
        return detail
    for name in TIME_ARGS:
        if isinstance(values.get(name), str):
            values[name] = short_time(datetime.fromisoformat(values[name]), language, now)
    for name in AREA_ARGS:
        if isinstance(values.get(name), list):
            values[name] = area_names(values[name], language)
    try:
        return translate(msgid, language).format(**values)
    except (KeyError, IndexError, ValueError):
        return translate(msgid, language)
