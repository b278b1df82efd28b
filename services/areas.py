"""Place names: KESCO's districts and their areas, with their names in the bot's languages.

One table (``services/data/areas.toml``) gives each district and area its Albanian, English and
Serbian (Cyrillic) name; Serbian Latin is derived. The district picker, alerts, ``/outages``
and the staff page all take names from here.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from locales import languages
from locales.grammar import Inflected
from services.customer_codes import DISTRICTS

AREAS_FILE = Path(__file__).parent / "data" / "areas.toml"


CASE_FORMS = ("sq_in", "sr_gen", "sr_loc")
"""The forms every place name gives besides its names (see the table's header)."""
_AFTER = {
    "sq_in": ("në",),
    "sr_gen": ("из", "од", "до", "код", "близу", "преко"),
    "sr_loc": ("у", "на", "о"),
}


def _in(names: dict[str, str], language: str) -> str:
    """The name in ``language``, with its forms after prepositions (:mod:`locales.grammar`)."""
    base = languages.catalog_of(language)
    if base not in names:
        return names[languages.FALLBACK]
    after = {
        languages.in_script(language, word): languages.in_script(language, names[form])
        for form, words in _AFTER.items()
        if form.startswith(base + "_") and form in names
        for word in words
    }
    return Inflected(languages.in_script(language, names[base]), after)


def _checked(names: dict[str, str], where: str) -> dict[str, str]:
    missing = [form for form in CASE_FORMS if not names.get(form)]
    if missing:
        raise ValueError(f"{AREAS_FILE}: {where} lacks {', '.join(missing)}")
    return names


@dataclass(frozen=True)
class Area:
    """An area of a district that outages and planned works name."""

    id: str
    district: str
    names: dict[str, str]

    def name(self, language: str) -> str:
        return _in(self.names, language)


@dataclass(frozen=True)
class Places:
    """Every district's name and every area, as read from the table."""

    districts: dict[str, dict[str, str]]
    areas: dict[str, Area]


@cache
def places() -> Places:
    with AREAS_FILE.open("rb") as handle:
        data = tomllib.load(handle)
    districts = {
        code: _checked(dict(names), f"district {code}")
        for code, names in data.pop("districts").items()
    }
    if set(districts) != set(DISTRICTS):
        raise ValueError(f"{AREAS_FILE}: [districts] must name exactly {', '.join(DISTRICTS)}")
    areas: dict[str, Area] = {}
    for district, entries in data.items():
        if district not in DISTRICTS:
            raise ValueError(f"{AREAS_FILE}: unknown district {district}")
        for area_id, names in entries.items():
            if area_id in areas:
                raise ValueError(f"{AREAS_FILE}: area id {area_id} appears twice")
            areas[area_id] = Area(area_id, district, _checked(dict(names), f"area {area_id}"))
    return Places(districts, areas)


def all_areas() -> dict[str, Area]:
    """Every known area by id."""
    return places().areas


def areas_of(district: str) -> list[Area]:
    return [area for area in all_areas().values() if area.district == district]


def get_area(area_id: str) -> Area | None:
    return all_areas().get(area_id)


def district_name(code: str, language: str) -> str:
    """The name of district ``code`` (``DPR``) in ``language``; the code itself if unknown."""
    names = places().districts.get(code)
    return _in(names, language) if names else code
