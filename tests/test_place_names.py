"""Places by the names people type: real spellings (any language, script, no diacritics, the
other language's name, declined, typos) to the right place; a sentence to the places it names;
a name several places share to all of them."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.places.loader import load_tree
from services.places.names import find, named_in

SPELLINGS = [
    ("fush kosov", "fushe-kosove"),
    ("Fushë Kosovë", "fushe-kosove"),
    ("fushe kosova", "fushe-kosove"),
    ("kosovo polje", "fushe-kosove"),
    ("Косово Поље", "fushe-kosove"),
    ("bregu i diellit", "bregu-i-diellit"),
    ("Bregun e Diellit", "bregu-i-diellit"),
    ("sunny hill", "kodra-e-diellit"),
    ("prishtine", "prishtine"),
    ("pristina", "prishtine"),
    ("Priština", "prishtine"),
    ("Приштина", "prishtine"),
    ("prishitna", "prishtine"),  # two letters swapped
    ("ferizaj", "ferizaj"),
    ("urosevac", "ferizaj"),
    ("Урошевац", "ferizaj"),
    ("ferizj", "ferizaj"),  # a letter missing
    ("gllogoc", "drenas"),
    ("drenas", "drenas"),
    ("glogovac", "drenas"),
    ("podujevo", "podujeve"),
    ("besiana", "podujeve"),
    ("gracanica", "gracanice"),
    ("Gračanica", "gracanice"),
    ("mitrovica e jugut", "mitrovice-jug"),
    ("severna mitrovica", "mitrovice-veri"),
    ("djakovica", "gjakove"),
    ("Ђаковица", "gjakove"),
    ("hani elezit", "hani-i-elezit"),
    ("Đeneral Janković", "hani-i-elezit"),
    ("strelc i eperm", "strellc-i-eperm"),
    ("isniq", "isniq"),
    ("shterpce", "shterpce"),
    ("Štrpce", "shterpce"),
    ("dardanija", "dardania"),
    ("arberia", "dragodan"),
    ("suva reka", "suhareke"),
    ("theranda", "suhareke"),
    ("vitina", "viti"),
    ("novo brdo", "novoberde"),
]


@pytest.mark.parametrize(("typed", "place_id"), SPELLINGS)
def test_a_spelling_people_type_finds_the_place(typed: str, place_id: str) -> None:
    found = [match.place.id for match in find(typed, 5)]
    assert place_id in found[:2], found
    assert found[0] == place_id or found[0] == _district_of(place_id), found


def _district_of(place_id: str) -> str | None:
    from services.places.in_use import place_tree

    return place_tree().district_of(place_id)


def test_the_beginning_of_a_name_finds_it_while_typing() -> None:
    assert [m.place.id for m in find("prisht", 5)][:2] == ["DPR", "prishtine"]
    assert "bregu-i-diellit" in [m.place.id for m in find("bregu i di", 5)]
    assert find("strellc", 5, level="settlement")[0].place.level == "settlement"
    assert find("", 5) == [] and find("xyzzy qwerty", 5) == []


def test_a_name_several_places_share_gives_them_all() -> None:
    mitrovica = [m.place.id for m in find("Mitrovica", 5)]
    assert mitrovica[:3] == ["DMI", "mitrovice-jug", "mitrovice-veri"]
    assert {m.place.id for m in find("strellc", 5)} == {"strellc-i-eperm", "strellc-i-ulet"}
    assert {m.place.id for m in find("Сунчани Брег", 5)} == {"kodra-e-diellit", "bregu-i-diellit"}


def test_two_villages_of_one_name_in_two_municipalities(tmp_path: Path) -> None:
    shipped = (Path(__file__).parents[1] / "services/places/data/places.tsv").read_text()
    path = tmp_path / "kesco.tsv"
    path.write_text(
        shipped
        + "bresalc-gjilan\tsettlement\tgjilan\tBresalc\t\n"
        + "bresalc-viti\tsettlement\tviti\tBresalc\t\n",
        encoding="utf-8",
    )
    tree = load_tree(path)
    assert {m.place.id for m in find("bresalc", 5, tree)} == {"bresalc-gjilan", "bresalc-viti"}
    assert {m.place.id for m in named_in("nuk ka drita ne Bresalc", tree)} == {
        "bresalc-gjilan",
        "bresalc-viti",
    }


@pytest.mark.parametrize(
    ("sentence", "places"),
    [
        ("s'ka rrymë në Bregun e Diellit", ["bregu-i-diellit"]),
        ("nema struje u Kosovu Polju", ["fushe-kosove"]),
        ("fush kosov pa drita", ["fushe-kosove"]),
        ("nema struje u Uroševcu od jutros", ["ferizaj"]),
        ("a ka rryme ne Mitrovice te Jugut", ["mitrovice-jug"]),
        ("ska drita ne Prishtine dhe ne Ulpiane", ["prishtine", "ulpiana"]),
        ("no power in Gjilan since the morning", ["gjilan"]),
        ("нема струје у Грачаници", ["gracanice"]),
        ("sot nuk ka rrymë", []),
        ("kam problem me faturen e vitit", []),  # "vitit" (of the year) is not Viti
        ("nema struje", []),
    ],
)
def test_the_places_a_sentence_names(sentence: str, places: list[str]) -> None:
    assert [match.place.id for match in named_in(sentence)] == places
