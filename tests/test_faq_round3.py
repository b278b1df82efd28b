"""Round 3 of issue 20: the safety check's hazards told in passing and its figures of speech,
courtesy formulae, a link to pay, money wired, a script named, and no dead end for a plain
situation. blind-3 is development material now (its misses were looked at): the safety check
must find every hazard of it with no false alarm, and its figures must not fall back below the
goals it met after round 3. A failure on blind-3 prints figures only."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.faq import FaqEngine, blind_figures, promote
from services.faq.engine import OUT_OF_SCOPE
from services.faq.evaluation import read_questions
from services.faq.normalize import tokens
from services.faq.safety import is_hazard

BLIND_3 = Path(__file__).with_name("faq_eval") / "blind-3.tsv"


@pytest.fixture(scope="module")
def engine() -> FaqEngine:
    return FaqEngine.load()


@pytest.mark.parametrize(
    "text",
    [
        "kablloje e rrymes rri pertoke te fusha",
        "shtylla e drites osht anu mbi rruge",
        "shtylla eshte perkulur nga shtepia",
        "the lamp post is bent over the road",
        "a cable is lying in the grass behind the school",
        "i ra rryma kur preku kangjellat",
        "жица се вуче по земљи код парка",
    ],
)
def test_hazards_told_in_passing_are_danger(text: str) -> None:
    assert is_hazard(text)


@pytest.mark.parametrize(
    "text",
    [
        "e ndeza zjarrin ne oxhak se rryma eshte shtrenjte",
        "lit the fireplace since the power is out",
        "the spark plug of my car broke, can I pay online?",
        "sparkling water and then I pay the bill",
        "got a shock when I saw the total, how much do I owe?",
        "burning question: when does the power come back?",
        "vapa po na djeg e rryma s'ka ardh hala",
        "gori nam pod nogama, kad ce struja",
        "the street lights are off",
    ],
)
def test_figures_of_speech_heating_and_cars_are_no_hazard(text: str) -> None:
    assert not is_hazard(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("molim vas kako da promenim email u aplikaciji", "update-contact-data"),
        ("send me the link to pay", "intent:pay"),
        ("i transferova parate por fatura ende del e papaguar", "paid-bill-still-shown"),
        ("ju falem nderit", "intent:thanks"),
        ("burning question: when does the power come back in Peja?", "intent:outage"),
    ],
)
def test_how_people_put_things(engine: FaqEngine, text: str, expected: str) -> None:
    assert engine.understand(text).id == expected


def test_a_script_named_offers_the_language_choice(engine: FaqEngine) -> None:
    understood = engine.understand("пребаци на ћирилицу")
    assert "intent:language" in ((understood.id,) + understood.choices)


def test_a_plain_situation_is_not_refused_by_the_out_of_scope_list() -> None:
    scores = {OUT_OF_SCOPE: 0.5, "intent:pay": -0.3}
    promote.promote(
        scores, tokens("tapped pay and the transaction was declined"), "en", OUT_OF_SCOPE
    )
    assert scores["ekesco-payment-failed"] >= promote.OFFER_AT
    assert scores[OUT_OF_SCOPE] < scores["ekesco-payment-failed"]


def test_blind_3_as_development_material(engine: FaqEngine) -> None:
    figures = blind_figures.score(engine, read_questions(BLIND_3))
    assert figures.danger[0] == figures.danger[1], blind_figures.table(figures)
    assert figures.false_alarms[0] == 0, blind_figures.table(figures)
    one_tap = figures.slices["all"]
    assert one_tap.one_tap / one_tap.rows >= 0.97, blind_figures.table(figures)
    assert figures.refused[0] / figures.refused[1] >= 0.9, blind_figures.table(figures)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a je robot apo njeri", "intent:about"),
        ("da li je ovo robot", "intent:about"),
        ("I want to talk to a real person, not a bot", "intent:human"),
        ("dua me fol me nje njeri jo me robot", "intent:human"),
    ],
)
def test_what_the_bot_is_is_not_a_wish_for_a_person(
    engine: FaqEngine, text: str, expected: str
) -> None:
    assert engine.understand(text).id == expected


@pytest.mark.parametrize(
    ("text", "hazard"),
    [
        ("kids are playing with a wire that came off the pole", True),
        ("femijet po luajne me nje kabllo te rrymes", True),
        ("sparks of joy when the power came back! thanks", False),
        ("new wires were put up in December", False),
    ],
)
def test_children_with_a_wire_and_joy(text: str, hazard: bool) -> None:
    assert is_hazard(text) is hazard


@pytest.mark.parametrize(
    ("text", "hazard"),
    [
        ("workers are replacing the cables on our street, will the power be cut?", False),
        ("menjaju kablove u našoj ulici, kad će struja", False),
        ("after the works a wire is hanging over the street", True),
        ("the wire was cut and is on the street", True),
    ],
)
def test_works_on_the_lines_are_no_hazard_unless_a_sign_is_given(text: str, hazard: bool) -> None:
    assert is_hazard(text) is hazard


@pytest.mark.parametrize(
    ("text", "hazard"),
    [
        ("udario je grom i nestalo je struje", False),
        ("grom je udario u trafo i sad izlazi dim", True),
        ("udarila me struja kad sam dirao brojilo", True),
    ],
)
def test_lightning_that_struck_is_no_shock(text: str, hazard: bool) -> None:
    assert is_hazard(text) is hazard


@pytest.mark.parametrize(
    "text",
    [
        "a do te kete rryme te shtunen ne Lipjan",
        "will there be power on Sunday in Gjakova?",
        "hoće li biti struje sutra u Peći",
    ],
)
def test_power_at_a_time_ahead_offers_the_planned_works(engine: FaqEngine, text: str) -> None:
    understood = engine.understand(text)
    assert "intent:planned-work" in ((understood.id,) + understood.choices)


def test_prices_ahead_are_not_planned_works(engine: FaqEngine) -> None:
    understood = engine.understand("will the price of electricity go up next year")
    assert "intent:planned-work" not in ((understood.id,) + understood.choices)


def test_where_the_power_is_paid_offers_paying(engine: FaqEngine) -> None:
    understood = engine.understand("где се плаћа струја")
    assert "intent:pay" in ((understood.id,) + understood.choices)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hellooo", "intent:greeting"),
        ("faleminderittt shumeee", "intent:thanks"),
        ("mirdita a ka dikush", "intent:greeting"),
        ("zdravo, ima li nekog", "intent:greeting"),
        ("pershendetje, dua te flas me dikend", "intent:human"),
    ],
)
def test_elongated_letters_and_anyone_there(engine: FaqEngine, text: str, expected: str) -> None:
    assert engine.understand(text).id == expected
