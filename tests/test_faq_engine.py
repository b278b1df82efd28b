"""The FAQ engine against its evaluation set, and its public interface."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.faq import FaqAnswer, FaqButton, FaqEngine, Understanding
from services.faq.evaluation import (
    GROUPS,
    Figures,
    by_group,
    evaluate,
    held_out,
    read_questions,
    tuning_half,
)
from services.faq.features import STOPWORDS, raw_features
from services.faq.knowledge import load_entries, load_examples
from services.faq.leaks import leaks
from services.faq.normalize import tokens
from tests.support.faq import INTENTS, TOPICS

EVAL = Path(__file__).with_name("faq_eval") / "questions.tsv"
SMALL_TALK = ("intent:greeting", "intent:thanks", "intent:goodbye", "intent:about")


@pytest.fixture(scope="module")
def engine() -> FaqEngine:
    return FaqEngine.load()


def test_eval_set_is_large_and_covers_everything() -> None:
    questions = read_questions(EVAL)
    assert len(questions) >= 830
    assert {q.expected for q in questions} == set(TOPICS) | set(INTENTS) | {None}
    assert {q.lang for q in questions} == {"sq", "en", "sr"}
    for group in GROUPS:
        rows = [q for q in questions if q.group == group]
        assert len(rows) >= 60, group
        assert sum(q.expected is None for q in rows) >= 15, group
    latin = [q.text for q in questions if q.group == "sr-Latn"]
    assert any(text.isascii() for text in latin) and not all(text.isascii() for text in latin)
    for intent in ("intent:report-outage", "intent:danger", "intent:human"):
        assert {q.group for q in questions if q.expected == intent} == set(GROUPS), intent


def test_questions_of_issue_14_speak_as_people_in_kosovo_speak() -> None:
    """The rows after the first 319: at least 200, a third Serbian, a third Albanian."""
    added = read_questions(EVAL)[319:]
    assert len(added) >= 200
    assert 3 * sum(q.lang == "sr" for q in added) >= len(added)
    assert 3 * sum(q.lang == "sq" for q in added) >= len(added)
    assert sum(q.expected is None for q in added) >= 45


def test_held_out_half_is_chosen_by_position_only() -> None:
    questions = read_questions(EVAL)
    assert held_out(questions) == questions[1::2]
    assert tuning_half(questions) == questions[0::2]
    assert len(held_out(questions)) == len(questions) // 2


def test_leak_check_sees_through_folding_stopwords_and_order() -> None:
    assert leaks(["Ku e gjej shifrën e konsumatorit?"], ["ku gjej shifren konsumatorit"])
    assert leaks(["si te paguaj"], ["paguaj tani"])  # si, te and tani are stopwords
    assert leaks(["нема струје код мене"], ["kod mene nema struje"])
    assert leaks(["power out my street"], ["my street power out"])
    assert leaks(["DPR ne fature"], ["DGJ ne fature"])
    assert not leaks(["paguaj faturen online"], ["paguaj tani"])


def test_no_eval_question_is_a_training_phrase() -> None:
    """No knowledge-base phrase nor training example is an evaluation question after the
    engine's normalisation: not a copy, nor a copy that differs in stopwords, diacritics,
    script, case or order. Small talk is a closed set of formulae ("hello", "хвала") that no
    other words say: its phrases are exempt, so its figures here are not a measure of how the
    engine generalises (the blind sets are)."""
    phrases = [
        phrase
        for entry in load_entries()
        if entry.id not in SMALL_TALK
        for lang_phrases in entry.phrases.values()
        for phrase in lang_phrases
    ]
    phrases += [text for text, entry_id in load_examples() if entry_id not in SMALL_TALK]
    found = leaks(phrases, [q.text for q in read_questions(EVAL)])
    assert not found, f"{len(found)} knowledge-base phrases are evaluation questions: {found}"


def test_no_phrase_is_written_twice_in_an_entry() -> None:
    """Two phrases of one entry that fold to the same words (a copy, or the same words in the
    other script) would count twice in the entry's two-nearest score."""
    for entry in load_entries():
        folded = [tuple(tokens(p)) for phrases in entry.phrases.values() for p in phrases]
        assert len(folded) == len(set(folded)), entry.id


