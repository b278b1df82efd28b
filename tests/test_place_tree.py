"""The place hierarchy: the shipped data (every municipality, every old area id), the tree's
questions, and the place file's checks, each naming the line it found the problem on."""

from __future__ import annotations

from pathlib import Path

import pytest

from locales.grammar import Sentence
from services.areas import all_areas, district_name, get_area
from services.customer_codes import DISTRICTS
from services.places.in_use import place_tree, use_file
from services.places.loader import PlaceFileError, load_tree, parse_places
from services.places.tree import PlaceError, PlaceTree

HEADER = "id\tlevel\tparent\tname_sq\tname_sr\tsq_in\tsr_gen\tsr_loc\n"
DISTRICT_ROWS = "".join(f"{code}\tdistrict\t\t{code}\tД\t\t\t\n" for code in DISTRICTS)
LAW_MUNICIPALITIES = 38
OLD_AREAS = [
    "dardania",
    "ulpiana",
    "kodra-e-diellit",
    "fushe-kosove",
    "podujeve",
    "lipjan",
    "obiliq",
    "gracanice",
    "mitrovice-jug",
    "mitrovice-veri",
    "vushtrri",
    "skenderaj",
    "zvecan",
    "leposaviq",
    "peje",
    "istog",
    "kline",
    "decan",
    "prizren",
    "suhareke",
    "dragash",
    "malisheve",
    "ferizaj",
    "shterpce",
    "kacanik",
    "hani-i-elezit",
    "gjilan",
    "kamenice",
    "viti",
    "novoberde",
    "qendra",
    "rahovec",
    "junik",
    "cabrat",
]


@pytest.fixture(autouse=True)
def _shipped_file() -> object:
    yield
    use_file(None)


def test_the_shipped_file_has_every_district_and_all_38_municipalities() -> None:
    tree = load_tree()
    assert [p.id for p in tree.of_level("district")] == list(DISTRICTS)
    municipalities = tree.of_level("municipality")
    assert len(municipalities) == LAW_MUNICIPALITIES
    assert all(
        p.names.get("sr") and p.forms.keys() >= {"sq_in", "sr_gen", "sr_loc"}
        for p in municipalities
    )
    assert all(place.source for place in tree.all())  # every row names where it came from
    for area_id in OLD_AREAS:  # every old area id is still a place, in the same district
        assert area_id in tree, area_id
        assert get_area(area_id) is not None
    assert tree.get("dardania").parent == "prishtine"  # type: ignore[union-attr]
    assert tree.get("qendra").parent == "gjakove"  # type: ignore[union-attr]
    assert get_area("decan").district == "DPE" and get_area("novoberde").district == "DGL"  # type: ignore[union-attr]


def test_ancestors_descendants_children() -> None:
    tree = place_tree()
    assert tree.ancestors("isniq") == ["isniq", "decan", "DPE"]
    assert tree.ancestors("DPE") == ["DPE"] and tree.ancestors("nowhere") == []
    assert tree.descendants("decan") >= {"decan", "isniq", "strellc-i-eperm"}
    assert "peje" not in tree.descendants("decan")
    assert tree.descendants("isniq") == {"isniq"}
    assert "dardania" in tree.descendants("DPR")
    assert [p.id for p in tree.children("gjakove")] == ["qendra", "cabrat"]
    assert tree.district_of("ulpiana") == "DPR"
    assert tree.up_to("ulpiana", "municipality").id == "prishtine"  # type: ignore[union-attr]


def test_areas_stay_a_view_with_names_in_every_language() -> None:
    assert district_name("DGL", "sr-Latn") == "Gnjilane"
    assert all_areas()["drenas"].name("sr") == "Глоговац"
    assert all_areas()["hani-i-elezit"].name("sq").following("në") == "Han të Elezit"
    assert "isniq" not in all_areas()  # villages are places, not areas


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("sq", "në fshatin Isniq"),
        ("sr", "у насељу Isniq"),
        ("sr-Latn", "u naselju Isniq"),
        ("en", "in Isniq"),
    ],
)
def test_a_village_without_case_forms_still_reads_grammatically(
    language: str, sentence: str
) -> None:
    place = place_tree().get("isniq")
    assert place is not None
    preposition = sentence.split()[0]
    text = Sentence(preposition + " {place}").format(place=place.name(language))
    assert text == sentence


