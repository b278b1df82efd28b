"""Reading a place file (docs/places.md): tab-separated, one place a line, columns named by a
header line; ``#`` starts a comment line. Everything is checked when the file is read, and the
first problem stops the start with the file and line it is on: a bad id or level, an id given
twice, a missing name, a Serbian name not in Cyrillic, an unknown parent or a parent of the
wrong level, a district that is not one of KESCO's seven.
"""

from __future__ import annotations

import re
from pathlib import Path

from locales.serbian_script import is_cyrillic
from services.customer_codes import DISTRICTS
from services.places.tree import CASE_FORMS, LEVELS, Place, PlaceTree, check

SHIPPED_FILE = Path(__file__).parent / "data" / "places.tsv"

REQUIRED_COLUMNS = ("id", "level", "parent", "name_sq", "name_sr")
OPTIONAL_COLUMNS = ("name_en", "aliases", *CASE_FORMS, "source")
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
NAMED_IN_SERBIAN = ("district", "municipality")
"""Levels whose places must have a Serbian name (every district and municipality has one)."""


class PlaceFileError(ValueError):
    """A place file that cannot be used: the message names the file and line."""

    def __init__(self, path: Path | str, line: int | None, problem: str) -> None:
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {problem}")
        self.path = str(path)
        self.line = line
        self.problem = problem


def load_tree(path: Path | str | None = None) -> PlaceTree:
    """The tree of the place file at ``path`` (the shipped one by default)."""
    return PlaceTree(load_places(path))


def load_places(path: Path | str | None = None) -> list[Place]:
    """Every place of the file at ``path``, checked (:class:`PlaceFileError` otherwise)."""
    file = Path(path) if path else SHIPPED_FILE
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise PlaceFileError(file, None, f"cannot be read ({error})") from error
    return parse_places(text, file)


def parse_places(text: str, path: Path | str = "<places>") -> list[Place]:
    """The places in ``text`` (the contents of the place file ``path``), checked."""
    header: list[str] | None = None
    places: dict[str, Place] = {}
    lines: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        cells = [cell.strip() for cell in raw.split("\t")]
        if header is None:
            header = _header(cells, path, number)
            continue
        if len(cells) > len(header):
            raise PlaceFileError(
                path, number, f"{len(cells)} columns, but the header names {len(header)}"
            )
        row = dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=True))
        place = _place(row, path, number)
        if place.id in places:
            raise PlaceFileError(
                path, number, f"id {place.id!r} is already used on line {lines[place.id]}"
            )
        places[place.id] = place
        lines[place.id] = number
    if header is None:
        raise PlaceFileError(path, None, "no header line (id, level, parent, name_sq, ...)")
    for place_id, problem in check(places.values(), places):
        raise PlaceFileError(path, lines[place_id], problem)
    districts = {place.id for place in places.values() if place.level == "district"}
    missing = [code for code in DISTRICTS if code not in districts]
    if missing:
        raise PlaceFileError(path, None, f"the districts {', '.join(missing)} are missing")
    return list(places.values())


def _header(cells: list[str], path: Path | str, number: int) -> list[str]:
    names = [cell.lower() for cell in cells]
    missing = [column for column in REQUIRED_COLUMNS if column not in names]
    if missing:
        raise PlaceFileError(path, number, f"the header lacks {', '.join(missing)}")
    unknown = [n for n in names if n not in REQUIRED_COLUMNS and n not in OPTIONAL_COLUMNS]
    if unknown:
        raise PlaceFileError(path, number, f"unknown columns: {', '.join(unknown)}")
    if len(set(names)) != len(names):
        raise PlaceFileError(path, number, "a column is named twice")
    return names


def _place(row: dict[str, str], path: Path | str, number: int) -> Place:
    place_id, level = row["id"], row["level"].lower()
    if not ID_PATTERN.match(place_id):
        raise PlaceFileError(
            path, number, f"bad id {place_id!r} (letters, digits, '-', '_', '.'; up to 64)"
        )
    if level not in LEVELS:
        raise PlaceFileError(
            path, number, f"bad level {row['level']!r} for {place_id} (one of {', '.join(LEVELS)})"
        )
    if level == "district" and place_id not in DISTRICTS:
        raise PlaceFileError(
            path, number, f"district {place_id!r} is not one of {', '.join(DISTRICTS)}"
        )
    if not row["name_sq"]:
        raise PlaceFileError(path, number, f"missing name: {place_id} has no name_sq")
    serbian = row["name_sr"]
    if not serbian and level in NAMED_IN_SERBIAN:
        raise PlaceFileError(path, number, f"missing name: the {level} {place_id} has no name_sr")
    for column in ("name_sr", "sr_gen", "sr_loc"):
        if row.get(column) and not is_cyrillic(row[column]):
            raise PlaceFileError(
                path, number, f"{column} of {place_id} must be in Cyrillic: {row[column]!r}"
            )
    names = {"sq": row["name_sq"]}
    if serbian:
        names["sr"] = serbian
    if row.get("name_en"):
        names["en"] = row["name_en"]
    aliases = tuple(alias.strip() for alias in row.get("aliases", "").split("|") if alias.strip())
    forms = {form: row[form] for form in CASE_FORMS if row.get(form)}
    return Place(
        place_id, level, row["parent"] or None, names, aliases, forms, row.get("source", "")
    )
