"""The staff pages' notice forms, as posted, and the typed inputs they describe: the compose
form gives a :class:`~services.notices.inputs.NoticeInput`, the update form an
:class:`~services.notices.changes.OutageChange` and *Power is back* a
:class:`~services.notices.changes.Restoration`, checked by the same functions as the chat's.

Times on the page are Kosovo local time (``datetime-local`` inputs); they become aware
datetimes here. The fields keep what was typed, to show the form again.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from multidict import MultiMapping

from services.areas import get_area
from services.notices.changes import OutageChange, Restoration, check_change, check_restoration
from services.notices.errors import NoticeInvalid
from services.notices.inputs import NoticeInput, check_notice
from services.notices.views import OutageNow
from services.notices.where import district_of
from services.power_reports import AreaReports

KOSOVO = ZoneInfo("Europe/Belgrade")
LOCAL = "%Y-%m-%dT%H:%M"
TEXT_LABELS = (("sq", "Shqip"), ("en", "English"), ("sr", "Српски (ћирилица)"))
FIELD_NAMES = {
    "texts.sq": "text_sq",
    "texts.en": "text_en",
    "texts.sr": "text_sr",
    "texts": "text_sq",
}


def form_field(name: str) -> str:
    """The form's field for a field of the notice (``texts.sr`` is ``text_sr``)."""
    return FIELD_NAMES.get(name, name)


def local_now() -> str:
    return datetime.now(KOSOVO).strftime(LOCAL)


def local_input(moment: datetime | None) -> str:
    """A time as the value of a ``datetime-local`` input, in Kosovo time."""
    return moment.astimezone(KOSOVO).strftime(LOCAL) if moment else ""


