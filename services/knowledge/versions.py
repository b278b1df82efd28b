"""Publishing the staff topics: every change is a new version (a snapshot of every staff topic),
audited; going back to an older version publishes its snapshot again as a new version, so the
highest number is always what the bot answers with and every instance notices a change by it.

Only admins publish. Two admins publishing at once cannot both win: a version's number is the
latest one plus one, and the second insert of a number fails (:class:`Conflict`: try again).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.db.knowledge_models import KnowledgeVersion
from services.db.types import utcnow
from services.knowledge.topics import StaffTopic, from_json
from services.staff import audit
from services.staff.accounts import Principal
from services.staff.errors import Forbidden, NotFound
from services.staff.published import add_version

ACTIONS = ("topic.saved", "topic.removed", "examples.added", "restored")


@dataclass(frozen=True)
class Version:
    """A published version: its number, when and by whom, what changed, and every topic."""

    number: int
    published_at: datetime
    published_by: str
    action: str
    detail: str | None
    topics: tuple[StaffTopic, ...]

    def topic(self, topic_id: str) -> StaffTopic | None:
        return next((topic for topic in self.topics if topic.id == topic_id), None)


def _version(row: KnowledgeVersion) -> Version:
    topics = tuple(from_json(raw) for raw in row.topics or ())
    return Version(row.number, row.published_at, row.published_by, row.action, row.detail, topics)


async def latest_number(session: AsyncSession) -> int:
    """The number of the version in use (0: none published, the built-in knowledge only)."""
    return int(await session.scalar(select(func.max(KnowledgeVersion.number))) or 0)


async def get(session: AsyncSession, number: int) -> Version | None:
    row = await session.get(KnowledgeVersion, number)
    return _version(row) if row is not None else None


async def current(session: AsyncSession) -> Version | None:
    """The version in use, or None when staff never published."""
    number = await latest_number(session)
    return await get(session, number) if number else None


async def current_topics(session: AsyncSession) -> tuple[StaffTopic, ...]:
    found = await current(session)
    return found.topics if found else ()


async def history(session: AsyncSession, limit: int = 50) -> list[Version]:
    """The newest versions first."""
    rows = await session.scalars(
        select(KnowledgeVersion).order_by(KnowledgeVersion.number.desc()).limit(limit)
    )
    return [_version(row) for row in rows]


async def publish(
    session: AsyncSession,
    principal: Principal,
    change: Callable[[tuple[StaffTopic, ...]], Sequence[StaffTopic]],
    action: str,
    detail: str,
    now: datetime | None = None,
) -> Version:
    """A new version: ``change`` applied to the topics in use; audited."""
    if not principal.is_admin:
        raise Forbidden("faq")
    number = await latest_number(session)
    before = await get(session, number) if number else None
    topics = tuple(change(before.topics if before else ()))
    row = KnowledgeVersion(
        number=number + 1,
        published_at=now or utcnow(),
        published_by=principal.username[:64],
        action=action,
        detail=detail[:200],
        topics=[t.to_json() for t in topics],
    )
    await add_version(session, row)
    audit.record(session, principal, "faq.published", detail=f"v{row.number} {action} {detail}")
    return _version(row)


def _replaced(topics: tuple[StaffTopic, ...], topic: StaffTopic) -> list[StaffTopic]:
    others = [t for t in topics if t.id != topic.id]
    return (
        [*others, topic]
        if len(others) == len(topics)
        else [topic if t.id == topic.id else t for t in topics]
    )


async def save_topic(session: AsyncSession, principal: Principal, topic: StaffTopic) -> Version:
    """Add or replace one topic."""
    return await publish(
        session, principal, lambda ts: _replaced(ts, topic), "topic.saved", topic.id
    )


async def remove_topic(session: AsyncSession, principal: Principal, topic_id: str) -> Version:
    """Take one topic away (a built-in one answers as built in again)."""
    in_use = await current_topics(session)
    if not any(topic.id == topic_id for topic in in_use):
        raise NotFound(topic_id)
    return await publish(
        session,
        principal,
        lambda ts: [t for t in ts if t.id != topic_id],
        "topic.removed",
        topic_id,
    )


async def add_examples(
    session: AsyncSession,
    principal: Principal,
    topic_id: str,
    examples: Mapping[str, Sequence[str]],
) -> Version:
    """Example questions (per language) added to one topic (a built-in id gets a staff entry of
    its own)."""

    def change(topics: tuple[StaffTopic, ...]) -> list[StaffTopic]:
        topic = next((t for t in topics if t.id == topic_id), StaffTopic(topic_id))
        for lang, texts in examples.items():
            topic = topic.with_examples(lang, texts)
        return _replaced(topics, topic)

    return await publish(session, principal, change, "examples.added", topic_id)


async def restore(session: AsyncSession, principal: Principal, number: int) -> Version:
    """Publish the topics of version ``number`` again, as a new version."""
    old = await get(session, number)
    if old is None:
        raise NotFound(str(number))
    return await publish(
        session, principal, lambda _ts: old.topics, "restored", f"version {number}"
    )
