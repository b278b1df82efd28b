"""The evaluation set (tests/faq_eval/questions.tsv) and the figures computed from it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from services.faq.engine import FaqEngine


@dataclass(frozen=True)
class Question:
    """One evaluation question: text, expected id (None: must not answer) and language."""

    text: str
    expected: str | None
    lang: str


@dataclass
class Figures:
    """Accuracy on in-scope questions, rejection of out-of-scope ones, language detection."""

    in_scope: int = 0
    correct: int = 0
    out_of_scope: int = 0
    rejected: int = 0
    lang_right: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.correct / self.in_scope if self.in_scope else 0.0

    @property
    def rejection(self) -> float:
        return self.rejected / self.out_of_scope if self.out_of_scope else 0.0

    @property
    def language(self) -> float:
        total = self.in_scope + self.out_of_scope
        return self.lang_right / total if total else 0.0

    def summary(self) -> str:
        return (
            f"in-scope top-1 accuracy {self.accuracy:.1%} ({self.correct}/{self.in_scope}), "
            f"out-of-scope rejection {self.rejection:.1%} ({self.rejected}/{self.out_of_scope}), "
            f"language detection {self.language:.1%} "
            f"({self.lang_right}/{self.in_scope + self.out_of_scope})"
        )


def read_questions(path: Path) -> list[Question]:
    """Rows of the TSV file (comment lines start with ``#``; the header row is skipped)."""
    questions: list[Question] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("text\t"):
            continue
        text, expected, lang = line.split("\t")
        questions.append(Question(text, None if expected == "null" else expected, lang))
    return questions


def evaluate(engine: FaqEngine, questions: list[Question]) -> Figures:
    """Run every question through ``engine`` and count what it got right."""
    figures = Figures()
    for question in questions:
        result = engine.understand(question.text)
        if question.expected is None:
            figures.out_of_scope += 1
            figures.rejected += result.id is None
        else:
            figures.in_scope += 1
            figures.correct += result.id == question.expected
        figures.lang_right += result.lang == question.lang
        if result.id != question.expected or result.lang != question.lang:
            figures.errors.append(
                f"{question.text!r}: expected {question.expected} {question.lang}, "
                f"got {result.id} {result.lang} ({result.score:.2f})"
            )
    return figures
