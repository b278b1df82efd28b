"""Round 4 of issue 20: the safety check by hazard concept (a storm that brings a line down,
bare insulation, someone hurt) and its guards by sense (a town that starts like a socket, hours
called "sahat", a meter of water, sparks between people, a static shock, cooking burnt in an
outage); courtesy alone is small talk; a code given, a disputed reading, "ur", "what can you
do for me" and writing to order. Round 4's own development sets (``dev-round4-*.tsv``, not
training material) keep their figures. A failure on a set prints figures only."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.faq import FaqEngine, blind_figures
from services.faq.courtesy import small_talk_only
from services.faq.evaluation import read_questions
from services.faq.knowledge import load_examples
from services.faq.normalize import tokens
from services.faq.safety import is_hazard

EVAL_DIR = Path(__file__).with_name("faq_eval")
ROUND_4 = sorted(EVAL_DIR.glob("dev-round4-*.tsv"))
EXAMPLES = Path(__file__).parent.parent / "services" / "faq" / "data" / "examples"


@pytest.fixture(scope="module")
def engine() -> FaqEngine:
    return FaqEngine.load()


@pytest.mark.parametrize(
    "text",
    [
        "pas eres se forte linja e tensionit ka ra ne ara",
        "the storm brought a power line down across our driveway",
        "nevreme je oborilo dalekovod kod sela",
        "kablli i rrymes po del jashte murit i zhveshur",
        "the cable has no insulation left near the door",
        "my neighbour was injured by the electricity at the meter box, ambulance is here",
        "kabllja e sahatit po shkrihet",
        "iz brojila curi voda i ceka",
        "sparks flying between the wires on the pole",
        "e ka zan rryma punetorin",
    ],
)
def test_hazards_by_concept_are_danger(text: str) -> None:
    assert is_hazard(text)


@pytest.mark.parametrize(
    "text",
    [
        "qe 2 sahat po bjen shi e ska drita",
        "ne Prizren po bie shi prej mengjesit, kur vjen drita",
        "sahati i ujit po pikon, kujt t'i drejtohem",
        "sahati im i ujit rrjedh",
        "brojilo za vodu curi",
        "I get static shocks from the carpet all the time, where is my customer code",
        "sparks flew between me and my neighbour over the parking",
        "posvadjali smo se oko brojila, varnice lete, gde je moja sifra",
        "hitna pomoc u gracanici je bez struje",
        "m'u dogj dreka se u ndal rryma",
        "izgoreo mi je tost jer je nestalo struje",
        "kablloja e antenes ra nga catia",
        "the wind knocked over our bins, also no power since 5",
        "linija 5 autobusa ne ide zbog nevremena, a struja kad ce",
        "posle nevremena voda je usla u podrum",
        "after the storm the phone line is down",
        "stuhia e rrezoi linjen e autobusit",
        "oluja je oborila drvo na put, vodovod ne radi",
        "the electricity bill really hurts this month",
    ],
)
def test_words_that_only_look_like_a_hazard_are_none(text: str) -> None:
    assert not is_hazard(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("how are you today?", "intent:greeting"),
        ("kako ste danas", "intent:greeting"),
        ("hvala puno, pozdrav", "intent:thanks"),
        ("odlican si bote", "intent:thanks"),
        ("you are the best lol", "intent:thanks"),
        ("naten e mire", "intent:goodbye"),
        ("ajd cao", "intent:goodbye"),
        ("tung", "intent:greeting"),
        ("thanks, but it still does not work", None),
        ("hi, where is my code", None),
        ("a je robot", None),
        ("sta radis veceras", None),
        ("falas", None),
        ("hej bot", "intent:greeting"),
        ("te lumshin duart, shume mire e shpjegove", "intent:thanks"),
    ],
)
def test_courtesy_alone_is_small_talk(text: str, expected: str | None) -> None:
    assert small_talk_only(tokens(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("how are you doing today", "intent:greeting"),
        ("good bot", "intent:thanks"),
        ("my code is DPR 123 456, how much do I owe", "intent:bill"),
        ("ku e gjej shifren DPR?", "customer-code"),
        ("ur number pls", "contact"),
        ("what can you help me with", "intent:about"),
        ("sta mozes da uradis za mene", "intent:about"),
        ("what can I do if the payment fails", "ekesco-payment-failed"),
        ("napisi mi pesmu o struji", None),
        ("the app still shows last month's reading", "bill-not-current"),
        ("never got the code to reset my password", "sms-not-received"),
        ("kodi nuk po vjen hala", "sms-not-received"),
        ("pagesa po dshton", "ekesco-payment-failed"),
        ("flm, por prape s'kam drita", "intent:report-outage"),
    ],
)
def test_how_people_put_things(engine: FaqEngine, text: str, expected: str | None) -> None:
    assert engine.understand(text).id == expected


def test_a_disputed_reading_offers_the_contacts_not_the_reading_in_the_app(
    engine: FaqEngine,
) -> None:
    result = engine.understand("sahati po numron shum shpejt, du me bo ankese")
    assert "bill-not-current" not in (result.id, *result.choices)
    assert "contact" in (result.id, *result.choices)


def test_round_4_sets_are_not_made_training_examples() -> None:
    """bench/faq_examples.py leaves them out; eight of their short lines (formulae such as
    "rrofsh", "see ya", and one hazard) happen to be examples written earlier, and no more."""
    examples = {text for text, _ in load_examples()}
    development = (EXAMPLES / "development.tsv").read_text(encoding="utf-8")
    assert ROUND_4
    assert "dev-round4-" not in development
    shared = [q.text for path in ROUND_4 for q in read_questions(path) if q.text in examples]
    assert len(shared) <= 8


# What each of round 4's sets reached (right outright, one tap, false alarms); every hazard of
# every set is found.
GUARDS = {
    "dev-round4-colloquial.tsv": (51, 55, 0),
    "dev-round4-smalltalk.tsv": (44, 44, 0),
    "dev-round4-danger.tsv": (53, 53, 0),
    "dev-round4-danger-2.tsv": (37, 38, 1),
    "dev-round4-colloquial-2.tsv": (38, 38, 0),
    "dev-round4-smalltalk-2.tsv": (27, 29, 0),
}


@pytest.mark.parametrize("path", ROUND_4, ids=lambda path: path.name)
def test_round_4_sets_keep_their_figures(engine: FaqEngine, path: Path) -> None:
    figures = blind_figures.score(engine, read_questions(path))
    right, one_tap, alarms = GUARDS[path.name]
    every = figures.slices["all"]
    shown = blind_figures.table(figures)
    assert figures.danger[0] == figures.danger[1], shown
    assert figures.false_alarms[0] <= alarms, shown
    assert every.right >= right and every.one_tap >= one_tap, shown
