"""The evaluation set (tests/faq_eval/questions.tsv) and the figures computed from it.

Figures are given per *group*: ``sq``, ``en``, and Serbian split by script (``sr-Cyrl`` when
most letters of the question are Cyrillic, ``sr-Latn`` otherwise), on the whole set and on
the held-out half (the rows at odd positions, chosen by position only).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from locales.serbian_script import is_cyrillic
from services.faq.engine import FaqEngine

GROUPS: tuple[str, ...] = ("sq", "en", "sr-Cyrl", "sr-Latn")


@dataclass(frozen=True)
class Question:
    """One evaluation question: text, expected id (None: must not answer) and language.

    The blind sets' rows also give other acceptable ids (``a|b``: ``also``), a ``style``
    (chat, formal, situation, request, colloquial) and a ``kind`` (answerable, danger,
    smalltalk, out-of-scope, uncovered)."""

    text: str
    expected: str | None
    lang: str
    also: tuple[str | None, ...] = ()
    style: str = ""
    kind: str = ""

    def accepts(self, answer: str | None) -> bool:
        """Whether ``answer`` (an id, or None for no answer) is right for this question."""
        return answer == self.expected or answer in self.also

    @property
    def group(self) -> str:
        """The language, with Serbian split by the script the question is written in."""
        if self.lang != "sr":
            return self.lang
        return "sr-Cyrl" if is_cyrillic(self.text) else "sr-Latn"


@dataclass
class Figures:
    """Accuracy on in-scope questions, rejection of out-of-scope ones, language detection."""

    in_scope: int = 0
    correct: int = 0
    out_of_scope: int = 0
    rejected: int = 0
    lang_right: int = 0
    errors: list[str] = field(default_factory=list, repr=False)

    @property
    def total(self) -> int:
        return self.in_scope + self.out_of_scope

    @property
    def accuracy(self) -> float:
        return self.correct / self.in_scope if self.in_scope else 0.0

    @property
    def rejection(self) -> float:
        return self.rejected / self.out_of_scope if self.out_of_scope else 0.0

    @property
    def language(self) -> float:
        return self.lang_right / self.total if self.total else 0.0

    def summary(self) -> str:
        return (
            f"in-scope top-1 accuracy {self.accuracy:.1%} ({self.correct}/{self.in_scope}), "
            f"out-of-scope rejection {self.rejection:.1%} ({self.rejected}/{self.out_of_scope}), "
            f"language detection {self.language:.1%} ({self.lang_right}/{self.total})"
        )

    def cells(self) -> tuple[str, str, str]:
        """Accuracy, rejection and language detection as table cells."""
        return (
            f"{self.accuracy:.1%} ({self.correct}/{self.in_scope})",
            f"{self.rejection:.1%} ({self.rejected}/{self.out_of_scope})",
            f"{self.language:.1%} ({self.lang_right}/{self.total})",
        )


def read_questions(path: Path) -> list[Question]:
    """Rows of the TSV file (comment lines start with ``#``; the header row is skipped):
    text, expected id(s) joined by ``|`` (``null``: must not answer), lang, and in the blind
    sets style and kind."""
    questions: list[Question] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("text\t"):
            continue
        text, expected, lang, *rest = line.split("\t")
        first, *also = (None if one == "null" else one for one in expected.split("|"))
        style, kind = (*rest, "", "")[:2]
        questions.append(Question(text, first, lang, tuple(also), style, kind))
    return questions


def held_out(questions: Sequence[Question]) -> list[Question]:
    """The held-out half: rows at odd positions (0-based), never looked at while tuning."""
    return list(questions[1::2])


def tuning_half(questions: Sequence[Question]) -> list[Question]:
    """The tuning half: rows at even positions (0-based)."""
    return list(questions[0::2])


def evaluate(engine: FaqEngine, questions: Sequence[Question]) -> Figures:
    """Run every question through ``engine`` and count what it got right."""
    figures = Figures()
    for question in questions:
        result = engine.understand(question.text)
        right = question.accepts(result.id)
        if question.expected is None:
            figures.out_of_scope += 1
            figures.rejected += right
        else:
            figures.in_scope += 1
            figures.correct += right
        figures.lang_right += result.lang == question.lang
        if not right or result.lang != question.lang:
            figures.errors.append(
                f"[{question.group}] {question.text!r}: expected {question.expected} "
                f"{question.lang}, got {result.id} {result.lang} ({result.score:.2f})"
            )
    return figures


def by_group(engine: FaqEngine, questions: Sequence[Question]) -> dict[str, Figures]:
    """Figures for ``all`` the questions and for each group of :data:`GROUPS`."""
    figures = {"all": evaluate(engine, questions)}
    for group in GROUPS:
        figures[group] = evaluate(engine, [q for q in questions if q.group == group])
    return figures


def table(engine: FaqEngine, questions: Sequence[Question]) -> str:
    """A Markdown table of the figures per group, on the whole set and the held-out half."""
    whole = by_group(engine, questions)
    half = by_group(engine, held_out(questions))
    rows = [
        "| group | set | questions | top-1 accuracy | refusal | language detection |",
        "|---|---|---|---|---|---|",
    ]
    for group in ("all", *GROUPS):
        for name, figures in (("whole", whole[group]), ("held-out", half[group])):
            cells = " | ".join(figures.cells())
            rows.append(f"| {group} | {name} | {figures.total} | {cells} |")
    return "\n".join(rows)