def test_every_training_phrase_has_features() -> None:
    """The matcher reads every phrase but small talk ("who are you": all stopwords to it),
    which the classifier reads whole."""
    for entry in load_entries():
        for lang, phrases in entry.phrases.items():
            for phrase in phrases:
                if entry.id in SMALL_TALK:
                    assert tokens(phrase), (entry.id, phrase)
                    continue
                assert raw_features(phrase, lang), (entry.id, phrase)
                assert set(tokens(phrase)) - STOPWORDS[lang], (entry.id, phrase)


def test_accuracy_rejection_and_language_on_eval_set(engine: FaqEngine) -> None:
    """On the whole set; a failure lists the misses of the tuning half only."""
    questions = read_questions(EVAL)
    figures = evaluate(engine, questions)
    report = figures.summary() + "\n" + "\n".join(evaluate(engine, tuning_half(questions)).errors)
    print(figures.summary())
    assert figures.accuracy >= 0.95, report
    assert figures.rejection >= 0.95, report
    assert figures.language >= 0.95, report


@pytest.fixture(scope="module")
def held_out_figures(engine: FaqEngine) -> dict[str, Figures]:
    return by_group(engine, held_out(read_questions(EVAL)))


@pytest.mark.parametrize(
    ("group", "figure"),
    [(g, f) for g in GROUPS for f in ("accuracy", "rejection", "language")],
    ids=[f"{g}-{f}" for g in GROUPS for f in ("accuracy", "rejection", "language")],
)
def test_held_out_half_in_every_language_and_script(
    held_out_figures: dict[str, Figures], group: str, figure: str
) -> None:
    """The goal of issue 14: 95% top-1, 95% refusal (and 95% language detection) for sq, en,
    sr Cyrillic and sr Latin. A failure shows the figures only, not the questions: tune on
    the other half."""
    figures = held_out_figures[group]
    value: float = getattr(figures, figure)
    assert value >= 0.95, figures.summary()


def test_ids_match_the_public_contract(engine: FaqEngine) -> None:
    assert sorted(engine.topic_ids) == sorted(TOPICS)
    assert sorted(engine.intent_ids) == sorted(INTENTS)


