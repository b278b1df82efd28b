"""The goals of issue 20 on the blind set blind-3, scored once blind (2026-12-07, after round 2's
tuning was committed) before it was copied here. Its sha256 was recorded by its writer before the
score. Round 3 looked at its misses: it is development material since (not trained on: no line of
it becomes a training text), and tests/test_faq_round3.py guards its figures after round 3. A
failure prints figures only, never a row."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from services.faq import FaqEngine, blind_figures
from services.faq.evaluation import GROUPS, read_questions
from services.faq.knowledge import load_entries, load_examples
from services.faq.leaks import leaks

BLIND_3 = Path(__file__).with_name("faq_eval") / "blind-3.tsv"
SHA256 = "7f3e741dd9772ca9777a2f906667c681e002afbad3439952bc844e16a94e1b06"
SMALL_TALK = ("intent:greeting", "intent:thanks", "intent:goodbye", "intent:about")


@pytest.fixture(scope="module")
def figures() -> blind_figures.BlindFigures:
    return blind_figures.score(FaqEngine.load(), read_questions(BLIND_3))


def test_the_set_is_the_one_whose_hash_was_recorded() -> None:
    assert hashlib.sha256(BLIND_3.read_bytes()).hexdigest() == SHA256


def test_every_group_is_scored() -> None:
    assert {question.group for question in read_questions(BLIND_3)} == set(GROUPS)


# Lines of blind-3 that fold to a phrase or example written before blind-3 existed (short common
# formulae met by chance; counted when it was scored, never printed). None may be added.
COINCIDENT_LINES = 8


def test_no_line_of_blind_3_became_training_text() -> None:
    """Counted, never printed: the set stays unseen."""
    phrases = [
        phrase
        for entry in load_entries()
        if entry.id not in SMALL_TALK
        for lang_phrases in entry.phrases.values()
        for phrase in lang_phrases
    ]
    phrases += [text for text, entry_id in load_examples() if entry_id not in SMALL_TALK]
    found = len({line for _, line in leaks(phrases, [q.text for q in read_questions(BLIND_3)])})
    assert found <= COINCIDENT_LINES, f"{found} lines of blind-3 fold to a training text"


# Goals of issue 20 that blind-3 met when it was scored once (docs/faq-engine.md, "Blind figures
# (blind-3)").
# Those it did not meet (sq 88.8% and en 86.1% in scope, one tap away 93.7%, danger 37 of 38,
# false alarms 3 of 200) are reported there, not guarded here.
MET = ("sr-Cyrl", "sr-Latn")


@pytest.mark.parametrize("group", MET)
def test_at_least_90_percent_right_outright_in_the_scripts_that_met_it(
    figures: blind_figures.BlindFigures, group: str
) -> None:
    cell = figures.slices[f"in-scope {group}"]
    assert cell.right >= 0.90 * cell.rows, blind_figures.table(figures)


def test_at_least_90_percent_of_out_of_scope_refused(figures: blind_figures.BlindFigures) -> None:
    refused, out_of_scope = figures.refused
    assert refused >= 0.90 * out_of_scope, blind_figures.table(figures)
