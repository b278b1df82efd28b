"""Reason templates for notices: common reasons (a storm, a fault on the line, maintenance) in
every language, so that an operator publishes a correct trilingual notice in a minute.

The three defaults are texts of the gettext catalogs until an admin edits them; edited and new
templates are rows of ``notice_templates``. The staff page, the API's callers and ``/notice``
read them from here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from locales import languages
from locales.translation import N_, translate
from services.db.staff_models import NoticeTemplate
from services.db.types import utcnow
from services.notices.errors import NoticeForbidden, NoticeInvalid
from services.notices.inputs import read_texts
from services.staff.accounts import Principal

KEY = re.compile(r"^[a-z0-9][a-z0-9-]{1,31}$")
MAX_NAME = 60
DEFAULTS: dict[str, tuple[str, str]] = {
    "storm": (
        N_("Storm"),
        N_("A storm has damaged the power network. Our crews are working to bring power back."),
    ),
    "line-fault": (
        N_("Fault on the line"),
        N_("A fault on the power line. Our crews are repairing it."),
    ),
    "maintenance": (
        N_("Maintenance"),
        N_("Maintenance works on the power network."),
    ),
}


@dataclass(frozen=True)
class ReasonTemplate:
    """A reason in every catalog language (``texts``) with its name in each (``names``)."""

    key: str
    names: dict[str, str]
    texts: dict[str, str]
    edited_by: str | None = None

    def name(self, language: str) -> str:
        base = languages.catalog_of(language)
        name = self.names.get(base) or next(iter(self.names.values()))
        return languages.in_script(language, name)


def _default(key: str) -> ReasonTemplate:
    name, text = DEFAULTS[key]
    return ReasonTemplate(
        key,
        {code: translate(name, code) for code in languages.CATALOGS},
        {code: translate(text, code) for code in languages.CATALOGS},
    )


async def all_templates(session: AsyncSession) -> list[ReasonTemplate]:
    """The defaults (as edited) first, then the templates admins added."""
    rows = {
        row.key: row
        for row in await session.scalars(
            select(NoticeTemplate).order_by(NoticeTemplate.position, NoticeTemplate.key)
        )
    }
    found = [
        ReasonTemplate(key, dict(rows[key].names), dict(rows[key].texts), rows[key].updated_by)
        if key in rows
        else _default(key)
        for key in DEFAULTS
    ]
    found += [
        ReasonTemplate(row.key, dict(row.names), dict(row.texts), row.updated_by)
        for key, row in rows.items()
        if key not in DEFAULTS
    ]
    return found


async def get_template(session: AsyncSession, key: str) -> ReasonTemplate | None:
    return next((t for t in await all_templates(session) if t.key == key), None)


def _names(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        raise NoticeInvalid("names", "names: an object with sq, en and sr")
    names = {}
    for code in languages.CATALOGS:
        name = value.get(code)
        if not isinstance(name, str) or not name.strip() or len(name) > MAX_NAME:
            raise NoticeInvalid(f"names.{code}", f"names.{code}: 1-{MAX_NAME} characters")
        names[code] = name.strip()
    return names


async def save_template(
    session: AsyncSession, principal: Principal, key: str, names: Any, texts: Any
) -> ReasonTemplate:
    """Edit a template, or add one under a new ``key`` (admins only)."""
    if not principal.is_admin:
        raise NoticeForbidden("templates")
    if not KEY.match(key):
        raise NoticeInvalid("key", "key: 2-32 of a-z 0-9 -")
    checked_names, checked_texts = _names(names), read_texts(texts, required=True)
    assert checked_texts is not None
    row = await session.get(NoticeTemplate, key)
    if row is None:
        count = await session.scalar(select(func.count()).select_from(NoticeTemplate))
        position = list(DEFAULTS).index(key) if key in DEFAULTS else 100 + int(count or 0)
        row = NoticeTemplate(key=key, position=position)
        session.add(row)
    row.names, row.texts = checked_names, checked_texts
    row.updated_by, row.updated_at = principal.username, utcnow()
    await session.flush()
    return ReasonTemplate(key, checked_names, checked_texts, principal.username)
