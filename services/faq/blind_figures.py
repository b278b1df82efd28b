"""Figures of a blind set (``text, expected id(s), lang, style, kind`` per row), aggregates only.

Per language and script (sq, en, sr-Cyrl, sr-Latn), per style (chat, formal, situation,
request, colloquial) and per kind (answerable, danger, smalltalk, out-of-scope, uncovered):

- **right**: the id answered outright is an accepted one (for ``null`` rows: no answer);
- **one tap**: right outright, or the bot asks back and one of its buttons is right (the
  "talk to a person" button is always there, so ``intent:human`` is one tap away then);
- **danger recall** (rows that expect ``intent:danger``) and **false alarms** (the others);
- **dead ends**: in-scope rows answered neither outright nor by an ask-back;
- **out of scope refused**: ``out-of-scope`` rows neither answered nor asked back about;
- **answerable refused outright**: ``answerable`` rows neither answered nor asked back about.

Nothing here prints a row: the sealed set is scored for figures only.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from services.faq.engine import DANGER, FaqEngine
from services.faq.evaluation import GROUPS, Question
from services.faq.models import Understanding

STYLES = ("chat", "formal", "situation", "request", "colloquial")
KINDS = ("answerable", "danger", "smalltalk", "out-of-scope", "uncovered")


@dataclass
class Cell:
    """Counts of one slice of the set."""

    rows: int = 0
    right: int = 0
    one_tap: int = 0

    def add(self, right: bool, one_tap: bool) -> None:
        self.rows += 1
        self.right += right
        self.one_tap += one_tap

    def cells(self) -> str:
        return f"{self.rows} | {_share(self.right, self.rows)} | {_share(self.one_tap, self.rows)}"


@dataclass
class BlindFigures:
    """Every slice's cell, and the safety and dead-end counts."""

    slices: dict[str, Cell]
    danger: tuple[int, int]
    false_alarms: tuple[int, int]
    dead_ends: tuple[int, int]
    refused: tuple[int, int]
    answerable_refused: tuple[int, int] = (0, 0)


def one_tap(question: Question, understanding: Understanding) -> bool:
    """Whether the right answer is at most one tap away."""
    if understanding.choices:
        return any(question.accepts(choice) for choice in understanding.choices) or (
            question.accepts("intent:human")
        )
    return question.accepts(understanding.id)


def score(engine: FaqEngine, questions: Sequence[Question]) -> BlindFigures:
    """Run every question of a blind set through ``engine`` and count, by slice."""
    slices: dict[str, Cell] = defaultdict(Cell)
    danger = [0, 0]
    alarms = [0, 0]
    dead = [0, 0]
    refused = [0, 0]
    answerable = [0, 0]
    for question in questions:
        result = engine.understand(question.text)
        right = question.accepts(result.id) and not result.choices
        tap = one_tap(question, result)
        in_scope = question.expected is not None
        for key in _keys(question, in_scope):
            slices[key].add(right, tap)
        counter = danger if question.accepts(DANGER) else alarms
        counter[0] += result.id == DANGER
        counter[1] += 1
        if question.kind in ("answerable", "danger", "smalltalk"):
            dead[0] += result.id is None and not result.choices
            dead[1] += 1
        if question.kind == "answerable":
            answerable[0] += result.id is None and not result.choices
            answerable[1] += 1
        if question.kind == "out-of-scope":
            refused[0] += result.id is None and not result.choices
            refused[1] += 1

    def pair(counts: list[int]) -> tuple[int, int]:
        return counts[0], counts[1]

    return BlindFigures(
        dict(slices), pair(danger), pair(alarms), pair(dead), pair(refused), pair(answerable)
    )


def _keys(question: Question, in_scope: bool) -> Iterable[str]:
    yield "all"
    yield f"group {question.group}"
    if in_scope:
        yield f"in-scope {question.group}"
        yield "in-scope all"
    if question.style:
        yield f"style {question.style}"
    if question.kind:
        yield f"kind {question.kind}"


def table(figures: BlindFigures) -> str:
    """The figures as Markdown: one table of slices, then the safety and dead-end lines."""
    order = [
        "all",
        "in-scope all",
        *(f"group {group}" for group in GROUPS),
        *(f"in-scope {group}" for group in GROUPS),
        *(f"style {style}" for style in STYLES),
        *(f"kind {kind}" for kind in KINDS),
    ]
    rows = ["| slice | rows | right outright | right at most one tap away |", "|---|---|---|---|"]
    rows += [f"| {key} | {figures.slices[key].cells()} |" for key in order if key in figures.slices]
    lines = [
        f"danger recall: {_share(*figures.danger)}",
        f"false alarms: {_share(*figures.false_alarms)}",
        f"dead ends (in-scope rows neither answered nor asked back about): "
        f"{_share(*figures.dead_ends)}",
        f"out of scope refused (neither answered nor asked back about): {_share(*figures.refused)}",
        f"answerable refused outright (neither answered nor asked back about): "
        f"{_share(*figures.answerable_refused)}",
    ]
    return "\n".join(rows) + "\n\n" + "\n".join(f"- {line}" for line in lines)


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.1%} ({part}/{whole})" if whole else "n/a (0/0)"
