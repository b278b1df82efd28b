"""Round 5 of issue 20: blind-5's kinds of miss, read by sense (docs/faq-engine.md, "Round 5").

A pole or a line struck by a vehicle, broken or crooked is a hazard in every language; a club
called "Shkëndija" or "Iskra" in talk of a match is no spark; a match or heating is refused
(not the lights that "play", nor heating with electricity); a refund is KESCO's contacts; "a je
mirë?" greets. Round 5's own development sets (not training material) keep their figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.faq import FaqEngine, blind_figures
from services.faq.evaluation import read_questions
from services.faq.safety import is_hazard

EVAL_DIR = Path(__file__).with_name("faq_eval")


@pytest.fixture(scope="module")
def engine() -> FaqEngine:
    return FaqEngine.load()


@pytest.mark.parametrize(
    "text",
    [
        "një makinë e goditi direkun e rrymës dhe u thye",
        "shtylla e rrymës u përplas përtokë nga kamioni",
        "a van crashed into the lamppost outside",
        "the power pole is split down the middle",
        "traktor je udario banderu ispred kuće",
        "стуб се преломио на пола",
    ],
)
def test_a_pole_struck_or_broken_is_a_hazard(text: str) -> None:
    assert is_hazard(text)


@pytest.mark.parametrize(
    "text",
    [
        "Shkëndija luajti mirë dje në stadium",
        "Iskra je izgubila utakmicu",
        "u thye ekrani i telefonit",
        "the car crashed into a tree, nobody hurt",
    ],
)
def test_what_only_looks_like_a_hazard_is_not(text: str) -> None:
    assert not is_hazard(text)


def test_sparks_named_with_a_thing_stay_a_hazard_in_talk_of_a_match() -> None:
    assert is_hazard("gjatë ndeshjes priza filloi me nxjerr shkëndija")


@pytest.mark.parametrize(
    "text",
    [
        "a luan Prishtina me Ballkanin të dielën?",
        "ко игра у финалу лиге",
        "Termokosi nuk po e ndez ngrohjen",
        "radijatori je hladan, kad počinje grejanje",
        "fatura e Termokosit ka ardhur e madhe",
    ],
)
def test_a_match_or_heating_is_refused(engine: FaqEngine, text: str) -> None:
    result = engine.understand(text)
    assert result.id is None and not result.choices, result


@pytest.mark.parametrize(
    "text",
    ["kur vjen drita, po luan me ne", "ngrohja me rrymë po ma rrit faturën"],
)
def test_the_lights_and_electric_heating_stay_ours(engine: FaqEngine, text: str) -> None:
    result = engine.understand(text)
    assert result.id is not None or result.choices, result


@pytest.mark.parametrize(
    "text",
    ["I was charged twice, I want my money back", "platio sam dva puta, tražim povraćaj"],
)
def test_money_back_is_not_the_paid_bill_still_shown(engine: FaqEngine, text: str) -> None:
    result = engine.understand(text)
    assert "paid-bill-still-shown" not in (result.id, *result.choices), result


def test_are_you_well_greets(engine: FaqEngine) -> None:
    assert engine.understand("tung, a je mirë?").id == "intent:greeting"
    assert engine.understand("shum i mirë je").id == "intent:thanks"


# (right outright, one tap, false alarms) each of round 5's sets reached; every hazard found.
GUARDS = {"dev-round5-danger.tsv": (33, 33, 0), "dev-round5-scope.tsv": (28, 28, 0)}


@pytest.mark.parametrize("name", GUARDS)
def test_round_5_sets_keep_their_figures(engine: FaqEngine, name: str) -> None:
    figures = blind_figures.score(engine, read_questions(EVAL_DIR / name))
    shown = blind_figures.table(figures)
    right, one_tap, alarms = GUARDS[name]
    every = figures.slices["all"]
    assert figures.danger[0] == figures.danger[1], shown
    assert figures.false_alarms[0] <= alarms, shown
    assert every.right >= right and every.one_tap >= one_tap, shown
