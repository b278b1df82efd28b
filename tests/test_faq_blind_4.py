"""The goals of issue 20 on blind-4 and blind-4b. When each was scored once (2026-12-07, after
round 3 was merged, before they were copied here; docs/faq-engine.md, "Blind figures (blind-4
and blind-4b)") they met some goals only (one tap 96.8% on blind-4b, danger 38 of 40 and false
alarms 4 of 205 on blind-4). Round 4 looked at their misses: they are **development material**
now, not blind, and their figures after round 4 are optimistic. Their lines are not training
examples. Every goal is guarded on both now. Their sha256 were recorded by their writers
before the score (blind-4's recorded sha256 was 303ca732…; see below). A failure prints figures
only, never a row.

Round 5: ``intent:bill-high`` ("why is my bill so high", merged after round 4) was added to the
accepted ids of the one blind-4 row that asks why the bill came so high this month (it was
``null|contact|intent:human|intent:bill``); the hash below is of the relabelled file."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from services.faq import FaqEngine, blind_figures
from services.faq.evaluation import read_questions
from services.faq.knowledge import load_examples

SETS = {
    "blind-4": "14634381704e525c8404ad5b5501e0e577488d711b427c6e8e0076cb92d1a3bd",
    "blind-4b": "62b9faa8df5ef90693ff02da807b5d873f0bfede6c98d847e699dbc836f86a46",
}
LANGUAGES = ("sq", "en", "sr-Cyrl", "sr-Latn")
# Short formulae of each set that were examples before it was written ("rrofsh"): no more.
SHARED_BEFORE = {"blind-4": 2, "blind-4b": 2}


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


@pytest.mark.parametrize("name", SETS)
def test_one_tap_danger_and_false_alarms(
    figures: dict[str, blind_figures.BlindFigures], name: str
) -> None:
    """At blind score: blind-4 met one tap away (97%), blind-4b danger (all) and false alarms
    (at most 1%); after round 4 (development material) both meet the three."""
    shown = blind_figures.table(figures[name])
    every = figures[name].slices["all"]
    assert every.one_tap >= 0.97 * every.rows, shown
    found, danger = figures[name].danger
    assert found == danger, shown
    alarms, harmless = figures[name].false_alarms
    assert alarms <= 0.01 * harmless, shown


def test_no_line_is_a_training_example() -> None:
    examples = {text for text, _ in load_examples()}
    for name in SETS:
        shared = [q.text for q in read_questions(_path(name)) if q.text in examples]
        assert len(shared) <= SHARED_BEFORE[name], name
