"""What the notice desk answers: a notice as stored and as its outage stands now, its delivery,
and what became of a submission or a change. Frozen values with aware datetimes; the staff
page renders them and the staff API writes them as JSON."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from services.db.alert_models import Interruption
from services.db.staff_models import Notice


@dataclass(frozen=True)
class OutageNow:
    """What a published outage says now (its updates applied): ``status`` is the alerts
    engine's (``active``, ``restored``)."""

    status: str
    areas: tuple[str, ...]
    starts_at: datetime | None
    ends_at: datetime | None
    texts: dict[str, str] | None
    restored_at: datetime | None
    updated_at: datetime | None

    @classmethod
    def of(cls, outage: Interruption) -> OutageNow:
        return cls(
            outage.status,
            tuple(outage.areas or ()),
            outage.starts_at,
            outage.ends_at,
            outage.texts,
            outage.restored_at,
            outage.updated_at,
        )


@dataclass(frozen=True)
class Spent:
    """Messages of a notice sent the fast (paid) way, and what they cost (Telegram Stars)."""

    fast_sent: int
    stars_spent: float


@dataclass(frozen=True)
class NoticeView:
    """A notice as submitted; ``current``: what its outage says now (for a published outage,
    when asked for one notice); ``spent``: its fast messages (idem)."""

    id: str
    kind: str
    district: str
    areas: tuple[str, ...]
    starts_at: datetime
    ends_at: datetime | None
    texts: dict[str, str] | None
    status: str
    publish_at: datetime
    event_id: str
    recipients: int | None
    created_by: str
    created_at: datetime
    published_at: datetime | None
    stopped_at: datetime | None
    revision: int
    restored_at: datetime | None
    fast: bool
    current: OutageNow | None = None
    spent: Spent | None = None

    @classmethod
    def of(
        cls, notice: Notice, outage: Interruption | None = None, spent: Spent | None = None
    ) -> NoticeView:
        return cls(
            id=notice.id,
            kind=notice.kind,
            district=notice.district,
            areas=tuple(notice.areas),
            starts_at=notice.starts_at,
            ends_at=notice.ends_at,
            texts=notice.texts,
            status=notice.status,
            publish_at=notice.publish_at,
            event_id=notice.event_id,
            recipients=notice.recipients,
            created_by=notice.created_by,
            created_at=notice.created_at,
            published_at=notice.published_at,
            stopped_at=notice.stopped_at,
            revision=notice.revision or 0,
            restored_at=notice.restored_at,
            fast=bool(notice.fast),
            current=OutageNow.of(outage) if outage else None,
            spent=spent,
        )

    @property
    def is_current_outage(self) -> bool:
        """A published outage whose power is not back yet: it can be updated or restored."""
        current = self.current
        return self.kind == "outage" and current is not None and current.status == "active"

    @property
    def areas_now(self) -> tuple[str, ...]:
        return self.current.areas if self.current and self.current.areas else self.areas

    @property
    def starts_at_now(self) -> datetime:
        return self.current.starts_at if self.current and self.current.starts_at else self.starts_at

    @property
    def ends_at_now(self) -> datetime | None:
        return self.current.ends_at if self.current else self.ends_at

    @property
    def texts_now(self) -> dict[str, str] | None:
        return self.current.texts if self.current else self.texts


@dataclass(frozen=True)
class Submitted:
    """What became of a submitted notice. ``confirm_needed``: recipients, when over the limit."""

    notice: NoticeView | None
    created: bool
    recipients: int
    confirm_needed: bool = False


@dataclass(frozen=True)
class Changed:
    """What became of a change: ``applied`` (published to ``recipients`` chats), ``unchanged``
    (nothing new to say) or ``duplicate`` (this change id was applied before)."""

    notice: NoticeView
    status: str
    recipients: int | None  # None while the fan-out runs (after the commit)
    event_id: str | None = None


@dataclass(frozen=True)
class EventDelivery:
    """One event of a notice's outage or works (the first message, an update, power back) and
    its messages by outbox state and failures by reason. ``fanning_out``: its outbox rows are
    still being written (``recipients`` then counts the chats it will reach)."""

    id: str
    type: str
    recipients: int | None
    fanning_out: bool
    occurred_at: datetime
    counts: dict[str, int]
    failures: dict[str, int]


@dataclass(frozen=True)
class Progress:
    """A notice's delivery (see :func:`services.notices.delivery.progress_of`)."""

    id: str
    status: str
    recipients: int | None
    counts: dict[str, int]
    events: tuple[EventDelivery, ...]
    failures: dict[str, int]
    delivery: str
    stoppable: bool
    done: bool
    spent: Spent

    @property
    def heard(self) -> int:
        """Chats that heard of the notice, or may have (its first message sent, or sent with
        no answer): who a restore tells, with the chats that reported no power."""
        return self.counts.get("sent", 0) + self.counts.get("unconfirmed", 0)

    def totals(self, states: Iterable[str]) -> dict[str, int]:
        """Chats by the state of the notice's first message (one a chat): what the counters
        show. Updates and power back are counted per event in the history, never summed with
        it (6 chats told of an outage and of its update are 6 chats, not 12 messages)."""
        return {state: self.counts.get(state, 0) for state in states}
