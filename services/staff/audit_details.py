"""Audit details that read in each staff member's language: a detail is kept as a message id
of the catalogs with its values (``said``), and shown translated, times in Kosovo time and
areas by name, place names in the reader's language and script (``shown``). Details written
before, or free text, are shown as they are."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from locales import languages
from locales.translation import translate
from services.alerts.texts import area_names
from services.notices.titles import short_time

PREFIX = "i18n:"
TIME_ARGS = ("time",)
AREA_ARGS = ("areas",)
NAME_ARGS = ("name", "parent", "old", "new")
"""Values kept as a place's names by language (``{"sq": ..., "sr": ...}``)."""


def said(msgid: str, **values: Any) -> str:
    """A detail to keep: ``msgid`` (marked with ``N_``) and its values (times as datetimes,
    areas as a list of ids, a place's names as a dict by language)."""
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
    for name in NAME_ARGS:
        if isinstance(values.get(name), dict):
            values[name] = _name_in(values[name], language)
    try:
        return translate(msgid, language).format(**values)
    except (KeyError, IndexError, ValueError):
        return translate(msgid, language)


def _name_in(names: dict[str, Any], language: str) -> str:
    """A place's name in ``language`` and its script (the Albanian one where it has none)."""
    text = names.get(languages.catalog_of(language)) or names.get("sq") or ""
    return languages.in_script(language, str(text))
