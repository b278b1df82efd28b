"""How the bot would answer a question with a draft topic, before it is published: the engine
of the topics in use with the draft in place of its published version (built off the event
loop, cached), asked the question as a customer's message."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass

from services.faq import safety
from services.knowledge.building import build_engine
from services.knowledge.topics import StaffTopic

MAX_QUESTION = 500


@dataclass(frozen=True)
class Preview:
    """What the bot would do: answer ``id`` outright (with ``answer`` in the language asked
    for, for a topic), ask back with ``choices``, or refuse (neither); ``danger``: the safety
    answer comes first."""

    question: str
    id: str | None
    score: float
    lang: str
    choices: tuple[str, ...]
    answer: str | None
    danger: bool


async def preview(
    published: Sequence[StaffTopic], question: str, draft: StaffTopic | None, language: str
) -> Preview:
    """The bot's answer to ``question`` with ``draft`` published over the ``published`` topics
    (None: as things stand). Read the topics in a transaction of their own, then call this:
    the engine is built (in a worker thread) with no transaction open."""
    topics = list(published)
    if draft is not None:
        topics = [topic for topic in topics if topic.id != draft.id] + [draft]
    engine = await asyncio.to_thread(build_engine, tuple(topics))
    result = engine.understand(question)
    answer = engine.answer(result.id, language).text if result.id in engine.topic_ids else None
    return Preview(
        question,
        result.id,
        result.score,
        result.lang,
        result.choices,
        answer,
        safety.is_hazard(question),
    )