@pytest.mark.parametrize(
    ("text", "expected", "lang"),
    [
        # Misses of issue 14 and their neighbours.
        ("nemam struju", "intent:report-outage", "sr"),
        ("немам струју", "intent:report-outage", "sr"),
        ("nestalo je struje kod mene", "intent:report-outage", "sr"),
        ("s'kam rrymë", "intent:report-outage", "sq"),
        ("ska drita", "intent:report-outage", "sq"),
        ("my power is out", "intent:report-outage", "en"),
        ("kur vjen drita", "intent:outage", "sq"),
        ("when will the power come back", "intent:outage", "en"),
        ("како да се региструјем у еКеско", "ekesco-register", "sr"),
        ("kako da se registrujem u eKesco", "ekesco-register", "sr"),
        ("koji je vas broj telefona", "contact", "sr"),
        ("који је ваш број телефона", "contact", "sr"),
        ("kako da promenim broj telefona", "update-contact-data", "sr"),
        ("kakvo će biti vreme sutra", None, "sr"),
        ("si do jetë moti nesër", None, "sq"),
        ("what's the weather tomorrow", None, "en"),
        ("pse fatura nuk eshte e perditesuar", "bill-not-current", "sq"),
        ("si ta lexoj njehsorin", None, "sq"),
        ("ka rënë një tel në rrugë", "intent:danger", "sq"),
        ("shkëndija nga shtylla", "intent:danger", "sq"),
        ("pao je kabl na ulicu", "intent:danger", "sr"),
        ("варнице из бандере", "intent:danger", "sr"),
        ("a wire is down", "intent:danger", "en"),
        ("a wire fell on the street", "intent:danger", "en"),
        ("ka rënë teli në rrugë", "intent:danger", "sq"),
        ("пао је кабл на улици", "intent:danger", "sr"),
        # Its neighbours: something else fell (no danger, no report), the power fell (a report).
        ("my phone fell on the street", None, "en"),
        ("më ka rënë telefoni në rrugë", None, "sq"),
        ("ka rënë borë në rrugë", None, "sq"),
        ("pao mi telefon na ulici", None, "sr"),
        ("ka rënë rryma në rrugën tonë", "intent:report-outage", "sq"),
        ("the whole street has no power", "intent:report-outage", "en"),
        ("a tree fell on the power line", "intent:danger", "en"),
        ("e zuni rryma djalin", "intent:danger", "sq"),
        # A wire named in a report of no power is a danger first; a stated cut is a report.
        ("nuk ka rrymë, ka rënë teli", "intent:danger", "sq"),
        ("s'kemi rrymë në dimër", "intent:report-outage", "sq"),
        ("më është ndalur rryma", "intent:report-outage", "sq"),
        ("a do të ndalet rryma nesër", "intent:planned-work", "sq"),
        # Notices about works are the alerts; an SMS for the password is the SMS topic;
        # someone else registered with the code is a blocked registration.
        ("dua njoftime për punimet e planifikuara", "intent:alerts", "sq"),
        ("sms për fjalëkalimin vonon shumë", "sms-not-received", "sq"),
        ("shifra ime është regjistruar nga dikush", "ekesco-register-blocked", "sq"),
        ("emaili jem", "update-contact-data", "sq"),  # Gheg "jem" is "im", my
        ("dua të flas me një njeri", "intent:human", "sq"),
        ("hoću da razgovaram sa operaterom", "intent:human", "sr"),
        ("желим да разговарам са човеком", "intent:human", "sr"),
        ("can I talk to a human", "intent:human", "en"),
        # Connecting to a person is not linking a code; "call me" is not "how do I call you".
        ("me lidh me dikon te kesco", "intent:human", "sq"),
        ("connect me with someone", "intent:human", "en"),
        ("a mundeni me m'thirr ju", "intent:human", "sq"),
        ("can you call me", "intent:human", "en"),
        ("qysh me ju thirr", "contact", "sq"),
        ("ska rrym te shpia", "intent:report-outage", "sq"),
        ("кад ће струја", "intent:outage", "sr"),
        # Another company's contacts are not ours; "how are you" is Albanian.
        ("ipko phone number", None, "en"),
        ("numri i telefonit te ipkos", None, "sq"),
        ("si je", "intent:greeting", "sq"),
        ("", None, "sq"),
        ("!!!", None, "sq"),
    ],
)
def test_understand_examples(engine: FaqEngine, text: str, expected: str | None, lang: str) -> None:
    result = engine.understand(text)
    assert isinstance(result, Understanding)
    assert (result.id, result.lang) == (expected, lang)
    assert 0.0 <= result.score <= 1.0


