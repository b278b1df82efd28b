"""The staff pages' topic form, as posted: a topic's id, its title, answer and example
questions (one a line) in every language, the question to try and the language to show the
answer in; and the words the pages show for ids (the ask-back titles, staff titles) and for
what the bot would do with a question (:class:`Outcome`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from multidict import MultiMapping

from bot.staff_web.pages.forms import TEXT_LABELS
from handlers.ask_back import TITLES
from locales.i18n import _, current_language
from services.faq.knowledge import OUT_OF_SCOPE
from services.knowledge.preview import MAX_QUESTION, Preview
from services.knowledge.topics import StaffTopic

FIELD_NAMES = {
    f"{kind}.{code}": f"{kind[:-1]}_{code}"
    for kind in ("titles", "answers", "examples")
    for code, _label in TEXT_LABELS
}


@dataclass
class TopicForm:
    """What the form holds, as typed (so that it can be shown again)."""

    id: str = ""
    titles: dict[str, str] = field(default_factory=dict)
    answers: dict[str, str] = field(default_factory=dict)
    examples: dict[str, str] = field(default_factory=dict)
    question: str = ""
    language: str = ""
    origin: str = ""  # the group of unanswered questions it was started from

    @classmethod
    def posted(cls, post: MultiMapping[Any]) -> TopicForm:
        def text(name: str, limit: int = 2000) -> str:
            return str(post.get(name, ""))[:limit]

        codes = [code for code, _label in TEXT_LABELS]
        return cls(
            id=text("id", 64).strip(),
            titles={code: text(f"title_{code}", 100) for code in codes},
            answers={code: text(f"answer_{code}", 1200) for code in codes},
            examples={code: text(f"example_{code}", 20000) for code in codes},
            question=text("question", MAX_QUESTION).strip(),
            language=text("language", 8),
            origin=text("from", 12),
        )

    @classmethod
    def of(cls, topic: StaffTopic, **extra: Any) -> TopicForm:
        return cls(
            topic.id,
            dict(topic.titles),
            dict(topic.answers),
            {lang: "\n".join(texts) for lang, texts in topic.examples.items()},
            **extra,
        )

    def raw(self) -> dict[str, Any]:
        """The topic as the service layer checks it (``check_topic``)."""
        return {
            "titles": self.titles,
            "answers": self.answers,
            "examples": {
                code: [line for line in text.splitlines() if line.strip()]
                for code, text in self.examples.items()
            },
        }


def error_message(field: str) -> str:
    """What is wrong with the topic's ``field`` (as the service layer names it), in words."""
    if field == "id":
        return _("The short name takes 2 to 48 of a-z, 0-9 and -.")
    if field.startswith("titles"):
        return _("Give a title of 1 to 60 characters in every language.")
    if field == "answers":
        return _("A feature of the bot, or the out-of-scope list, has no answer to write.")
    if field.startswith("answers"):
        return _(
            "Write the answer in every language (up to 1000 characters), or leave all "
            "three empty to keep a built-in answer."
        )
    return _("Give at least one example question, up to 200 characters each.")


def title_of(entry_id: str, staff: Mapping[str, StaffTopic]) -> str:
    """An id in the page's words: a staff topic's title, a built-in title, or the id."""
    topic = staff.get(entry_id)
    if topic is not None and topic.titles:
        return topic.titles.get(current_language().split("-")[0]) or topic.titles["en"]
    if entry_id in TITLES:
        return _(TITLES[entry_id])
    if entry_id == OUT_OF_SCOPE:
        return _("Out of scope: refuse")
    return entry_id


@dataclass(frozen=True)
class Outcome:
    """What the bot would do with a question, in words: ``summary`` and the answer's text."""

    summary: str
    answer: str | None
    choices: tuple[str, ...] = ()


def outcome(preview: Preview, staff: Mapping[str, StaffTopic]) -> Outcome:
    if preview.danger:
        return Outcome(_("The safety answer first: it reads as danger."), None)
    if preview.id is not None:
        summary = _("Answers outright: {topic}").format(topic=title_of(preview.id, staff))
        return Outcome(summary, preview.answer)
    if preview.choices:
        choices = tuple(title_of(choice, staff) for choice in preview.choices)
        return Outcome(_("Asks back with these choices and “Talk to a person”:"), None, choices)
    return Outcome(_("Refuses: says what it can do and gives the call centre's number."), None)


def choosable(
    builtin: Sequence[str], intents: Sequence[str], staff: Sequence[StaffTopic]
) -> list[tuple[str, str]]:
    """Every id a group of questions can be given to, with its words, staff topics first."""
    by_id = {topic.id: topic for topic in staff}
    ids = [topic.id for topic in staff if topic.id not in builtin and topic.id not in intents]
    return [(entry_id, title_of(entry_id, by_id)) for entry_id in [*ids, *builtin, *intents]]
