"""Round 2 of issue 20 on blind-2, now development material (``dev-blind-2.tsv``): its misses
were looked at, but its lines are not training examples (bench/faq_examples.py leaves it out),
so its figures still measure how the changes generalise. A failure prints figures only."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from services.faq import FaqEngine, blind_figures, formulae, promote, scope, timing
from services.faq.evaluation import GROUPS, read_questions
from services.faq.knowledge import load_entries, load_examples
from services.faq.leaks import leaks
from services.faq.normalize import tokens

DEV_BLIND_2 = Path(__file__).with_name("faq_eval") / "dev-blind-2.tsv"
SHA256 = "2fdceac7e496865e6db03b267afab5199d9f4db8cd7e839e040e766c4aa4444e"
SMALL_TALK = ("intent:greeting", "intent:thanks", "intent:goodbye", "intent:about")
# Phrases and examples of round 1 (in the knowledge base before blind-2 was written, commit
# 4a08794) that happen to fold to a line of blind-2: short, common phrases. Nothing written
# since may.
ROUND_1 = frozenset(
    {
        "prej ku shkarkohet eKesco",
        "sa eshte fatura",
        "aktivizo njoftimet",
        "ndrro gjuhen ne shqip",
        "A mund të vazhdojmë bisedën në gjuhën shqipe?",
        "račun za ovaj mesec",
        "kom numer te ri ku e ndrroj",
    }
)


@pytest.fixture(scope="module")
def figures() -> blind_figures.BlindFigures:
    return blind_figures.score(FaqEngine.load(), read_questions(DEV_BLIND_2))


def test_the_set_is_blind_2_unchanged() -> None:
    assert hashlib.sha256(DEV_BLIND_2.read_bytes()).hexdigest() == SHA256


def test_no_training_text_is_a_line_of_blind_2() -> None:
    phrases = [
        phrase
        for entry in load_entries()
        if entry.id not in SMALL_TALK
        for lang_phrases in entry.phrases.values()
        for phrase in lang_phrases
    ]
    phrases += [text for text, entry_id in load_examples() if entry_id not in SMALL_TALK]
    found = leaks(phrases, [q.text for q in read_questions(DEV_BLIND_2)])
    assert [phrase for phrase, _ in found if phrase not in ROUND_1] == []


def test_danger_every_time_and_no_false_alarm(figures: blind_figures.BlindFigures) -> None:
    assert figures.danger == (28, 28)
    assert figures.false_alarms == (0, 192)


@pytest.mark.parametrize("group", GROUPS)
def test_at_least_90_percent_right_outright_in_each_language(
    figures: blind_figures.BlindFigures, group: str
) -> None:
    cell = figures.slices[f"in-scope {group}"]
    assert cell.right >= 0.90 * cell.rows, blind_figures.table(figures)


def test_one_tap_away_and_out_of_scope_refused(figures: blind_figures.BlindFigures) -> None:
    whole = figures.slices["all"]
    assert whole.one_tap >= 0.97 * whole.rows, blind_figures.table(figures)
    refused, out_of_scope = figures.refused
    assert refused >= 0.90 * out_of_scope, blind_figures.table(figures)


@pytest.mark.parametrize(
    ("text", "lang", "greeting", "thanks", "goodbye", "language"),
    [
        ("si jeni", "sq", True, False, False, False),
        ("jeni turp", "sq", False, False, False, False),
        ("hvala puno", "sr", False, True, False, False),
        ("ok bye", "en", False, False, True, False),
        ("what's the capital of Albania", "en", False, False, False, False),
        ("nderro gjuhen ne anglisht", "sq", False, False, False, True),
    ],
)
def test_small_talk_needs_its_formula_and_a_language_change_a_language(
    text: str, lang: str, greeting: bool, thanks: bool, goodbye: bool, language: bool
) -> None:
    words = tokens(text)
    assert formulae.not_a_greeting(words, lang) is not greeting
    assert formulae.no_thanks(words, lang) is not thanks
    assert formulae.no_goodbye(words, lang) is not goodbye
    assert formulae.no_language(words, lang) is not language


def test_cues_of_scope_and_time() -> None:
    assert scope.insults(tokens("ти си глуп бот"), "sr")
    assert scope.asks_to_translate(tokens("perktheje kete ne anglisht"), "sq")
    assert not scope.asks_to_translate(tokens("si ta shkruaj shifren e konsumatorit"), "sq")
    assert scope.another_thing(tokens("gde da registrujem auto"), "sr")
    assert not scope.another_thing(tokens("si ta regjistroj njehsorin ne ekesco"), "sq")
    assert scope.another_place(tokens("numri i taksise ne Peje"), "sq")
    assert timing.planned(tokens("a ishte e paralajmeruar nderprerja"), "sq")
    assert timing.planned(tokens("struja nestaje svake subote ujutru"), "sr")
    assert timing.still_not_back(tokens("drita hala s'osht kthy"), "sq")
    assert not timing.still_not_back(tokens("rryma u kthye"), "sq")


@pytest.mark.parametrize(
    ("text", "lang", "entry_id"),
    [
        ("the payment page keeps spinning after my card details", "en", "ekesco-payment-failed"),
        ("pagesa ne aplikacion nuk kryhet", "sq", "ekesco-payment-failed"),
        ("плаћање не пролази у апликацији", "sr", "ekesco-payment-failed"),
        ("ruaje kodin tim ketu ne bot", "sq", "intent:link"),
        ("is the cut on our street planned", "en", "intent:planned-work"),
    ],
)
def test_a_plain_situation_is_at_least_offered(text: str, lang: str, entry_id: str) -> None:
    scores: dict[str, float] = {}
    promote.promote(scores, tokens(text), lang)
    assert scores[entry_id] >= promote.OFFER_AT
    result = FaqEngine.load().understand(text)
    assert result.id == entry_id or entry_id in result.choices
