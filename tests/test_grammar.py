"""Texts as a native speaker writes them (issue 22): every message of the catalogs that puts a
date or a place after a preposition, with every place and in every language, takes the case
the preposition asks for (Serbian genitive after од/до, locative after у/на; Albanian places
after "në", weekdays after "nga" and "deri"), from one place (``locales/grammar.py``)."""

from __future__ import annotations

import re
import string
from datetime import UTC, datetime, timedelta

import pytest
from babel.messages.pofile import read_po

from locales import languages
from locales.cases import SR_MONTHS_GENITIVE, SR_WEEKDAYS
from locales.grammar import Inflected, Sentence, joined
from locales.translation import LOCALES_DIR, translate
from services.alerts.event_types import outage_restored, outage_started, planned_work_scheduled
from services.alerts.texts import area_names, when
from services.areas import CASE_FORMS, _checked, all_areas, places

DATE_FIELDS = {"time", "start", "end", "updated", "date", "since", "until"}
PLACE_FIELDS = {"areas", "area", "district", "place"}
# A week of days, so that every weekday's forms are tried.
MOMENTS = [datetime(2026, 12, 7, 13, 5, tzinfo=UTC) + timedelta(days=n) for n in range(7)]
SR_NOMINATIVE_MONTHS = (
    "јануар",
    "фебруар",
    "март",
    "април",
    "мај",
    "јун",
    "јул",
    "август",
    "септембар",
    "октобар",
    "новембар",
    "децембар",
)


def _messages_with(fields: set[str]) -> list[str]:
    with (LOCALES_DIR / "en" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle)
    found = []
    for message in catalog:
        msgid = message.id if isinstance(message.id, str) else message.id[0]
        names = {name for _, name, _, _ in string.Formatter().parse(msgid) if name}
        if msgid and names & fields:
            found.append(msgid)
    return found


def _fill(msgid: str, language: str, place_ids: list[str], moment: datetime) -> str:
    names = {name for _, name, _, _ in string.Formatter().parse(msgid) if name}
    values: dict[str, object] = {}
    for name in names:
        if name in DATE_FIELDS:
            values[name] = when(moment, language)
        elif name in PLACE_FIELDS:
            values[name] = area_names(place_ids, language)
        else:
            values[name] = "X"
    return translate(msgid, language).format(**values)


def _sr_mistakes(text: str) -> list[str]:
    cyrillic = languages.in_script("sr", text)
    mistakes = []
    weekdays = "|".join(SR_WEEKDAYS)
    months = "|".join(SR_NOMINATIVE_MONTHS)
    for preposition in ("од", "до", "пре", "после"):
        if re.search(rf"(?<!\w){preposition} ({weekdays})\b", cyrillic):
            mistakes.append(f"nominative weekday after {preposition}")
    for preposition in ("од", "до", "пре", "после", "у"):
        if re.search(rf"(?<!\w){preposition} \w+, \d+\. ({months})\b", cyrillic):
            mistakes.append(f"nominative month after {preposition}")
    return mistakes


def _places_after(text: str, language: str, prepositions: tuple[str, ...]) -> list[str]:
    """Names in their plain form right after one of ``prepositions``, where another is due."""
    mistakes = []
    for area in all_areas().values():
        name = area.name(language)
        assert isinstance(name, Inflected)
        for preposition in prepositions:
            word = languages.in_script(language, preposition)
            form = name.following(word)
            if form != name and re.search(rf"(?<!\w){re.escape(word)} {re.escape(name)}\b", text):
                mistakes.append(f"{word} {name} (not {word} {form})")
    return mistakes


