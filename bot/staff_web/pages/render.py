"""Server-rendered HTML of the staff pages: the Jinja2 templates of ``templates/`` (autoescaped),
what they may call, and the responses that carry them (strict security headers).

Every word on a page comes from the gettext catalogs through ``_`` and ``ngettext``, in the
language of the request (the staff member's choice; Albanian by default), set by the page's
wrapper before a view runs; names, not ids: districts and areas by name, times in Kosovo time.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from aiohttp import web
from jinja2 import Environment, PackageLoader, StrictUndefined

from bot.staff_web.estimate import duration
from bot.staff_web.pages import labels
from bot.staff_web.pages.forms import TEXT_LABELS
from bot.staff_web.place_search import label_of
from locales import languages
from locales.i18n import _, current_language, ngettext
from services.alerts.texts import area_names, free_text
from services.areas import areas_of, district_name, get_area
from services.notices.titles import area_list, kind_name, notice_title, short_time
from services.notices.views import NoticeView
from services.phones import display_phone
from services.places.in_use import place_tree
from services.staff.audit_details import shown

HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
}


def when(value: datetime, now: datetime | None = None) -> str:
    """``today 14:05`` and the like, in Kosovo time and the page's language."""
    return short_time(value, current_language(), now)


def area_name(area_id: str) -> str:
    """An area's name, or any place's (issue 23), in the page's language."""
    named = get_area(area_id) or place_tree().get(area_id)
    return named.name(current_language()) if named is not None else area_id


def title_of(notice: NoticeView) -> str:
    """``Outage · Dardania, Ulpiana · today 14:05``: a notice as its outage stands now."""
    return notice_title(notice.kind, notice.areas_now, notice.starts_at_now, current_language())


def _json(value: Any, ascii: bool = False) -> str:
    return json.dumps(value, ensure_ascii=ascii)


ENVIRONMENT = Environment(
    loader=PackageLoader("bot.staff_web.pages", "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
ENVIRONMENT.filters.update(
    json=_json,
    g=lambda number: f"{number:g}",
    kind=lambda code: kind_name(code, current_language()),
    district=lambda code: district_name(code, current_language()),
)
ENVIRONMENT.globals.update(
    _=_,
    ngettext=ngettext,
    lang=current_language,
    languages=languages.LANGUAGES,
    language_name=lambda code: languages.get(code).name,
    labels=labels,
    word=labels.word,
    when=when,
    district=lambda code: district_name(code, current_language()),
    area_name=area_name,
    place_label=label_of,
    phone=display_phone,
    areas_of=areas_of,
    kind=lambda code: kind_name(code, current_language()),
    area_list=lambda ids: area_list(ids, current_language()),
    area_names=lambda ids: area_names(ids, current_language()),
    free_text=lambda texts: free_text(texts, current_language()),
    title_of=title_of,
    notice_title=lambda kind, areas, starts, now=None: notice_title(
        kind, areas, starts, current_language(), now
    ),
    duration=duration,
    text_labels=TEXT_LABELS,
    audit_detail=lambda detail: shown(detail, current_language()),
)


def render(template: str, **values: Any) -> str:
    """``template`` filled with ``values``, in the current language."""
    return ENVIRONMENT.get_template(template).render(**values)


def html(body: str, status: int = 200) -> web.Response:
    return web.Response(text=body, status=status, content_type="text/html", headers=HEADERS)


def see_other(location: str) -> web.Response:
    return web.Response(status=303, headers={**HEADERS, "Location": location})
