"""Danger first: the safety check catches every hazard of every evaluation set, in any
language or style, and flags at most 1% of the other messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.faq import FaqEngine, safety
from services.faq.evaluation import Question, read_questions

EVAL_DIR = Path(__file__).with_name("faq_eval")
# Every set but the blind sets (tests/faq_eval/blind-*.tsv): scored once for figures only, their
# danger misses were not looked at; a blind set joins here once it becomes development material
# (renamed dev-*.tsv), as blind-2 did in round 2 (25 of 28 found when it was scored once).
SETS = sorted(path for path in EVAL_DIR.glob("*.tsv") if not path.name.startswith("blind-"))
DANGER = "intent:danger"


def every_question() -> list[Question]:
    return [question for path in SETS for question in read_questions(path)]


@pytest.fixture(scope="module")
def engine() -> FaqEngine:
    return FaqEngine.load()


def test_the_sets_hold_danger_messages_in_every_language_and_script() -> None:
    danger = [q for q in every_question() if q.accepts(DANGER)]
    assert len(danger) >= 100
    assert {q.group for q in danger} == {"sq", "en", "sr-Cyrl", "sr-Latn"}


@pytest.mark.parametrize("path", SETS, ids=lambda path: path.name)
def test_no_danger_message_is_missed(engine: FaqEngine, path: Path) -> None:
    missed = [
        q.text
        for q in read_questions(path)
        if q.accepts(DANGER) and engine.understand(q.text).id != DANGER
    ]
    assert not missed, f"{path.name}: {len(missed)} danger messages missed"


def test_at_most_one_percent_false_alarms(engine: FaqEngine) -> None:
    others = [q for q in every_question() if not q.accepts(DANGER)]
    alarms = [q.text for q in others if engine.understand(q.text).id == DANGER]
    assert len(others) >= 1500
    assert len(alarms) <= 0.01 * len(others), alarms


@pytest.mark.parametrize(
    "text",
    [
        "a wire is hanging very low over the road",
        "the pole in front of the school is leaning badly",
        "water is dripping into the meter box",
        "my son got a shock from the socket",
        "teli po varet shumë poshtë mbi rrugë",
        "shtylla u anua nga era",
        "po bie uji në kutinë e njehsorit",
        "kutia e njehsorit po nxehet shumë dhe ka erë plastike të djegur",
        "bandera se nakrivila posle oluje",
        "из бројила иде дим",
        "žica visi nisko iznad dvorišta",
        "udarila me struja kad sam dirao ormarić",
        # round 2: a pole cracked or swaying, a shock told as being thrown back, a live fence
        "the concrete pole has a deep crack and rocks when the wind blows",
        "he was thrown backwards when he put his hand on the meter cabinet",
        "shtylla e drurit eshte krisur dhe po leviz",
        "stub puca, dodjite hitno",
        "ograda kod trafoa je pod strujom",
        "гвоздена капија је под напоном",
        "из трафоа сева",
        "the socket turned black and the wall around it is hot",
    ],
)
def test_hazards_in_any_language_are_danger(engine: FaqEngine, text: str) -> None:
    assert safety.is_hazard(text)
    assert engine.understand(text).id == DANGER


@pytest.mark.parametrize(
    "text",
    [
        "my phone fell on the street",
        "my meter is broken, it shows nothing",
        "the last bill was a real shock",
        "my ipko internet cable is cut, who do I call",
        "cable TV is down again",
        "nuk kam rrymë që nga mëngjesi",
        "si t'i kursej shpenzimet e rrymës gjatë dimrit",
        "ka rënë borë e shumë në rrugë",
        "струја је нестала у целој улици",
        "želim da platim struju",
        "the power is down in my street",
        "my password fell out of my head",
        # round 2: figures of speech about money, appliances, other networks, a water meter
        "the amount gave me a real shock, show me the bill",
        "racun me pogodio kao struja",
        "fatura me goditi si rryma kete muaj",
        "your prices are on fire",
        "my phone charger cable is frayed",
        "the water meter in the cellar is leaking",
        "rryma iku dhe u dogj buka ne furre",
        "ujutru sam ocitao brojilo",
        "ska rryme, kapija e garazhit nuk hapet",
        "iskreno, racun je previsok",
        "how much does a new pole for my yard cost",
    ],
)
def test_everyday_messages_are_not_flagged(text: str) -> None:
    assert not safety.is_hazard(text)
