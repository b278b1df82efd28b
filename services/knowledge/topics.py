"""A staff topic, as staff write it: a new FAQ topic (its title, its answer in Albanian, English
and Serbian, example questions), or what staff add to a built-in id: example questions (a
topic or an intent) and, for a built-in topic, an answer that replaces the built-in one.

Serbian is written in Cyrillic (the Latin answer is derived, as for the built-in topics).
Everything is checked here, for the page and the API alike: :class:`Invalid` names the field.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from locales import languages
from services.staff.errors import Invalid

TOPIC_ID = re.compile(r"^[a-z0-9][a-z0-9-]{1,47}$")
MAX_TITLE = 60
MAX_ANSWER = 1000
MAX_EXAMPLE = 200
MAX_EXAMPLES = 300
LANGUAGES = languages.CATALOGS
# Ids staff may add examples to but not answer: the intents the conversation routes, and the
# out-of-scope list (a message like these is refused). Danger is the safety check's alone.
NOT_FOR_STAFF = frozenset({"intent:danger"})


@dataclass(frozen=True)
class StaffTopic:
    """``titles`` and ``answers`` per catalog language (empty: the built-in ones are kept);
    ``examples``: example questions per language."""

    id: str
    titles: dict[str, str] = field(default_factory=dict)
    answers: dict[str, str] = field(default_factory=dict)
    examples: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def example_count(self) -> int:
        return sum(len(texts) for texts in self.examples.values())

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "titles": dict(self.titles),
            "answers": dict(self.answers),
            "examples": {lang: list(texts) for lang, texts in self.examples.items()},
        }

    def with_examples(self, lang: str, texts: Collection[str]) -> StaffTopic:
        """This topic with ``texts`` added to its examples in ``lang`` (each once)."""
        known = {text.casefold() for values in self.examples.values() for text in values}
        added = [t for t in dict.fromkeys(texts) if t.casefold() not in known]
        examples = dict(self.examples)
        examples[lang] = (*examples.get(lang, ()), *added)
        return StaffTopic(self.id, dict(self.titles), dict(self.answers), examples)


def _texts(raw: Any, name: str, limit: int) -> dict[str, str]:
    """All three languages or none (an empty object)."""
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise Invalid(name, f"{name}: an object with {', '.join(LANGUAGES)}")
    texts = {lang: raw.get(lang) for lang in LANGUAGES}
    if all(value in (None, "") for value in texts.values()):
        return {}
    for lang, value in texts.items():
        if not isinstance(value, str) or not value.strip() or len(value) > limit:
            raise Invalid(f"{name}.{lang}", f"{name}.{lang}: 1-{limit} characters")
    return {lang: str(value).strip() for lang, value in texts.items()}


def _examples(raw: Any) -> dict[str, tuple[str, ...]]:
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise Invalid("examples", "examples: an object of lists per language")
    examples: dict[str, tuple[str, ...]] = {}
    for lang in LANGUAGES:
        values = raw.get(lang, [])
        if not isinstance(values, list):
            raise Invalid(f"examples.{lang}", f"examples.{lang}: a list of questions")
        texts = []
        for value in values:
            if not isinstance(value, str) or len(value) > MAX_EXAMPLE:
                raise Invalid(
                    f"examples.{lang}", f"examples.{lang}: 1-{MAX_EXAMPLE} characters each"
                )
            if value.strip():
                texts.append(" ".join(value.split()))
        examples[lang] = tuple(dict.fromkeys(texts))
    if sum(len(texts) for texts in examples.values()) > MAX_EXAMPLES:
        raise Invalid("examples", f"examples: at most {MAX_EXAMPLES} in all")
    return examples


def check_topic(
    topic_id: str, raw: Any, topics: Collection[str], intents: Collection[str]
) -> StaffTopic:
    """The topic ``raw`` (``{"titles", "answers", "examples"}``) describes under ``topic_id``.
    ``topics`` and ``intents`` are the built-in ids: a built-in topic may get examples and an
    answer, an intent (or the out-of-scope list) examples only; a new topic needs a title, an
    answer and at least one example."""
    if not isinstance(raw, Mapping):
        raise Invalid("body", "body: an object with titles, answers and examples")
    builtin = topic_id in topics
    routed = topic_id in intents and topic_id not in NOT_FOR_STAFF
    if not (builtin or routed or TOPIC_ID.match(topic_id)):
        raise Invalid("id", "id: 2-48 of a-z, 0-9 and -, or a built-in topic or intent")
    titles = _texts(raw.get("titles"), "titles", MAX_TITLE)
    answers = _texts(raw.get("answers"), "answers", MAX_ANSWER)
    examples = _examples(raw.get("examples"))
    count = sum(len(texts) for texts in examples.values())
    if routed and (answers or titles):
        raise Invalid("answers", "answers: an intent or the out-of-scope list has no answer")
    if not builtin and not routed:
        if not titles:
            raise Invalid("titles", "titles: a title in every language")
        if not answers:
            raise Invalid("answers", "answers: the answer in every language")
        if not count:
            raise Invalid("examples", "examples: at least one example question")
    if builtin and not answers and not count:
        raise Invalid("examples", "examples: an example question or an answer")
    return StaffTopic(topic_id, titles, answers, examples)


def from_json(raw: Mapping[str, Any]) -> StaffTopic:
    """A topic as stored in a version's snapshot (checked when it was published)."""
    return StaffTopic(
        str(raw["id"]),
        dict(raw.get("titles") or {}),
        dict(raw.get("answers") or {}),
        {lang: tuple(texts) for lang, texts in (raw.get("examples") or {}).items()},
    )
