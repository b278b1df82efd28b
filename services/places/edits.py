"""The places admins keep on top of the place file: places added (a new village, a street) and
places renamed (names, spellings, case forms), published in versions as FAQ topics are (every
change a new version holding every edit, audited; the highest number is in use, and every
instance lays it over the file within seconds: :mod:`services.places.live`).

A rename keeps the names it replaces as spellings (aliases), so what people typed before still
finds the place. An edit that no longer fits the file (its parent left the file KESCO keeps) is
left out of the tree, not fatal.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from locales.serbian_script import is_cyrillic
from services.db.place_models import PlaceVersion
from services.db.types import utcnow
from services.places import audit_details
from services.places.loader import ID_PATTERN
from services.places.tree import CASE_FORMS, LEVELS, NAME_LANGUAGES, Place, PlaceTree, check
from services.staff import audit
from services.staff.accounts import Principal
from services.staff.errors import Forbidden, Invalid, NotFound
from services.staff.published import add_version

log = logging.getLogger(__name__)
MAX_NAME = 120
MAX_ALIASES = 30


@dataclass(frozen=True)
class PlaceEdit:
    """One place as admins keep it: a new place (``level`` and ``parent`` given) or the new
    names of a place of the file."""

    id: str
    names: Mapping[str, str]
    level: str | None = None
    parent: str | None = None
    aliases: tuple[str, ...] = ()
    forms: Mapping[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "names": dict(self.names),
            "level": self.level,
            "parent": self.parent,
            "aliases": list(self.aliases),
            "forms": dict(self.forms),
        }


def from_json(raw: Mapping[str, Any]) -> PlaceEdit:
    return PlaceEdit(
        str(raw["id"]),
        dict(raw.get("names") or {}),
        raw.get("level"),
        raw.get("parent"),
        tuple(raw.get("aliases") or ()),
        dict(raw.get("forms") or {}),
    )


def apply(base: Sequence[Place], edits: Sequence[PlaceEdit]) -> PlaceTree:
    """The tree of ``base`` with ``edits`` laid over it; an edit that does not fit is skipped
    (and logged)."""
    places = {place.id: place for place in base}
    for edit in edits:
        candidate = _edited(places.get(edit.id), edit)
        if candidate is None:
            log.warning("place edit %s skipped: it is not a place of the file", edit.id)
            continue
        trial = {**places, candidate.id: candidate}
        problems = check([candidate], trial)
        if problems:
            log.warning("place edit %s skipped: %s", edit.id, problems[0][1])
            continue
        places = trial
    return PlaceTree(places.values())


def _edited(old: Place | None, edit: PlaceEdit) -> Place | None:
    """The place ``edit`` makes of ``old`` (None: a new place; None back if it is not one)."""
    if old is None:
        if edit.level is None:
            return None
        names, forms = dict(edit.names), dict(edit.forms)
        return Place(edit.id, edit.level, edit.parent, names, edit.aliases, forms, "admin")
    names = {**old.names, **edit.names}
    renamed = {lang for lang in names if names[lang] != old.names.get(lang)}
    replaced = [old.names[lang] for lang in renamed if lang in old.names]
    aliases = tuple(dict.fromkeys((*old.aliases, *replaced, *edit.aliases)))
    # The case forms of a name that changed no longer fit it, unless new ones are given.
    kept = {form: text for form, text in old.forms.items() if form[:2] not in renamed}
    return replace(old, names=names, aliases=aliases, forms={**kept, **edit.forms})


def checked(place_id: str, body: Any, tree: PlaceTree) -> PlaceEdit:
    """The edit a staff request gives for ``place_id`` (:class:`Invalid` naming the field):
    ``names`` (``sq``, ``sr`` in Cyrillic, ``en``), optional ``aliases`` and case ``forms``;
    for a new place also ``level`` and ``parent``."""
    if not isinstance(body, dict):
        raise Invalid("body", "the body must be a JSON object")
    if not ID_PATTERN.match(place_id):
        raise Invalid("id", "id: letters, digits, '-', '_', '.'; up to 64")
    existing = tree.get(place_id)
    names = _texts(body.get("names"), NAME_LANGUAGES, "names")
    if "sr" in names and not is_cyrillic(names["sr"]):
        raise Invalid("names.sr", "names.sr: the Serbian name in Cyrillic")
    forms = _texts(body.get("forms"), CASE_FORMS, "forms")
    for form in ("sr_gen", "sr_loc"):
        if form in forms and not is_cyrillic(forms[form]):
            raise Invalid(f"forms.{form}", f"forms.{form}: in Cyrillic")
    aliases = body.get("aliases") or []
    if not isinstance(aliases, list) or len(aliases) > MAX_ALIASES:
        raise Invalid("aliases", f"aliases: a list of up to {MAX_ALIASES} spellings")
    if not all(isinstance(a, str) and 0 < len(a.strip()) <= MAX_NAME for a in aliases):
        raise Invalid("aliases", f"aliases: each a spelling of 1-{MAX_NAME} characters")
    level, parent = body.get("level"), body.get("parent")
    if existing is None:
        if level not in LEVELS or level == "district":
            raise Invalid("level", f"level: one of {', '.join(LEVELS[1:])}")
        if not isinstance(parent, str) or parent not in tree:
            raise Invalid("parent", "parent: the id of a known place")
        if not names.get("sq"):
            raise Invalid("names.sq", "names.sq: the Albanian name is needed")
    elif level not in (None, existing.level) or parent not in (None, existing.parent):
        raise Invalid("level", "a place of the file keeps its level and parent")
    if existing is not None and not names and not aliases and not forms:
        raise Invalid("names", "names: what the place is to be called")
    edit = PlaceEdit(
        place_id,
        names,
        level if existing is None else None,
        parent if existing is None else None,
        tuple(a.strip() for a in aliases),
        forms,
    )
    if existing is None:
        new = _edited(None, edit)
        problems = check([new], {p.id: p for p in tree.all()}) if new else []
        if problems:
            raise Invalid("parent", problems[0][1])
    return edit


def _texts(raw: Any, allowed: Sequence[str], name: str) -> dict[str, str]:
    if raw is None:
        return {}
    if not isinstance(raw, dict) or any(key not in allowed for key in raw):
        raise Invalid(name, f"{name}: an object with {', '.join(allowed)}")
    texts: dict[str, str] = {}
    for key, value in raw.items():
        if not isinstance(value, str) or len(value.strip()) > MAX_NAME:
            raise Invalid(f"{name}.{key}", f"{name}.{key}: up to {MAX_NAME} characters")
        if value.strip():
            texts[key] = value.strip()
    return texts


@dataclass(frozen=True)
class Version:
    """A published version of the admins' place edits."""

    number: int
    published_at: datetime
    published_by: str
    action: str
    detail: str | None
    edits: tuple[PlaceEdit, ...]


