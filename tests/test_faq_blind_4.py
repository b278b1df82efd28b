"""The goals of issue 20 that the blind sets blind-4 and blind-4b met when each was scored once
(2026-12-07, after round 3 was merged, before they were copied here; docs/faq-engine.md, "Blind
figures (blind-4 and blind-4b)"). Their sha256 were recorded by their writers before the score.
Goals they did not meet (one tap 96.8% on blind-4b, danger 38 of 40 and false alarms 4 of 205
on blind-4) are reported there, not guarded here. A failure prints figures only, never a row."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from services.faq import FaqEngine, blind_figures
from services.faq.evaluation import read_questions

SETS = {
    "blind-4": "303ca73281cda101e59f31005a5c526484b7cec03b7b9de298c92a2d958b2ae6",
    "blind-4b": "62b9faa8df5ef90693ff02da807b5d873f0bfede6c98d847e699dbc836f86a46",
}
LANGUAGES = ("sq", "en", "sr-Cyrl", "sr-Latn")


def _path(name: str) -> Path:
    return Path(__file__).with_name("faq_eval") / f"{name}.tsv"


@pytest.fixture(scope="module")
def figures() -> dict[str, blind_figures.BlindFigures]:
    engine = FaqEngine.load()
    return {name: blind_figures.score(engine, read_questions(_path(name))) for name in SETS}


@pytest.mark.parametrize("name", SETS)
def test_the_set_is_the_one_whose_hash_was_recorded(name: str) -> None:
    assert hashlib.sha256(_path(name).read_bytes()).hexdigest() == SETS[name]


@pytest.mark.parametrize("name", SETS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_at_least_90_percent_right_outright_in_every_language(
    figures: dict[str, blind_figures.BlindFigures], name: str, language: str
) -> None:
    cell = figures[name].slices[f"in-scope {language}"]
    assert cell.right >= 0.90 * cell.rows, blind_figures.table(figures[name])


@pytest.mark.parametrize("name", SETS)
def test_at_least_90_percent_of_out_of_scope_refused(
    figures: dict[str, blind_figures.BlindFigures], name: str
) -> None:
    refused, out_of_scope = figures[name].refused
    assert refused >= 0.90 * out_of_scope, blind_figures.table(figures[name])


def test_the_goals_met_on_one_set_only(figures: dict[str, blind_figures.BlindFigures]) -> None:
    """blind-4 met one tap away (97%); blind-4b met danger (all) and false alarms (at most 1%)."""
    one_tap = figures["blind-4"].slices["all"]
    assert one_tap.one_tap >= 0.97 * one_tap.rows, blind_figures.table(figures["blind-4"])
    found, danger = figures["blind-4b"].danger
    assert found == danger, blind_figures.table(figures["blind-4b"])
    alarms, harmless = figures["blind-4b"].false_alarms
    assert alarms <= 0.01 * harmless, blind_figures.table(figures["blind-4b"])
