"""The development sets (training material since issue 20) stay at 95% or more, and the
blind sets' figures are computed and printed without a row."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.faq import FaqEngine, blind_figures
from services.faq.evaluation import Question, evaluate, read_questions
from services.faq.models import Understanding

EVAL_DIR = Path(__file__).with_name("faq_eval")
# Training material: every development set but blind-2 (its misses were looked at in round 2,
# its lines are not examples; tests/test_faq_round2.py guards its figures) and round 4's own
# sets and round 5's (measures, not examples; tests/test_faq_round4.py and
# tests/test_faq_round5.py guard their figures), nor round 8's two safety sets (measures of
# the safety check; tests/test_faq_round8.py guards them).
ROUND_8_SAFETY_SETS = {"dev-danger-9.tsv", "dev-near-9.tsv"}
DEV_SETS = sorted(
    path
    for path in EVAL_DIR.glob("dev-*.tsv")
    if path.name != "dev-blind-2.tsv"
    and path.name not in ROUND_8_SAFETY_SETS
    and not path.name.startswith(("dev-round4-", "dev-round5-"))
)


@pytest.fixture(scope="module")
def engine() -> FaqEngine:
    return FaqEngine.load()


@pytest.mark.parametrize("path", DEV_SETS, ids=lambda path: path.name)
def test_development_sets_stay_at_95_percent(engine: FaqEngine, path: Path) -> None:
    figures = evaluate(engine, read_questions(path))
    if figures.in_scope:
        assert figures.accuracy >= 0.95, figures.summary()
    if figures.out_of_scope:
        assert figures.rejection >= 0.95, figures.summary()


def test_blind_figures_count_every_slice_and_print_no_row(engine: FaqEngine) -> None:
    questions = read_questions(EVAL_DIR / "dev-blind-1.tsv")
    figures = blind_figures.score(engine, questions)
    assert figures.slices["all"].rows == len(questions) == 220
    assert sum(figures.slices[f"group {g}"].rows for g in ("sq", "en", "sr-Cyrl", "sr-Latn")) == 220
    assert figures.danger[1] == 28 and figures.danger[0] == 28
    assert figures.false_alarms[1] == 192
    text = blind_figures.table(figures)
    assert "style situation" in text and "kind uncovered" in text
    assert not any(question.text in text for question in questions)


def test_one_tap_counts_a_right_choice_and_the_person_button() -> None:

    question = Question("x", "ekesco-login", "en", ("ekesco-password",))
    assert blind_figures.one_tap(question, Understanding(None, 0.5, "en", ("ekesco-password",)))
    assert not blind_figures.one_tap(question, Understanding(None, 0.5, "en", ("intent:bill",)))
    uncovered = Question("x", None, "en", ("contact", "intent:human"))
    assert blind_figures.one_tap(uncovered, Understanding(None, 0.5, "en", ("intent:bill",)))
    assert blind_figures.one_tap(uncovered, Understanding(None, 0.0, "en"))
