"""The districts' areas, by id, with their names in the bot's languages."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from locales import languages
from services.customer_codes import DISTRICTS

AREAS_FILE = Path(__file__).parent / "data" / "areas.toml"


@dataclass(frozen=True)
class Area:
    """An area of a district that outages and planned works name."""

    id: str
    district: str
    names: dict[str, str]

    def name(self, language: str) -> str:
        base = languages.catalog_of(language)
        if base in self.names:
            return languages.in_script(language, self.names[base])
        return self.names[languages.FALLBACK]


@cache
def all_areas() -> dict[str, Area]:
    """Every known area by id."""
    with AREAS_FILE.open("rb") as handle:
        data = tomllib.load(handle)
    areas: dict[str, Area] = {}
    for district, entries in data.items():
        if district not in DISTRICTS:
            raise ValueError(f"{AREAS_FILE}: unknown district {district}")
        for area_id, names in entries.items():
            if area_id in areas:
                raise ValueError(f"{AREAS_FILE}: area id {area_id} appears twice")
            areas[area_id] = Area(area_id, district, dict(names))
    return areas


def areas_of(district: str) -> list[Area]:
    return [area for area in all_areas().values() if area.district == district]


def get_area(area_id: str) -> Area | None:
    return all_areas().get(area_id)
