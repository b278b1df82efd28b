"""The goals of issue 20 on blind-11 and blind-12, the sealed sets that met every one of them
when each was scored once (2026-12-07, 17:41:40 and 17:50:34 UTC, after round 10;
docs/faq-engine.md, "Figures"). Their rows were never looked at: these tests print figures
only, never a row, so that a later change that breaks a goal shows without turning the sets
into tuning material."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from services.faq import FaqEngine, blind_figures
from services.faq.evaluation import read_questions

EVAL_DIR = Path(__file__).with_name("faq_eval")
SEALED = {
    "blind-11.tsv": "93588fb1b7f3cafe6991eb1abe3ac0750d74c72bca1e4586bed198bfe1d237ee",
    "blind-12.tsv": "b430da038fc0c62a89ab7f9df74ac7a20f1aaf6df80c7872d722f590cd482190",
}
LANGUAGES = ("sq", "en", "sr-Cyrl", "sr-Latn")


@pytest.fixture(scope="module", params=sorted(SEALED))
def sealed(request: pytest.FixtureRequest) -> tuple[str, blind_figures.BlindFigures]:
    name = request.param
    return name, blind_figures.score(FaqEngine.load(), read_questions(EVAL_DIR / name))


@pytest.mark.parametrize("name", sorted(SEALED))
def test_the_set_is_the_one_whose_hash_was_recorded(name: str) -> None:
    assert hashlib.sha256((EVAL_DIR / name).read_bytes()).hexdigest() == SEALED[name]


def test_at_least_90_percent_right_outright_in_every_language_and_script(
    sealed: tuple[str, blind_figures.BlindFigures],
) -> None:
    name, figures = sealed
    for group in LANGUAGES:
        cell = figures.slices[f"in-scope {group}"]
        assert cell.right >= 0.90 * cell.rows, f"{name} {group}\n{blind_figures.table(figures)}"


def test_the_right_answer_at_most_one_tap_away_for_97_percent(
    sealed: tuple[str, blind_figures.BlindFigures],
) -> None:
    name, figures = sealed
    cell = figures.slices["all"]
    assert cell.one_tap >= 0.97 * cell.rows, f"{name}\n{blind_figures.table(figures)}"


def test_every_danger_message_and_at_most_1_percent_false_alarms(
    sealed: tuple[str, blind_figures.BlindFigures],
) -> None:
    name, figures = sealed
    (found, dangers), (alarms, others) = figures.danger, figures.false_alarms
    assert found == dangers and alarms <= 0.01 * others, f"{name}\n{blind_figures.table(figures)}"


def test_at_least_90_percent_of_out_of_scope_refused(
    sealed: tuple[str, blind_figures.BlindFigures],
) -> None:
    name, figures = sealed
    refused, out_of_scope = figures.refused
    assert refused >= 0.90 * out_of_scope, f"{name}\n{blind_figures.table(figures)}"
