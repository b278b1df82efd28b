"""The goals of issue 20 on the sealed blind set blind-2, scored once before it was copied here
(sha256 in docs/faq-engine.md); never tuned on. A failure prints figures only, never a row."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from services.faq import FaqEngine, blind_figures
from services.faq.evaluation import GROUPS, read_questions

BLIND_2 = Path(__file__).with_name("faq_eval") / "blind-2.tsv"
SHA256 = "2fdceac7e496865e6db03b267afab5199d9f4db8cd7e839e040e766c4aa4444e"


@pytest.fixture(scope="module")
def figures() -> blind_figures.BlindFigures:
    return blind_figures.score(FaqEngine.load(), read_questions(BLIND_2))


def test_the_set_is_the_one_whose_hash_was_recorded() -> None:
    assert hashlib.sha256(BLIND_2.read_bytes()).hexdigest() == SHA256


# Goals of issue 20 that blind-2 met when it was scored once (docs/faq-engine.md, "Blind
# figures"). Those it did not meet (English in scope 89.7%, one tap away 92.3%, danger 25 of 28,
# false alarms 2 of 192, out of scope refused 85.7%) are reported there, not guarded here.
MET = ("sq", "sr-Cyrl", "sr-Latn")


@pytest.mark.parametrize("group", MET)
def test_at_least_90_percent_right_outright_in_the_languages_that_met_it(
    figures: blind_figures.BlindFigures, group: str
) -> None:
    cell = figures.slices[f"in-scope {group}"]
    assert cell.right >= 0.90 * cell.rows, blind_figures.table(figures)


def test_every_group_is_scored() -> None:
    groups = {question.group for question in read_questions(BLIND_2)}
    assert groups == set(GROUPS)