def _version(row: PlaceVersion) -> Version:
    edits = tuple(from_json(raw) for raw in row.edits or ())
    return Version(row.number, row.published_at, row.published_by, row.action, row.detail, edits)


async def latest_number(session: AsyncSession) -> int:
    """The number of the version in use (0: none, the place file alone)."""
    return int(await session.scalar(select(func.max(PlaceVersion.number))) or 0)


async def current(session: AsyncSession) -> Version | None:
    number = await latest_number(session)
    row = await session.get(PlaceVersion, number) if number else None
    return _version(row) if row is not None else None


async def history(session: AsyncSession, limit: int = 50) -> list[Version]:
    rows = await session.scalars(
        select(PlaceVersion).order_by(PlaceVersion.number.desc()).limit(limit)
    )
    return [_version(row) for row in rows]


async def save(
    session: AsyncSession,
    principal: Principal,
    edit: PlaceEdit,
    base: Sequence[Place],
    now: datetime | None = None,
) -> tuple[Version, PlaceTree]:
    """Publish ``edit`` (a new place, or new names) as a new version; audited. Admins only."""
    if not principal.is_admin:
        raise Forbidden("places")
    before = await current(session)
    edits = list(before.edits if before else ())
    known = next((e for e in edits if e.id == edit.id), None)
    merged = _merged(known, edit) if known else edit
    edits = [merged if e.id == edit.id else e for e in edits] if known else [*edits, edit]
    tree = apply(base, edits)
    if edit.id not in tree:
        raise NotFound(edit.id)
    added = known is None and edit.level is not None
    action = "place.added" if added else "place.renamed"
    old = apply(base, before.edits if before else ()).get(edit.id)
    told = audit_details.edited(old, tree, edit.id, await latest_number(session) + 1)
    return await _publish(session, principal, edits, base, action, _detail(edit), told, now)


async def restore(
    session: AsyncSession,
    principal: Principal,
    number: int,
    base: Sequence[Place],
    now: datetime | None = None,
) -> tuple[Version, PlaceTree]:
    """Publish the edits of version ``number`` again, as a new version (0: none, the place file
    alone); audited (``places.restored``). Admins only."""
    if not principal.is_admin:
        raise Forbidden("places")
    old = await session.get(PlaceVersion, number) if number else None
    if number < 0 or (number and old is None):
        raise NotFound(str(number))
    edits = list(_version(old).edits) if old is not None else []
    told = audit_details.restored(number, await latest_number(session) + 1)
    action, detail = "places.restored", f"version {number}"
    return await _publish(session, principal, edits, base, action, detail, told, now)


async def _publish(
    session: AsyncSession,
    principal: Principal,
    edits: Sequence[PlaceEdit],
    base: Sequence[Place],
    action: str,
    detail: str,
    told: str,
    now: datetime | None,
) -> tuple[Version, PlaceTree]:
    """A new version holding ``edits``; ``detail`` for the versions' list, ``told`` (a kept
    audit detail: :mod:`services.staff.audit_details`) for the audit log."""
    row = PlaceVersion(
        number=await latest_number(session) + 1,
        published_at=now or utcnow(),
        published_by=principal.username[:64],
        action=action,
        detail=detail[:200],
        edits=[e.to_json() for e in edits],
    )
    await add_version(session, row)
    audit.record(session, principal, action, detail=told)
    return _version(row), PlaceTree(apply(base, edits).all(), version=row.number)


def _merged(known: PlaceEdit, edit: PlaceEdit) -> PlaceEdit:
    """``known`` with ``edit``'s changes; the names it replaces stay as spellings."""
    replaced = [v for k, v in known.names.items() if edit.names.get(k, v) != v]
    return replace(
        known,
        names={**known.names, **edit.names},
        aliases=tuple(dict.fromkeys((*known.aliases, *replaced, *edit.aliases))),
        forms={**known.forms, **edit.forms},
    )


def _detail(edit: PlaceEdit) -> str:
    names = " / ".join(edit.names[k] for k in NAME_LANGUAGES if k in edit.names)
    where = f" ({edit.level} in {edit.parent})" if edit.level else ""
    return f"{edit.id}: {names}{where}" if names else edit.id