def test_a_neighbourhood_with_its_own_forms_uses_them() -> None:
    bregu = place_tree().get("bregu-i-diellit")
    assert bregu is not None
    assert bregu.name("sq").following("në") == "Bregun e Diellit"
    assert bregu.name("sr").following("на") == "Сунчаном Брегу"


def _file(tmp_path: Path, rows: str) -> Path:
    path = tmp_path / "places.tsv"
    path.write_text("# KESCO's places\n" + HEADER + DISTRICT_ROWS + rows, encoding="utf-8")
    return path


FIRST_ROW = 3 + len(DISTRICTS)  # a comment, the header, the districts


@pytest.mark.parametrize(
    ("rows", "line", "words"),
    [
        ("a\tmunicipality\tNOPE\tA\tА\n", FIRST_ROW, "unknown parent 'NOPE'"),
        (
            "a\tmunicipality\tDPR\tA\tА\na\tmunicipality\tDPR\tB\tБ\n",
            FIRST_ROW + 1,
            f"'a' is already used on line {FIRST_ROW}",
        ),
        ("a\tvillage\tDPR\tA\tА\n", FIRST_ROW, "bad level 'village'"),
        ("a\tmunicipality\tDPR\t\tА\n", FIRST_ROW, "missing name"),
        ("a\tmunicipality\tDPR\tA\t\n", FIRST_ROW, "missing name"),
        ("a\tmunicipality\tDPR\tA\tA\n", FIRST_ROW, "must be in Cyrillic"),
        (
            "a\tmunicipality\tDPR\tA\tА\nb\tsettlement\tDPR\tB\t\n",
            FIRST_ROW + 1,
            "cannot hang under DPR (a district)",
        ),
        ("s\tstreet\ta\tS\t\na\tmunicipality\tDPR\tA\tА\n", None, None),  # parent below: fine
        ("a\tmunicipality\t\tA\tА\n", FIRST_ROW, "needs a parent"),
        ("XX\tdistrict\t\tX\tХ\n", FIRST_ROW, "not one of DPR"),
        ("bad id\tmunicipality\tDPR\tA\tА\n", FIRST_ROW, "bad id"),
        ("a\tmunicipality\tDPR\tA\tА\textra\textra\textra\textra\n", FIRST_ROW, "columns"),
    ],
)
def test_each_problem_of_a_place_file_names_the_file_and_line(
    tmp_path: Path, rows: str, line: int | None, words: str | None
) -> None:
    path = _file(tmp_path, rows)
    if words is None:
        assert len(load_tree(path)) == len(DISTRICTS) + 2
        return
    with pytest.raises(PlaceFileError) as raised:
        load_tree(path)
    assert raised.value.line == line
    assert str(raised.value).startswith(f"{path}:{line}: ")
    assert words in str(raised.value)


def test_a_file_without_a_district_or_header_is_refused() -> None:
    with pytest.raises(PlaceFileError, match="the districts DGJ are missing"):
        parse_places(HEADER + DISTRICT_ROWS.replace("DGJ\t", "# DGJ\t"), "kesco.tsv")
    with pytest.raises(PlaceFileError, match="kesco.tsv:1: the header lacks name_sr"):
        parse_places("id\tlevel\tparent\tname_sq\n", "kesco.tsv")


def test_kesco_places_file_replaces_the_shipped_one(tmp_path: Path) -> None:
    path = _file(tmp_path, "a\tmunicipality\tDPR\tAlfa\tАлфа\nv\tsettlement\ta\tVeri\t\n")
    tree = use_file(str(path))
    assert place_tree() is tree and len(tree) == len(DISTRICTS) + 2
    assert tree.get("v").name("sr").following("у") == "насељу Veri"  # type: ignore[union-attr]
    with pytest.raises(PlaceFileError):
        use_file(str(tmp_path / "missing.tsv"))


def test_a_tree_refuses_a_place_that_does_not_fit() -> None:
    places = place_tree().all()
    stray = places[0].__class__("x", "settlement", "DPR", {"sq": "X"})
    with pytest.raises(PlaceError, match="cannot hang under DPR"):
        PlaceTree([*places, stray])