def test_cues_of_paying_other_companies_and_banks() -> None:
    from services.faq import cues, situations

    assert cues.already_paid(tokens("e kom pagu faturen"), "sq")
    assert cues.already_paid(tokens("platio sam račun"), "sr")
    assert not cues.already_paid(tokens("sa kom me pagu"), "sq")  # I have to pay
    assert cues.to_pay(tokens("qysh me pagu faturen"), "sq")
    assert not cues.to_pay(tokens("e kom pagu faturen"), "sq")
    assert cues.names_other_company(tokens("numri i ipkos"), "sq")
    assert not cues.names_other_company(tokens("numri i ipkos nuk pranohet ne ekesco"), "sq")
    assert cues.other_company_unchanged(tokens("broj telefona vale"), "sr")
    assert not cues.other_company_unchanged(tokens("novi broj od vale"), "sr")
    assert cues.about_kesco(tokens("KESCO's e-mail address"), "en")
    assert not cues.about_kesco(tokens("change my e-mail in eKesco"), "en")
    assert cues.yours_without_code(tokens("ku mundem me ju gjet"), "sq")
    assert not cues.yours_without_code(tokens("ku e gjeni ju shifren"), "sq")
    assert cues.about_banks(tokens("a ka komision ne bkt"), "sq")
    assert not cues.about_banks(tokens("pagesa me kartele bankare"), "sq")
    assert not cues.about_banks(tokens("pay with a bank card"), "en")
    assert cues.already_paid(tokens("fatura e paguar del e papaguar"), "sq")
    assert cues.links(tokens("shtimi i nje njehsori"), "sq")
    assert cues.reports_problem(tokens("my card is refused"), "en")
    assert cues.about_prices(tokens("how much is a kWh"), "en")
    assert cues.about_prices(tokens("çmimi i rrymës"), "sq")
    assert not cues.about_prices(tokens("how much is my bill"), "en")
    assert situations.about_works(tokens("sa do zgjasin punimet"), "sq")
    assert situations.about_works(tokens("планирани радови"), "sr")
    assert not situations.about_works(tokens("kur vjen rryma"), "sq")
    assert cues.about_banks(tokens("a ka tarifë bankare"), "sq")
    assert cues.changes_own(tokens("si ta ndryshoj emailin"), "sq")
    assert not cues.changes_own(tokens("how can I reach customer care by email"), "en")
    assert cues.no_paying_nor_card(tokens("kyçja dështon"), "sq")
    assert cues.code_by_sms(tokens("kodin me sms s'e kom marr"), "sq")
    assert not cues.no_paying_nor_card(tokens("transaksioni dështoi"), "sq")
    assert not cues.about_banks(tokens("kod tebe"), "sr")
    assert cues.where_is_a_bank(tokens("где је најближа банка"), "sr")
    assert not cues.where_is_a_bank(tokens("ku mund te paguaj ne banke"), "sq")


def test_language_hint_breaks_ties(engine: FaqEngine) -> None:
    assert engine.understand("eKesco", lang_hint="sr").lang == "sr"
    assert engine.understand("eKesco", lang_hint="en").lang == "en"


@pytest.mark.parametrize("lang", ["sq", "en", "sr", "sr-Latn"])
def test_every_topic_has_a_short_answer(engine: FaqEngine, lang: str) -> None:
    for topic in engine.topic_ids:
        answer = engine.answer(topic, lang)
        assert isinstance(answer, FaqAnswer)
        assert 40 <= len(answer.text) <= 600, (topic, lang, len(answer.text))
        for button in answer.buttons:
            assert isinstance(button, FaqButton) and button.label
            assert (button.url is None) != (button.action is None)
            assert button.url is None or button.url.startswith("https://")
        if lang == "sr-Latn":
            assert not any("\u0400" <= c <= "\u04ff" for c in answer.text + str(answer.buttons))


def test_contacts_are_the_official_ones(engine: FaqEngine) -> None:
    for lang in ("sq", "en", "sr"):
        text = engine.answer("contact", lang).text
        assert "0800 791 00" in text and "info@kesco-energy.com" in text


def test_the_contacts_offer_to_talk_to_a_person(engine: FaqEngine) -> None:
    labels = {
        lang: [b.label for b in engine.answer("contact", lang).buttons if b.action == "cmd:human"]
        for lang in ("sq", "en", "sr", "sr-Latn")
    }
    assert labels == {
        "sq": ["Fol me një njeri"],
        "en": ["Talk to a person"],
        "sr": ["Разговор са особом"],
        "sr-Latn": ["Razgovor sa osobom"],
    }


