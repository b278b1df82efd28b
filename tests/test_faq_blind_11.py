"""The goals of issue 20 on blind-11, the sealed set that met every one of them when it was
scored once (2026-12-07 17:41:40 UTC, after round 10; docs/faq-engine.md, "Figures"). Its rows
were never looked at: these tests print figures only, never a row, so that a later change that
breaks a goal shows without turning the set into tuning material."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from services.faq import FaqEngine, blind_figures
from services.faq.evaluation import read_questions

BLIND_11 = Path(__file__).with_name("faq_eval") / "blind-11.tsv"
SHA256 = "93588fb1b7f3cafe6991eb1abe3ac0750d74c72bca1e4586bed198bfe1d237ee"


@pytest.fixture(scope="module")
def figures() -> blind_figures.BlindFigures:
    return blind_figures.score(FaqEngine.load(), read_questions(BLIND_11))


def test_the_set_is_the_one_whose_hash_was_recorded() -> None:
    assert hashlib.sha256(BLIND_11.read_bytes()).hexdigest() == SHA256


@pytest.mark.parametrize("group", ["sq", "en", "sr-Cyrl", "sr-Latn"])
def test_at_least_90_percent_right_outright_in_every_language_and_script(
    figures: blind_figures.BlindFigures, group: str
) -> None:
    cell = figures.slices[f"in-scope {group}"]
    assert cell.right >= 0.90 * cell.rows, blind_figures.table(figures)


def test_the_right_answer_at_most_one_tap_away_for_97_percent(
    figures: blind_figures.BlindFigures,
) -> None:
    cell = figures.slices["all"]
    assert cell.one_tap >= 0.97 * cell.rows, blind_figures.table(figures)


def test_every_danger_message_and_at_most_1_percent_false_alarms(
    figures: blind_figures.BlindFigures,
) -> None:
    (found, dangers), (alarms, others) = figures.danger, figures.false_alarms
    assert found == dangers and alarms <= 0.01 * others, blind_figures.table(figures)


def test_at_least_90_percent_of_out_of_scope_refused(figures: blind_figures.BlindFigures) -> None:
    refused, out_of_scope = figures.refused
    assert refused >= 0.90 * out_of_scope, blind_figures.table(figures)
