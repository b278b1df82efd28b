"""Round 6 of issue 20: blind-6's kinds of miss (docs/faq-engine.md, "Round 6").

Adding a meter or a house to an account in the app is asked back about (the app's registration
or linking here); "which banks" in the Serbian genitive plural ("banaka") asks which banks; a
person "on fire today" is no fire; other countries' electricity companies are refused; a
payment that "falls" (pada) has failed. Round 6's own development set (not training material)
keeps its figures."""

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
        "a mundem me shtu njehsorin e shpis tjeter ne llogarine time ne app",
        "kako da dodam još jedno brojilo na svoj nalog u aplikaciji",
        "how can I add my parents' meter to my eKesco account",
    ],
)
def test_adding_a_meter_to_the_account_offers_registering(engine: FaqEngine, text: str) -> None:
    result = engine.understand(text)
    assert "ekesco-register" in (result.id, *result.choices), result


def test_adding_a_meter_to_this_chat_stays_linking(engine: FaqEngine) -> None:
    assert engine.understand("si ta shtoj njehsorin tem ketu ne bot").id == "intent:link"


@pytest.mark.parametrize(
    "text", ["preko kojih banaka mogu da platim račun", "преко којих банака се плаћа рачун"]
)
def test_which_banks_in_the_genitive_asks_which_banks(engine: FaqEngine, text: str) -> None:
    assert engine.understand(text).id == "payment-banks"


def test_on_fire_today_is_a_figure_of_speech() -> None:
    assert not is_hazard("I'm on fire today, how do I add a second meter in the app?")
    assert is_hazard("my meter is on fire")


@pytest.mark.parametrize(
    "text", ["how do I pay my EVN bill in Skopje", "kako da platim račun EPS-u u Beogradu"]
)
def test_other_countries_electricity_companies_are_refused(engine: FaqEngine, text: str) -> None:
    result = engine.understand(text)
    assert result.id is None and not result.choices, result


def test_a_payment_that_falls_has_failed(engine: FaqEngine) -> None:
    result = engine.understand("плаћање у апликацији ми стално пада")
    assert "ekesco-payment-failed" in (result.id, *result.choices), result


# (right outright, one tap) round 6's set reached.
GUARDS = {"dev-round6-answerable.tsv": (50, 51)}


@pytest.mark.parametrize("name", GUARDS)
def test_round_6_set_keeps_its_figures(engine: FaqEngine, name: str) -> None:
    figures = blind_figures.score(engine, read_questions(EVAL_DIR / name))
    shown = blind_figures.table(figures)
    right, one_tap = GUARDS[name]
    every = figures.slices["all"]
    assert every.right >= right and every.one_tap >= one_tap, shown


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ku ska drita sot ne Prishtine", "intent:outage"),
        ("where is the power out right now", "intent:outage"),
        ("gde sve nema struje danas", "intent:outage"),
        ("ku me lajmru qe ska rrym", "intent:report-outage"),
        ("nemam struju, gde da prijavim", "intent:report-outage"),
    ],
)
def test_where_the_power_is_asks_about_outages(engine: FaqEngine, text: str, expected: str) -> None:
    assert engine.understand(text).id == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a mund te shkruaj ne anglisht", "intent:language"),
        ("can I write in Serbian?", "intent:language"),
        ("write me an essay in English", None),
        ("perktheje ne anglisht kete tekst", None),
    ],
)
def test_writing_in_a_language_chooses_it(
    engine: FaqEngine, text: str, expected: str | None
) -> None:
    assert engine.understand(text).id == expected


def test_what_fell_in_water_is_no_water_company(engine: FaqEngine) -> None:
    text = "I dropped my phone in water, how do I reset my eKesco password"
    assert engine.understand(text).id == "ekesco-password"
    assert engine.understand("si ta paguaj faturen e ujit").id is None