def test_serbian_latin_is_derived_from_cyrillic(engine: FaqEngine) -> None:
    answer = engine.answer("contact", "sr-Latn")
    assert answer.text.startswith("Kol-centar")


@pytest.mark.parametrize("lang", ["sq", "sr"])
def test_answers_follow_the_glossary(lang: str) -> None:
    """The words of locales/glossary.toml: where the English answer says "customer code",
    "call centre", "free of charge", "e-mail"..., the answer in ``lang`` uses the glossary's
    word, and no answer uses a word the glossary avoids ("kodi i konsumatorit", "кол центар",
    "e-mail" in Albanian)."""
    import re
    import tomllib

    from locales.translation import LOCALES_DIR

    glossary = tomllib.loads((LOCALES_DIR / "glossary.toml").read_text(encoding="utf-8"))
    wrong: list[str] = []
    for entry in load_entries():
        texts = [(entry.answers.get("en", ""), entry.answers.get(lang, ""))]
        texts += [(button.labels["en"], button.labels[lang]) for button in entry.buttons]
        for term, rules in glossary.items():
            avoid = rules[lang].get("avoid")
            for english, text in texts:
                if re.search(rules["en"], english, re.IGNORECASE) and not re.search(
                    rules[lang]["use"], text, re.IGNORECASE
                ):
                    wrong.append(f"{entry.id}: {term} lacks /{rules[lang]['use']}/")
                if avoid and re.search(avoid, text, re.IGNORECASE):
                    wrong.append(f"{entry.id}: {term} uses /{avoid}/")
    assert wrong == []


def test_intents_and_unknown_ids_have_no_answer(engine: FaqEngine) -> None:
    with pytest.raises(KeyError):
        engine.answer("intent:bill", "en")
    with pytest.raises(KeyError):
        engine.answer("no-such-topic", "en")
    with pytest.raises(ValueError):
        engine.answer("contact", "de")


def test_button_needs_exactly_one_target() -> None:
    with pytest.raises(ValueError):
        FaqButton(label="x")
    with pytest.raises(ValueError):
        FaqButton(label="x", url="https://a.example", action="cmd:pay")
    with pytest.raises(ValueError):
        FaqButton(label="x", url="tel:080079100")


def test_load_is_cached() -> None:
    assert FaqEngine.load() is FaqEngine.load()


def test_the_knowledge_base_is_written_in_every_catalog_language() -> None:
    from locales.languages import CATALOGS

    for entry in load_entries():
        if entry.kind == "topic":
            assert set(entry.answers) == set(CATALOGS), entry.source
        for button in entry.buttons:
            assert set(button.labels) == set(CATALOGS), entry.source


def test_a_language_not_yet_in_the_knowledge_base_is_answered_in_english(
    tmp_path: Path,
) -> None:
    (tmp_path / "topics").mkdir()
    (tmp_path / "topics" / "contact.toml").write_text(
        'id = "contact"\n[phrases]\nen = ["how do I call you"]\n'
        '[answer]\nen = "Call centre: 0800 791 00 (free of charge)."\n'
        '[[buttons]]\nlabel = { en = "Website" }\nurl = "https://www.kesco-energy.com"\n'
    )
    engine = FaqEngine.load(tmp_path)
    answer = engine.answer("contact", "sq")
    assert answer.text == "Call centre: 0800 791 00 (free of charge)."
    assert [button.label for button in answer.buttons] == ["Website"]


def test_albanian_failures_in_any_ending_and_ne_is_not_a_negation() -> None:
    from services.faq import cues

    assert cues.reports_problem(tokens("pagesat me kartelë po refuzohen"), "sq")
    assert cues.reports_problem(tokens("pagesa ka dështuar"), "sq")
    # Albanian "ne" is "in" or "we"; Serbian "ne" is "not".
    assert not cues.reports_problem(tokens("a paguaj komision ne banke"), "sq")
    assert cues.reports_problem(tokens("ne mogu da platim"), "sr")