@pytest.mark.parametrize("language", languages.CODES)
def test_every_message_with_a_date_or_a_place_is_declined(language: str) -> None:
    mistakes: list[str] = []
    areas = list(all_areas())
    for msgid in _messages_with(DATE_FIELDS | PLACE_FIELDS):
        for index, moment in enumerate(MOMENTS):
            place = areas[index :: len(MOMENTS)]  # every place, a day each
            for area in place:
                text = _fill(msgid, language, [area], moment)
                if languages.catalog_of(language) == "sr":
                    mistakes += [f"{m}: {text}" for m in _sr_mistakes(text)]
                    mistakes += _places_after(text, language, ("у", "на", "из", "од", "до"))
                if language == "sq":
                    mistakes += _places_after(text, language, ("në",))
                    if re.search(r"\bderi (më )?e ", text) or re.search(r"\bnga e \w+ë,", text):
                        mistakes.append(f"weekday form after deri/nga: {text}")
    assert mistakes == []


def test_outage_alerts_read_as_a_native_speaker_writes_them() -> None:
    monday = datetime(2026, 12, 7, 13, 5, tzinfo=UTC)
    started = outage_started.message(["dardania", "qendra"], monday, None, None)
    assert "од понедељка, 7. децембра, 14:05" in started["sr"][0]
    assert "od ponedeljka, 7. decembra, 14:05" in started["sr-Latn"][0]
    assert "në Dardani, Qendër" in started["sq"][0]
    assert "që nga e hëna, 7 dhjetor" in started["sq"][0]
    assert "in Dardania, City centre since Monday, 7 December, 14:05" in started["en"][0]
    back = outage_restored.message(["kodra-e-diellit"], monday)
    assert "У Сунчаном Брегу поново има струје од понедељка, 7. децембра" in back["sr"][0]
    assert "у Дарданији, Центру од понедељка" in started["sr"][0]
    assert "në Kodrën e Diellit" in back["sq"][0]
    work = planned_work_scheduled.message(["hani-i-elezit"], monday, monday + timedelta(days=1), {})
    assert "од понедељка, 7. децембра, 14:05 до уторка, 8. децембра, 14:05" in work["sr"][0]
    assert "në Han të Elezit" in work["sq"][0]
    assert "deri të martën, 8 dhjetor, 14:05" in work["sq"][0]


def test_every_place_has_its_forms() -> None:
    for names in [*places().districts.values(), *(a.names for a in all_areas().values())]:
        assert all(names.get(form) for form in CASE_FORMS), names
    with pytest.raises(ValueError, match="area nowhere lacks sq_in, sr_loc"):
        _checked({"sq": "Askund", "en": "Nowhere", "sr": "Нигде", "sr_gen": "x"}, "area nowhere")


def test_a_sentence_declines_only_right_after_the_preposition() -> None:
    place = Inflected("Дарданија", {"у": "Дарданији"})
    assert Sentence("у {p}").format(p=place) == "у Дарданији"
    assert Sentence("У {p}!").format(p=place) == "У Дарданији!"  # any case of the word
    assert Sentence("у: {p}").format(p=place) == "у: Дарданија"  # not right after it
    assert Sentence("{p}, у {0}").format(place, p=place) == "Дарданија, у Дарданији"
    assert Sentence("у {} {n:>3}").format(place, n=7) == "у Дарданији   7"
    assert Sentence("у {p!r}").format(p=place) == "у 'Дарданији'"
    assert Sentence("у {p}").format(p="plain") == "у plain"
    both = joined([place, Inflected("Центар", {"у": "Центру"}), "Нова"])
    assert Sentence("у {p}").format(p=both) == "у Дарданији, Центру, Нова"
    assert str(both) == "Дарданија, Центар, Нова"


def test_months_and_weekdays_have_every_form() -> None:
    assert len(SR_MONTHS_GENITIVE) == 12 and len(SR_WEEKDAYS) == 7
    sunday = datetime(2026, 12, 13, 13, 0, tzinfo=UTC)
    assert Sentence("од {t}").format(t=when(sunday, "sr")) == "од недеље, 13. децембра, 14:00"
    assert Sentence("у {t}").format(t=when(sunday, "sr")) == "у недељу, 13. децембра, 14:00"
    assert Sentence("do {t}").format(t=when(sunday, "sr-Latn")) == "do nedelje, 13. decembra, 14:00"
    assert Sentence("nga {t}").format(t=when(sunday, "sq")) == "nga e diela, 13 dhjetor, 14:00"