def local_time(value: str, name: str) -> datetime | None:
    """A ``datetime-local`` value (Kosovo time) as an aware datetime; ``None`` when empty."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as error:
        raise NoticeInvalid(name, f"{name}: not a date and time") from error
    return moment.replace(tzinfo=KOSOVO)


def _text(post: MultiMapping[Any], name: str, limit: int = 600) -> str:
    value = post.get(name, "")
    return value[:limit] if isinstance(value, str) else ""


def _areas(post: MultiMapping[Any]) -> tuple[str, ...]:
    return tuple(a for a in post.getall("areas", []) if isinstance(a, str))[:50]


def _places(values: Sequence[Any]) -> tuple[str, ...]:
    """The places ticked (chips and search results), each once; checked by the service."""
    return tuple(dict.fromkeys(p[:64] for p in values if isinstance(p, str) and p))[:50]


def _texts(post: MultiMapping[Any]) -> dict[str, str]:
    return {code: _text(post, f"text_{code}") for code, _name in TEXT_LABELS}


@dataclass(frozen=True)
class ComposeForm:
    """The compose form: a new notice, now or scheduled (``when``: ``now`` or ``later``)."""

    id: str = field(default_factory=lambda: secrets.token_hex(8))
    kind: str = "outage"
    district: str = ""
    areas: tuple[str, ...] = ()
    starts_at: str = field(default_factory=local_now)
    ends_at: str = ""
    texts: dict[str, str] = field(default_factory=lambda: dict.fromkeys(("sq", "en", "sr"), ""))
    when: str = "now"
    publish_at: str = ""
    fast: bool = False
    places: tuple[str, ...] = ()  # places of any level (issue 23), besides or instead of areas
    place_query: str = ""  # what was typed in the place search (the search without script)

    @classmethod
    def from_post(cls, post: MultiMapping[Any]) -> ComposeForm:
        return cls(
            id=_text(post, "id", 40),
            kind=_text(post, "kind", 20),
            district=_text(post, "district", 3),
            areas=_areas(post),
            starts_at=_text(post, "starts_at", 20),
            ends_at=_text(post, "ends_at", 20),
            texts=_texts(post),
            when="later" if _text(post, "when") == "later" else "now",
            publish_at=_text(post, "publish_at", 20),
            fast=_text(post, "fast") == "yes",
            places=_places(post.getall("places", [])),
            place_query=_text(post, "place_q", 100),
        )

    def prefilled(
        self, query: Mapping[str, str] | MultiMapping[str], scope: Sequence[str]
    ) -> ComposeForm:
        """The form with what the address gives (from the reports page: an outage of an area
        since its first report); what is not valid, or outside ``scope``, is left out."""
        form = self
        district = query.get("district", "")
        if district in scope:
            getall = getattr(query, "getall", None)
            areas = getall("areas", []) if getall else [query.get("areas", "")]
            chosen = [a for a in areas if (area := get_area(a)) and area.district == district]
            form = replace(form, district=district, areas=tuple(chosen[:50]))
        getall = getattr(query, "getall", None)
        places = getall("places", []) if getall else [query.get("places", "")]
        places = [p for p in _places(places) if (d := district_of(p)) and d in scope]
        if places:
            form = replace(form, places=tuple(places))
        if query.get("kind") in ("outage", "planned_work"):
            form = replace(form, kind=query["kind"])
        starts_at = query.get("starts_at", "")
        try:
            datetime.strptime(starts_at, LOCAL)
        except ValueError:
            return form
        return replace(form, starts_at=starts_at)

    def notice(self, confirm: bool = False) -> NoticeInput:
        """The notice the form describes; :class:`NoticeInvalid` names what is wrong."""
        starts_at = local_time(self.starts_at, "starts_at")
        ends_at = local_time(self.ends_at, "ends_at")
        publish_at = None
        if self.when == "later":
            publish_at = local_time(self.publish_at, "publish_at")
            if publish_at is None:
                raise NoticeInvalid("publish_at", "publish_at: when to publish the notice")
        texts = self.texts if any(t.strip() for t in self.texts.values()) else None
        return check_notice(
            kind=self.kind,
            district=self.district,
            areas=list(self.areas),
            starts_at=starts_at,
            ends_at=ends_at,
            texts=texts,
            publish_at=publish_at,
            notice_id=self.id or None,
            confirm=confirm,
            fast=self.fast,
            places=list(self.places),
        )

    def publish_time(self) -> datetime | None:
        """When a scheduled notice is to be published, as typed (``None``: now)."""
        return local_time(self.publish_at, "publish_at") if self.when == "later" else None

    def hidden_fields(self) -> list[tuple[str, str]]:
        """The form as hidden fields (the preview sends it on, or back to be edited)."""
        return [
            ("id", self.id),
            ("kind", self.kind),
            ("district", self.district),
            *(("areas", area) for area in self.areas),
            ("starts_at", self.starts_at),
            ("ends_at", self.ends_at),
            *((f"text_{code}", text) for code, text in self.texts.items()),
            ("when", self.when),
            ("publish_at", self.publish_at),
            ("fast", "yes" if self.fast else ""),
            *(("places", place) for place in self.places),
        ]


@dataclass(frozen=True)
class UpdateForm:
    """The update form of a published outage: a new expected end, areas or places to add, a new
    reason.
    ``id`` is the change's idempotency key (a form sent twice is published once)."""

    id: str
    ends_at: str
    areas: tuple[str, ...]
    texts: dict[str, str]
    places: tuple[str, ...] = ()
    place_query: str = ""

    @classmethod
    def of(cls, now: OutageNow) -> UpdateForm:
        """The form as it opens: the outage as it stands."""
        texts = {code: (now.texts or {}).get(code, "") for code, _name in TEXT_LABELS}
        return cls(secrets.token_hex(8), local_input(now.ends_at), (), texts)

    @classmethod
    def from_post(cls, post: MultiMapping[Any]) -> UpdateForm:
        texts = {code: str(post.get(f"text_{code}", ""))[:600] for code, _name in TEXT_LABELS}
        return cls(
            str(post.get("id", ""))[:40],
            str(post.get("ends_at", ""))[:20],
            _areas(post),
            texts,
            _places(post.getall("places", [])),
            _text(post, "place_q", 100),
        )

    def hidden_fields(self) -> list[tuple[str, str]]:
        """The form's values as hidden fields (the preview posts them back)."""
        fields = [("id", self.id), ("ends_at", self.ends_at)]
        fields += [("areas", area) for area in self.areas]
        fields += [("places", place) for place in self.places]
        fields += [(f"text_{code}", text) for code, text in self.texts.items()]
        return fields

    def change(self, now: OutageNow) -> OutageChange:
        """What the form changes (what is as it was is left out)."""
        ends_at = None
        if self.ends_at and self.ends_at != local_input(now.ends_at):
            ends_at = local_time(self.ends_at, "ends_at")
        texts = {code: text.strip() for code, text in self.texts.items()}
        changed = any(texts.values()) and texts != (now.texts or {})
        return check_change(
            ends_at=ends_at,
            areas=list(self.areas),
            texts=texts if changed else None,
            change_id=self.id or None,
            places=list(self.places),
        )


def restoration(post: MultiMapping[Any]) -> Restoration:
    """*Power is back* at the time the form gives (now when it gives none)."""
    return check_restoration(local_time(str(post.get("restored_at", ""))[:20], "restored_at"))


def notice_link(row: AreaReports) -> str:
    """The compose form prefilled with an outage of the area since its first report."""
    query = urlencode(
        {
            "kind": "outage",
            "district": row.district,
            "areas": row.area_id,
            "starts_at": local_input(row.first_at),
        }
    )
    return f"/staff/notices/new?{query}"
