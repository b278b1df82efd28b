"""Folding and language detection of the FAQ engine on typical customer spellings."""

from __future__ import annotations

import pytest

from services.faq import FaqEngine
from services.faq.features import KIN, TOWN, content_words
from services.faq.normalize import fold, standard_albanian, tokens


def test_fold_unifies_scripts_and_diacritics() -> None:
    assert fold("Кад ће струја?") == fold("kad će struja?") == "kad ce struja?"
    assert fold("Ђаковица") == "djakovica"
    assert fold("Faturë, çelës") == "fature, celes"
    assert fold("ŠIFRA ŽELIM") == "sifra zelim"


def test_tokens_join_apostrophes_and_mark_stars() -> None:
    assert tokens("s'ka rrymë") == ["ska", "rryme"]
    assert tokens("emri me **") == ["emri", "me", "xstarsx"]
    assert tokens("don't") == ["dont"]
    assert tokens("KESCO's e-mail, power's out") == ["kesco", "email", "power", "out"]


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
        # Short chat lines made of words both languages use: pairs of words decide.
        ("si je", "sq"),
        ("qysh je", "sq"),
        ("a je mire", "sq"),
        ("ko si", "sr"),
        ("kako si", "sr"),
        ("je li", "sr"),
    ],
)
def test_language_detection(text: str, lang: str) -> None:
    assert FaqEngine.load().understand(text).lang == lang


def test_gheg_and_chat_albanian_read_as_standard() -> None:
    assert [standard_albanian(w) for w in ("pagu", "pague", "shkru", "ndrru", "ndrroj")] == [
        "paguar",
        "paguar",
        "shkruar",
        "nderruar",
        "nderroj",
    ]
    assert [standard_albanian(w) for w in ("ku", "ju", "tu", "mu")] == ["ku", "ju", "tu", "mu"]
    assert [standard_albanian(w) for w in ("ksaj", "muji", "shpi", "fatur", "fjalkalimin")] == [
        "kesaj",
        "muaji",
        "shtepi",
        "fature",
        "fjalekalimin",
    ]
    # Kosovo words and "q" for "ç".
    assert [standard_albanian(w) for w in ("korenti", "sahatit", "direku", "kyqem", "qmimi")] == [
        "rryma",
        "njehsorit",
        "shtylla",
        "kycem",
        "cmimi",
    ]
    assert [standard_albanian(w) for w in ("qet", "qka", "qendra")] == ["qet", "qka", "qendra"]
    assert content_words(["me", "pagu", "faturen"], "sq") == content_words(
        ["me", "paguar", "faturen"], "sq"
    )


def test_towns_are_one_word_in_every_spelling() -> None:
    towns = ["prizren", "prizrenit", "prizrenu", "peje", "peci", "gjakove", "djakovici"]
    assert {word for town in towns for word in content_words([town], "sr")} == {TOWN}
    assert content_words(["pejsazh", "klinika", "fushe"], "sq") == ["pejsazh", "klinika", "fushe"]


def test_relatives_are_one_word_in_their_language() -> None:
    assert content_words(["shto", "shifren", "e", "vellait"], "sq") == ["shto", "shifren", KIN]
    assert content_words(["add", "my", "mothers", "meter"], "en") == ["add", KIN, "meter"]
    assert content_words(["brojilo", "majke"], "sr") == ["brojilo", KIN]
    # "zene" is a wife in Serbian, "occupied" (zënë) in Albanian.
    assert content_words(["llogaria", "zene"], "sq") == ["llogaria", "zene"]


def test_default_language_when_nothing_to_go_on() -> None:
    engine = FaqEngine.load()
    assert engine.understand("123", lang_hint="en").lang == "en"
    assert engine.understand("?").lang == "sq"


def test_albanian_words_are_read_by_their_root() -> None:
    from services.faq.albanian import root

    def roots(words: str) -> set[str]:
        return {root(word) for word in tokens(words)}

    # Case, number and definiteness of nouns.
    assert roots("fatura faturën faturës faturat faturave faturë") == {"fatur"}
    assert roots("njehsori njehsorin njehsorit njehsorët njehsorëve njehsor") == {"njehsor"}
    assert roots("llogaria llogarinë llogarisë llogari") == {"llogar"}
    assert roots("shifra shifrën shifrës shifër") == {"shifr"}
    # A verb and the nouns made from it.
    assert roots("paguaj pagova paguar paguhet pagesa pagesën pagesës") == {"pag"}
    assert roots("regjistrohem regjistrohet regjistruar regjistrimi regjistrimin") == {"regjistr"}
    assert roots("ndryshoj ndryshova ndryshuar ndryshimi ndrysho") == {"ndrysh"}
    assert roots("njoftim njoftimet njoftimeve njoftohem njoftomeni") == {"njoft"}
    # Roots that end like an ending are kept whole; so are -ion nouns.
    assert roots("telefon telefoni telefonit") == {"telefon"}
    assert roots("komision komisioni komisionin") == {"komision"}
    assert roots("aplikacion aplikacioni aplikacionin") == {"aplikacion"}
    assert root("konsumatorit") != root("konsumin")
    # Short words are their own root.
    assert [root(word) for word in ("tel", "sms", "kod", "app")] == ["tel", "sms", "kod", "app"]
    # Gheg "n" for "r": "e zuni rryma" is "e zuri rryma".
    assert standard_albanian("zuni") == "zuri"


def test_albanian_words_of_the_same_meaning_share_a_root() -> None:
    from services.faq.albanian import meaning

    assert {meaning(w) for w in tokens("rryma rrymës drita dritat energjia")} == {"rrym"}
    assert {meaning(w) for w in tokens("ndryshoj ndërroj përditësoj")} == {"ndrysh"}
    assert meaning("fatura") != meaning("llogaria")  # the bill is not the eKesco account


def test_albanian_function_words_say_nothing_about_the_topic() -> None:
    words = tokens("sapo na ka ikur rryma në gjithë lagjen tonë, shumë keq")
    assert content_words(words, "sq") == ["ikur", "rryma", "lagjen", "keq"]


def test_gheg_infinitives_and_one_word_negations_in_context() -> None:
    from services.faq.normalize import standard_albanian_words

    # "me e pa" is to see (not "pa", without), "me i pas" to have (not "pas", after).
    assert standard_albanian_words(["dua", "me", "e", "pa", "faturen"])[3] == "shoh"
    assert standard_albanian_words(["jemi", "pa", "rryme"])[1] == "pa"
    assert standard_albanian_words(["me", "i", "pas", "dy", "sahata"])[2:] == [
        "kam",
        "dy",
        "njehsora",
    ]
    assert standard_albanian_words(["sun", "e", "kryj"]) == ["nuk", "mund", "e", "kryej"]
    assert content_words(["e", "kom", "kry", "pagesen"], "sq") == ["kryer", "pagesen"]
    assert standard_albanian("planifikume") == standard_albanian("planifikue") == "planifikuar"
