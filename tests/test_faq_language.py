"""Folding and language detection of the FAQ engine on typical customer spellings."""

from __future__ import annotations

import pytest

from services.faq import FaqEngine
from services.faq.normalize import fold, tokens


def test_fold_unifies_scripts_and_diacritics() -> None:
    assert fold("Кад ће струја?") == fold("kad će struja?") == "kad ce struja?"
    assert fold("Ђаковица") == "djakovica"
    assert fold("Faturë, çelës") == "fature, celes"
    assert fold("ŠIFRA ŽELIM") == "sifra zelim"


def test_tokens_join_apostrophes_and_mark_stars() -> None:
    assert tokens("s'ka rrymë") == ["ska", "rryme"]
    assert tokens("emri me **") == ["emri", "me", "xstarsx"]
    assert tokens("don't") == ["dont"]


def test_albanian_elisions_stand_for_a_word() -> None:
    assert tokens("s'kemi drita n'shpi") == ["skemi", "drita", "n", "shpi"]
    assert tokens("m'del gabim, t'ju shkruj") == ["m", "del", "gabim", "t", "ju", "shkruj"]


def test_one_spelling_for_ekesco_and_email() -> None:
    assert tokens("еКеско") == tokens("eKesko") == tokens("eKesco") == ["ekesco"]
    assert tokens("e-mail") == tokens("E mail") == tokens("email") == ["email"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("ska drita prej dje", "sq"),
        ("pse nuk me vjen fatura", "sq"),
        ("nema struje od jutros", "sr"),
        ("gde da platim racun", "sr"),
        ("где је мој рачун", "sr"),
        ("where is my bill", "en"),
        ("power is out since morning", "en"),
        ("Përshëndetje", "sq"),
        ("sKam rryme fare", "sq"),
        ("qysh me pagu faturen", "sq"),
        ("nemam struju od jutros", "sr"),
        ("немам струју", "sr"),
        ("my power is out", "en"),
        ("Želim", "sr"),
    ],
)
def test_language_detection(text: str, lang: str) -> None:
    assert FaqEngine.load().understand(text).lang == lang


def test_default_language_when_nothing_to_go_on() -> None:
    engine = FaqEngine.load()
    assert engine.understand("123", lang_hint="en").lang == "en"
    assert engine.understand("?").lang == "sq"
