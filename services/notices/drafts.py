"""The ``/notice`` draft of a staff chat: what has been chosen so far, kept with the chat.

A draft is a frozen value: each step returns a new one, and :func:`save` stores it with the
chat's staff link (so button presses and restarts do not lose it). The conversation never
touches the row itself.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from locales import languages
from services.areas import areas_of, get_area
from services.notices.changes import OutageChange
from services.notices.inputs import NoticeInput
from services.staff import accounts
from services.staff.accounts import Principal


@dataclass(frozen=True)
class NoticeDraft:
    """An outage notice being composed in a chat."""

    id: str = field(default_factory=lambda: secrets.token_hex(8))
    district: str | None = None
    areas: tuple[str, ...] = ()
    eta_hours: int | None = None
    texts: dict[str, str] = field(default_factory=dict)
    recipients: int | None = None

    def in_district(self, district: str) -> NoticeDraft:
        return replace(self, district=district, areas=(), recipients=None)

    def toggle_area(self, area_id: str) -> NoticeDraft:
        area = get_area(area_id)
        if area is None or area.district != self.district:
            return self
        if area_id in self.areas:
            areas = tuple(chosen for chosen in self.areas if chosen != area_id)
        else:
            areas = (*self.areas, area_id)
        return replace(self, areas=areas, recipients=None)

    def all_areas(self) -> NoticeDraft:
        areas = tuple(area.id for area in areas_of(self.district)) if self.district else ()
        return replace(self, areas=areas, recipients=None)

    def expecting(self, hours: int) -> NoticeDraft:
        return replace(self, eta_hours=hours, texts={})

    def with_text(self, language: str, text: str) -> NoticeDraft:
        return replace(self, texts={**self.texts, language: text})

    def counted(self, recipients: int) -> NoticeDraft:
        return replace(self, recipients=recipients)

    @property
    def next_text_language(self) -> str | None:
        """The next language whose reason text is still to be typed, or None."""
        missing = [code for code in languages.CATALOGS if code not in self.texts]
        return missing[0] if missing else None

    def to_input(self, now: datetime, *, confirm: bool = False) -> NoticeInput:
        assert self.district is not None
        start = now.replace(second=0, microsecond=0)
        return NoticeInput(
            kind="outage",
            district=self.district,
            areas=self.areas,
            starts_at=start,
            ends_at=start + timedelta(hours=self.eta_hours) if self.eta_hours else None,
            texts=dict(self.texts) or None,
            notice_id=self.id,
            confirm=confirm,
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "district": self.district,
            "areas": list(self.areas),
            "eta_hours": self.eta_hours,
            "texts": dict(self.texts),
            "recipients": self.recipients,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> NoticeDraft:
        return cls(
            id=str(data["id"]),
            district=data.get("district"),
            areas=tuple(data.get("areas") or ()),
            eta_hours=data.get("eta_hours"),
            texts=dict(data.get("texts") or {}),
            recipients=data.get("recipients"),
        )


@dataclass(frozen=True)
class UpdateDraft:
    """A change to a published outage being composed in a chat: a new expected end (hours
    from when it is sent), areas to add, a new reason. ``id`` is the change's idempotency key,
    so pressing *Publish* twice publishes it once."""

    notice_id: str
    id: str = field(default_factory=lambda: secrets.token_hex(8))
    eta_hours: int | None = None
    areas: tuple[str, ...] = ()
    texts: dict[str, str] = field(default_factory=dict)

    def toggle_area(self, area_id: str) -> UpdateDraft:
        if area_id in self.areas:
            return replace(self, areas=tuple(a for a in self.areas if a != area_id))
        return replace(self, areas=(*self.areas, area_id)) if get_area(area_id) else self

    def expecting(self, hours: int) -> UpdateDraft:
        return replace(self, eta_hours=hours)

    def with_text(self, language: str, text: str) -> UpdateDraft:
        return replace(self, texts={**self.texts, language: text})

    def without_texts(self) -> UpdateDraft:
        return replace(self, texts={})

    @property
    def next_text_language(self) -> str | None:
        missing = [code for code in languages.CATALOGS if code not in self.texts]
        return missing[0] if missing else None

    @property
    def complete_texts(self) -> dict[str, str] | None:
        """The new reason as typed so far (one language is enough), or None."""
        return dict(self.texts) or None

    @property
    def is_empty(self) -> bool:
        return not (self.eta_hours or self.areas or self.complete_texts)

    def ends_at(self, now: datetime) -> datetime | None:
        start = now.replace(second=0, microsecond=0)
        return start + timedelta(hours=self.eta_hours) if self.eta_hours else None

    def to_change(self, now: datetime) -> OutageChange:
        return OutageChange(self.ends_at(now), self.areas, self.complete_texts, self.id)

    def as_json(self) -> dict[str, Any]:
        return {
            "mode": "update",
            "notice_id": self.notice_id,
            "id": self.id,
            "eta_hours": self.eta_hours,
            "areas": list(self.areas),
            "texts": dict(self.texts),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> UpdateDraft:
        return cls(
            str(data["notice_id"]),
            str(data["id"]),
            data.get("eta_hours"),
            tuple(data.get("areas") or ()),
            dict(data.get("texts") or {}),
        )


Draft = NoticeDraft | UpdateDraft


def draft_from_json(data: dict[str, Any] | None) -> Draft | None:
    if not data:
        return None
    if data.get("mode") == "update":
        return UpdateDraft.from_json(data)
    return NoticeDraft.from_json(data)


@dataclass(frozen=True)
class StaffChatState:
    """Who the staff member of a chat is, and their draft (None when there is none)."""

    principal: Principal
    draft: Draft | None

    @property
    def notice_draft(self) -> NoticeDraft | None:
        return self.draft if isinstance(self.draft, NoticeDraft) else None

    @property
    def update_draft(self) -> UpdateDraft | None:
        return self.draft if isinstance(self.draft, UpdateDraft) else None


async def load(session: AsyncSession, channel: str, external_id: str) -> StaffChatState | None:
    """The staff state of a chat; None when the chat is not linked to an active staff member."""
    found = await accounts.chat_staff(session, channel, external_id)
    if found is None:
        return None
    link, member = found
    return StaffChatState(accounts.principal_of(member, "chat"), draft_from_json(link.draft))


async def save(session: AsyncSession, channel: str, external_id: str, draft: Draft | None) -> None:
    """Keep ``draft`` with the chat's staff link (None forgets it)."""
    found = await accounts.chat_staff(session, channel, external_id)
    if found is not None:
        found[0].draft = draft.as_json() if draft is not None else None
