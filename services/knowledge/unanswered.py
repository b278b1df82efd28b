"""The questions the bot could not answer, kept for staff: a message it refused or asked back
about is stored masked (:mod:`services.knowledge.masking`), with its language and the ids it
offered, and nothing of the chat. Staff see them grouped by likeness with counts
(:mod:`services.knowledge.grouping`), and either make a group examples of a topic (a new
version is published: the bot learns them), start a new topic from it, or dismiss it. Every
row is deleted 90 days after it was kept (:func:`cleanup`, run by the knowledge watcher)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.db.knowledge_models import UnansweredQuestion
from services.db.types import utcnow
from services.knowledge import versions
from services.knowledge.grouping import Item, group
from services.knowledge.masking import mask
from services.staff.accounts import Principal
from services.staff.errors import Forbidden, NotFound

KEEP = timedelta(days=90)
MAX_TEXT = 500
GROUPED = 2000  # the newest open questions that are grouped
DISMISSED = "dismissed"
REFERRED = "referred"  # a matter of KESCO's answered with its contacts: no topic covers it
OUTCOMES = ("refused", "asked", REFERRED)


@dataclass(frozen=True)
class QuestionGroup:
    """Alike questions: the newest one's row ``id`` (names the group), how many, a few texts,
    their languages, when the last came, and the ids the bot offered most."""

    id: int
    count: int
    texts: tuple[str, ...]
    languages: tuple[str, ...]
    last_seen: datetime
    choices: tuple[str, ...]
    row_ids: tuple[int, ...]


def record(
    session: AsyncSession,
    text: str,
    language: str,
    outcome: str,
    choices: Sequence[str] = (),
    now: datetime | None = None,
) -> UnansweredQuestion:
    """Keep one message the bot refused (``outcome`` "refused"), asked back about ("asked") or
    answered with KESCO's contacts because no topic covers it (``REFERRED``)."""
    row = UnansweredQuestion(
        text=mask(text.strip())[:MAX_TEXT],
        language=language[:8],
        outcome=outcome,
        choices=list(choices),
        created_at=now or utcnow(),
    )
    session.add(row)
    return row


async def _open_rows(session: AsyncSession, limit: int = GROUPED) -> list[UnansweredQuestion]:
    query = (
        select(UnansweredQuestion)
        .where(UnansweredQuestion.resolved_at.is_(None))
        .order_by(UnansweredQuestion.created_at.desc(), UnansweredQuestion.id.desc())
        .limit(limit)
    )
    return list(await session.scalars(query))


async def groups(session: AsyncSession, limit: int = 100) -> list[QuestionGroup]:
    """The open questions in groups of alike ones, the largest (then the newest) first."""
    rows = await _open_rows(session)
    by_id = {row.id: row for row in rows}
    found = []
    for members in group([Item(row.id, row.text, row.language) for row in rows]):
        kept = [by_id[item.id] for item in members]
        offered = Counter(choice for row in kept for choice in row.choices or ())
        found.append(
            QuestionGroup(
                kept[0].id,
                len(kept),
                tuple(dict.fromkeys(row.text for row in kept))[:5],
                tuple(sorted({row.language for row in kept})),
                kept[0].created_at,
                tuple(choice for choice, _n in offered.most_common(3)),
                tuple(row.id for row in kept),
            )
        )
    found.sort(key=lambda g: (-g.count, -g.last_seen.timestamp()))
    return found[:limit]


async def find_group(
    session: AsyncSession, group_id: int
) -> tuple[QuestionGroup, list[UnansweredQuestion]]:
    """The open group named ``group_id`` (one of its rows) and its rows."""
    for found in await groups(session, limit=GROUPED):
        if group_id in found.row_ids:
            rows = await session.scalars(
                select(UnansweredQuestion).where(UnansweredQuestion.id.in_(found.row_ids))
            )
            return found, list(rows)
    raise NotFound(str(group_id))


async def resolve(
    session: AsyncSession, row_ids: Sequence[int], to: str, now: datetime | None = None
) -> None:
    """Mark rows done: made examples of topic ``to``, or dismissed."""
    await session.execute(
        update(UnansweredQuestion)
        .where(UnansweredQuestion.id.in_(list(row_ids)))
        .values(resolved_at=now or utcnow(), resolved_to=to[:64])
    )


async def assign(
    session: AsyncSession,
    principal: Principal,
    group_id: int,
    topic_id: str,
    known: Sequence[str],
) -> versions.Version:
    """Make every question of a group an example of ``topic_id`` (one of ``known``: built-in
    ids and staff topics): a new version is published."""
    if not principal.is_admin:
        raise Forbidden("faq")
    if topic_id not in known:
        raise NotFound(topic_id)
    found, rows = await find_group(session, group_id)
    examples: dict[str, list[str]] = {}
    for row in rows:
        examples.setdefault(row.language, []).append(row.text)
    version = await versions.add_examples(session, principal, topic_id, examples)
    await resolve(session, found.row_ids, topic_id)
    return version


async def dismiss(session: AsyncSession, principal: Principal, group_id: int) -> int:
    """Take a group off the list without teaching the bot anything; how many rows."""
    if not principal.is_admin:
        raise Forbidden("faq")
    found, _rows = await find_group(session, group_id)
    await resolve(session, found.row_ids, DISMISSED)
    return found.count


async def cleanup(session: AsyncSession, now: datetime, keep: timedelta = KEEP) -> int:
    """Delete every kept question older than ``keep`` (90 days); how many."""
    result = await session.execute(
        delete(UnansweredQuestion).where(UnansweredQuestion.created_at < now - keep)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
