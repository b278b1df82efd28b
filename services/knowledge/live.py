"""The FAQ engine every instance answers with: the built-in knowledge base and the staff topics
of the version in use, swapped whole when a newer version is published (no restart).

:class:`LiveFaq` is what the conversation is given (``Deps.faq``): it understands and answers
as the engine of the version it last applied, and gives the titles of staff topics for the
ask-back buttons. :meth:`LiveFaq.refresh` compares the version in the database with its own
and, when they differ, builds the new engine in a worker thread (the matcher's index of the
merged phrases: a fraction of a second) before swapping it in; a message handled meanwhile is
understood by the previous engine. Several instances of the bot each poll and refresh on their own.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping

from locales import languages
from services.db import Database
from services.faq import FaqAnswer, FaqEngine, Understanding
from services.knowledge import versions
from services.knowledge.building import build_engine
from services.knowledge.topics import StaffTopic

log = logging.getLogger(__name__)


class LiveFaq:
    """Understands and answers with the engine of the version last applied (0: built-in)."""

    def __init__(self, engine: FaqEngine | None = None) -> None:
        """``engine``: the one to start with (default: the built-in one, built when first
        used, so that an instance starting on a published version builds one engine only)."""
        self._engine = engine
        self._titles: dict[str, Mapping[str, str]] = {}
        self.version = 0
        self._lock = asyncio.Lock()

    @property
    def engine(self) -> FaqEngine:
        if self._engine is None:
            self._engine = FaqEngine.load()
        return self._engine

    @property
    def topic_ids(self) -> tuple[str, ...]:
        return self.engine.topic_ids

    @property
    def intent_ids(self) -> tuple[str, ...]:
        return self.engine.intent_ids

    def understand(self, text: str, lang_hint: str | None = None) -> Understanding:
        return self.engine.understand(text, lang_hint)

    def answer(self, topic_id: str, lang: str) -> FaqAnswer:
        return self.engine.answer(topic_id, lang)

    def title(self, topic_id: str, lang: str) -> str | None:
        """A staff topic's title in ``lang`` (its script), for a button; None for other ids."""
        titles = self._titles.get(topic_id)
        if not titles:
            return None
        base = languages.catalog_of(lang)
        return languages.in_script(lang, titles.get(base) or titles[languages.FALLBACK])

    def apply(self, number: int, topics: tuple[StaffTopic, ...], engine: FaqEngine) -> None:
        """Answer from now on with ``engine``, built from ``topics`` of version ``number``."""
        self._engine = engine
        self._titles = {topic.id: dict(topic.titles) for topic in topics if topic.titles}
        self.version = number

    async def refresh(self, database: Database) -> bool:
        """Apply the version in use if it is not the one applied; whether it changed."""
        async with self._lock:
            async with database.transaction() as session:
                number = await versions.latest_number(session)
                if number == self.version and self._engine is not None:
                    return False
                found = await versions.get(session, number) if number else None
            topics = found.topics if found else ()
            engine = await asyncio.to_thread(build_engine, topics)
            changed = number != self.version
            self.apply(number, topics, engine)
            if changed:
                log.info("FAQ knowledge: version %s applied (%s staff topics)", number, len(topics))
            return changed
