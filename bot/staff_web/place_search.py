"""Places as staff pick them (issue 23): search-as-you-type over every place of the place tree,
at any level, limited to the districts the staff member may act in, each place named in the
page's language with the place it is in ("Bresje · Fushë Kosovë") and its level in words.

The compose and update forms use it twice: the page's script asks ``/staff/places?q=`` (JSON,
the same search as the staff API's ``GET /api/v1/places?q=``) as the person types; without
JavaScript, the form's *Search* button posts the form and the page lists the matches with
checkboxes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from locales.i18n import N_, _, current_language
from services.places.in_use import place_tree
from services.places.names import find
from services.places.tree import Place, PlaceTree
from services.staff.accounts import Principal

MAX_QUERY = 100
LEVEL_WORDS = {
    "district": N_("district"),
    "municipality": N_("municipality"),
    "settlement": N_("village"),
    "neighbourhood": N_("neighbourhood"),
    "street": N_("street"),
}


@dataclass(frozen=True)
class PlaceChoice:
    """A place as the forms show it: its name and the name of the place it is in, in the
    page's language, its level in words, and its district."""

    id: str
    level: str
    name: str
    parent_name: str
    district: str | None

    @property
    def label(self) -> str:
        """``Bresje · Fushë Kosovë`` (a district: its name alone)."""
        return f"{self.name} · {self.parent_name}" if self.parent_name else self.name

    @property
    def level_word(self) -> str:
        return _(LEVEL_WORDS[self.level]) if self.level in LEVEL_WORDS else self.level

    def json(self) -> dict[str, str | None]:
        return {
            "id": self.id,
            "level": self.level,
            "level_word": self.level_word,
            "name": self.name,
            "parent_name": self.parent_name,
            "label": self.label,
            "district": self.district,
        }


def choice(place: Place, tree: PlaceTree) -> PlaceChoice:
    language = current_language()
    parent = tree.get(place.parent) if place.parent else None
    return PlaceChoice(
        place.id,
        place.level,
        place.plain_name(language),
        parent.plain_name(language) if parent else "",
        tree.district_of(place.id),
    )


def choices(place_ids: Iterable[str], tree: PlaceTree | None = None) -> list[PlaceChoice]:
    """The known ones of ``place_ids``, in their order (an unknown id is left out)."""
    tree = tree or place_tree()
    return [choice(place, tree) for place_id in place_ids if (place := tree.get(place_id))]


def label_of(place_id: str) -> str:
    """A place's label, or its id when it is not known."""
    found = choices([place_id])
    return found[0].label if found else place_id


def search(query: str, principal: Principal, limit: int = 12) -> list[PlaceChoice]:
    """The places ``query`` names (any language, script, spelling; a name still being typed),
    best first, in the districts ``principal`` may act in."""
    query = query.strip()[:MAX_QUERY]
    if not query:
        return []
    tree = place_tree()
    found = []
    for match in find(query, limit * 3, tree):
        district = tree.district_of(match.place.id)
        if district is not None and principal.may_act_in(district):
            found.append(choice(match.place, tree))
        if len(found) == limit:
            break
    return found
