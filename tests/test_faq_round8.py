"""Round 8 of issue 20: blind-8's kinds of miss and a development set of hazards told in every
way a helper who had not read the engine could think of (docs/faq-engine.md, "Round 8").

A shock from a household appliance or a thing that "gives" the power, a noise, a bang or a
flash from a transformer or a line, smoke from a meter box in Serbian, water in a lamp, an
open box or a station without its door with children near; and what only looks like one: a
fence's post, a wire denied ("no wire near the tree"), lights that trembled in an outage, a
meter's own blinking light. The phrasings below are the lead's own, not blind-8's rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.faq import FaqEngine
from services.faq.evaluation import read_questions
from services.faq.safety import is_hazard

EVAL_DIR = Path(__file__).with_name("faq_eval")


@pytest.mark.parametrize(
    "text",
    [
        "kur e preka frigoriferin me goditi rryma",
        "the washing machine gave me a shock when I touched it",
        "bojler me je protresao kad sam ga dodirnuo",
        "lavatriqja jep rrymë kur e prek",
        "metalna ograda na terasi daje struju",
        "the tap in the bathroom zaps me",
        "трафо код школе јако бучи и сева",
        "nje krisme e madhe nga transformatori dhe tani del drite e kalter",
        "the box on the pole went boom and there's a blue light",
        "из разводне кутије излази дим",
        "voda kaplje iz plafona u lampu i pucketa",
        "kutia e rrymes pa dere dhe femijet luajne aty",
        "dijete se penje na stub dalekovoda",
        "m'ka rrymu kompjuteri kur e preka",
    ],
)
def test_round_8_hazards_are_danger(text: str) -> None:
    assert is_hazard(text)


@pytest.mark.parametrize(
    "text",
    [
        "stub od ograde je pao, ko to popravlja",
        "shtylla e gardhit u thye nga era",
        "dua me pre degët e pemës, nuk ka asnjë tel afër",
        "we want to cut the tree, there are no wires anywhere near it",
        "dritat u dridhën pak dhe pastaj iku rryma",
        "njehsori po vezullon me drite te kuqe",
        "llamba u dogj, ku te blej nje te re",
        "frigoriferi u prish kur erdhi rryma",
        "the neighbours are very noisy tonight",
        "kutija sa alatom mi je pala",
        "tel me gjemba per gardh ku shitet",
    ],
)
def test_round_8_look_alikes_are_not_danger(text: str) -> None:
    assert not is_hazard(text)


@pytest.fixture(scope="module")
def engine() -> FaqEngine:
    return FaqEngine.load()


def test_every_hazard_of_the_round_8_set_is_danger(engine: FaqEngine) -> None:
    questions = read_questions(EVAL_DIR / "dev-danger-9.tsv")
    missed = [q.text for q in questions if engine.understand(q.text).id != "intent:danger"]
    assert len(questions) == 160 and not missed, missed


def test_no_look_alike_of_the_round_8_set_is_danger(engine: FaqEngine) -> None:
    questions = read_questions(EVAL_DIR / "dev-near-9.tsv")
    flagged = [q.text for q in questions if engine.understand(q.text).id == "intent:danger"]
    assert len(questions) == 160 and not flagged, flagged


@pytest.mark.parametrize(
    "text",
    [
        "djali preku prizen dhe filloi me qa",
        "the kid touched the socket in the hall",
        "ka erë plastike të djegur nga muri te çelësi",
        "miris paljevine iz zida pored utičnice",
        "kabal leži u vodi na ulici",
        "produžni kabl se istopio ispod grejalice",
        "the extension cord melted behind the sofa",
        "del tym prej kutis se rrymes",
        "žica dodiruje antenu na krovu i varniči",
        "stub ispred kuće je pod naponom",
        "is the lamp post live? my dog yelped next to it",
    ],
)
def test_round_8_second_set_hazards_are_danger(text: str) -> None:
    assert is_hazard(text)


@pytest.mark.parametrize(
    "text",
    [
        "internet kabl je prekinut",
        "platio sam preko banke a i dalje piše dug",
        "we live next to the pole on the corner, is the power back there",
        "ka erë djegie nga kuzhina, u dogj byreku kur iku rryma",
        "djali qan se s'ka drita per televizor",
        "e preka njehsorin po nuk me beri asgje",
    ],
)
def test_round_8_second_set_look_alikes_are_not_danger(text: str) -> None:
    assert not is_hazard(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("fatura ime eshte shume e larte kete muaj", "intent:bill-high"),
        ("why is my bill so high", "intent:bill-high"),
        ("zašto mi je račun toliko veliki", "intent:bill-high"),
        ("fatura 95 euro, zakonisht kam pagu 40", "intent:bill-high"),
        ("how much is my bill", "intent:bill"),
        ("the bill is a shock, show me what I owe", "intent:bill"),
        ("sa e kam faturen", "intent:bill"),
    ],
)
def test_a_bill_said_to_be_too_high_is_asked_why(
    engine: FaqEngine, text: str, expected: str
) -> None:
    assert engine.understand(text).id == expected


@pytest.mark.parametrize(
    "text",
    [
        "lopa na ngordhi poshte telave te rrymes",
        "a dead dog under the wires by the school",
        "baba je prodrmala struja kod bojlera",
        "frizider me drma strujom",
        "iz strujomjera lete iskre",
        "dete je dotaklo uličnu svetiljku i protreslo ga",
        "trava oko stuba je sprzena",
    ],
)
def test_round_8_third_set_hazards_are_danger(text: str) -> None:
    assert is_hazard(text)


@pytest.mark.parametrize(
    "text",
    [
        "the power line is dead since morning",
        "siguresa bie kur ndez furren, pa asnje ere apo tym",
        "the fuse trips when I switch on the oven, no smoke or smell",
        "sparks flew on our first date",
    ],
)
def test_round_8_third_set_look_alikes_are_not_danger(text: str) -> None:
    assert not is_hazard(text)


def test_the_third_round_8_set_is_told_apart(engine: FaqEngine) -> None:
    questions = read_questions(EVAL_DIR / "dev-safety-11.tsv")
    wrong = [
        q.text
        for q in questions
        if (engine.understand(q.text).id == "intent:danger") != (q.expected == "intent:danger")
    ]
    assert len(questions) == 200 and not wrong, wrong


@pytest.mark.parametrize(
    "text",
    [
        "pas stuhise nje kabull po rri mbi veturen tone",
        "a cable is lying on my car since last night",
        "kutia e njehsorit osht hap e femijet luajne aty",
        "the wires run through the branches and flash when it is windy",
        "kabl se zapleo u granje i sijeva",
    ],
)
def test_round_8_fourth_set_hazards_are_danger(text: str) -> None:
    assert is_hazard(text)


@pytest.mark.parametrize(
    "text",
    [
        "the cable for charging the electric car, where do I buy one",
        "kabl za punjenje automobila se pokvario",
        "munje sijevaju cijelu noć",
    ],
)
def test_round_8_fourth_set_look_alikes_are_not_danger(text: str) -> None:
    assert not is_hazard(text)
