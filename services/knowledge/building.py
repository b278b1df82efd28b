"""The FAQ engine with the staff topics of a version: the built-in knowledge base (the files of
``services/faq/data``) and what staff added, merged entry by entry.

- A new staff topic is a topic of its own: its example questions are its phrases, its answer
  is written in Albanian, English and Serbian (no buttons).
- A built-in id gets the staff's example questions as more phrases; a built-in topic with a
  staff answer answers with it (its buttons stay).
- An out-of-scope phrase that says what a staff topic's example says (two thirds of the same
  content words) is dropped: the built-in list refuses "office opening hours" because the
  sources do not answer it; once staff answer it, the staff topic must win.

The matcher reads the merged entries; the classifier and the language detector stay the
built-in engine's (:meth:`FaqEngine.with_staff`): they are not trained again, so a version
applies in a fraction of a second and the start-up stays that of the built-in engine. Instead,
a message near a staff example question is preferred over the out-of-scope list
(:func:`services.faq.decision.prefer`). The last few builds are cached by their topics.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from services.faq import FaqEngine
from services.faq.knowledge import (
    OUT_OF_SCOPE,
    Entry,
    load_entries,
)
from services.faq.leaks import normalised
from services.faq.models import LANGUAGES
from services.knowledge.topics import NOT_FOR_STAFF, StaffTopic, from_json

STAFF_SOURCE = Path("<staff>")
SIMILAR = 0.67


def _words(text: str) -> set[str]:
    return {word for key in normalised(text) for word in key if word != "="}


def _said_by(phrase: str, examples: list[set[str]]) -> bool:
    words = _words(phrase)
    if not words:
        return False
    return any(len(words & other) / len(words | other) >= SIMILAR for other in examples if other)


def merged_entries(builtin: Sequence[Entry], topics: Sequence[StaffTopic]) -> tuple[Entry, ...]:
    """``builtin`` with every staff topic merged in (see the module's description)."""
    by_id = {topic.id: topic for topic in topics}
    examples = [
        _words(text) for topic in topics for texts in topic.examples.values() for text in texts
    ]
    merged: list[Entry] = []
    for entry in builtin:
        topic = by_id.pop(entry.id, None)
        if entry.id == OUT_OF_SCOPE and examples:
            kept = {
                lang: tuple(p for p in entry.phrases[lang] if not _said_by(p, examples))
                for lang in LANGUAGES
            }
            entry = dataclasses.replace(entry, phrases=kept)
        if topic is not None:
            phrases = {
                lang: (*entry.phrases[lang], *topic.examples.get(lang, ())) for lang in LANGUAGES
            }
            answers = dict(topic.answers) if topic.answers and entry.kind == "topic" else None
            entry = dataclasses.replace(entry, phrases=phrases, answers=answers or entry.answers)
        merged.append(entry)
    for topic in by_id.values():
        phrases = {lang: tuple(topic.examples.get(lang, ())) for lang in LANGUAGES}
        merged.append(Entry(topic.id, "topic", phrases, dict(topic.answers), (), STAFF_SOURCE))
    return tuple(merged)


def builtin_ids() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The built-in topics, and the ids staff may only add examples to: the intents but
    danger, and the out-of-scope list."""
    engine = FaqEngine.load()
    intents = tuple(i for i in engine.intent_ids if i not in NOT_FOR_STAFF)
    return engine.topic_ids, (*intents, OUT_OF_SCOPE)


def build_engine(topics: Sequence[StaffTopic]) -> FaqEngine:
    """The engine with ``topics`` merged in; the built-in one itself when there are none."""
    if not topics:
        return FaqEngine.load()
    key = json.dumps([topic.to_json() for topic in topics], sort_keys=True, ensure_ascii=False)
    return _build_cached(key)


@lru_cache(maxsize=3)
def _build_cached(key: str) -> FaqEngine:
    topics = [from_json(raw) for raw in json.loads(key)]
    base = FaqEngine.load()
    entries = merged_entries(load_entries(), topics)
    staff = [
        (topic.id, lang, text)
        for topic in topics
        for lang, texts in topic.examples.items()
        for text in texts
    ]
    return FaqEngine.with_staff(base, entries, staff)
