"""The place hierarchy: districts, municipalities, settlements, neighbourhoods and streets.

A :class:`Place` is one node (frozen); a :class:`PlaceTree` holds every place and answers the
questions matching and messages ask: a place by id, its children, its ancestors up to the
district, everything under it, every place of a level. :func:`place_tree` is the tree in use:
the place file (the shipped one, or ``KESCO_PLACES_FILE``) with the admins' edits from the
database laid over it (:mod:`services.places.live`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from locales import languages
from locales.grammar import Inflected

LEVELS = ("district", "municipality", "settlement", "neighbourhood", "street")
"""Every level, coarsest first."""

PARENT_LEVELS: Mapping[str, tuple[str, ...]] = {
    "district": (),
    "municipality": ("district",),
    "settlement": ("municipality",),
    "neighbourhood": ("municipality", "settlement"),
    "street": ("municipality", "settlement", "neighbourhood"),
}
"""The levels a place of each level may hang under (a district has no parent)."""

NAME_LANGUAGES = ("sq", "sr", "en")
CASE_FORMS = ("sq_in", "sr_gen", "sr_loc")
"""The forms a name may give after prepositions: Albanian after "në" ("në Kodrën e Diellit"),
Serbian genitive ("из Дарданије") and locative ("у Дарданији")."""

_AFTER: Mapping[str, tuple[str, ...]] = {
    "sq_in": ("në",),
    "sr_gen": ("из", "од", "до", "код", "близу", "преко"),
    "sr_loc": ("у", "о"),
}
_SR_LOC_ALSO = ("на",)
"""Serbian "на" takes the locative too, but only a place's own form reads right after it ("на
Сунчаном Брегу"); "на насељу X" does not, so a generic form is never used there."""

_GENERIC: Mapping[str, Mapping[str, str]] = {
    # What a place without its own case forms reads as after a preposition: "në fshatin Isniq",
    # "у насељу Isniq", "из насеља Isniq". Districts and municipalities keep their plain name.
    "settlement": {"sq_in": "fshatin {}", "sr_gen": "насеља {}", "sr_loc": "насељу {}"},
    "neighbourhood": {"sq_in": "lagjen {}", "sr_gen": "насеља {}", "sr_loc": "насељу {}"},
    "street": {"sq_in": "rrugën {}", "sr_gen": "улице {}", "sr_loc": "улици {}"},
}


@dataclass(frozen=True)
class Place:
    """One place: its id (public: events, backends and follows name it), level, parent id (None
    for a district), names (``sq`` always; ``sr`` in Cyrillic and ``en`` where known), the other
    spellings people use, and its case forms where known."""

    id: str
    level: str
    parent: str | None
    names: Mapping[str, str]
    aliases: tuple[str, ...] = ()
    forms: Mapping[str, str] = field(default_factory=dict)
    source: str = ""

    def __hash__(self) -> int:
        return hash(self.id)

    def plain_name(self, language: str) -> str:
        """The name in ``language`` (its script), without case forms: the Albanian name where
        the place has none in that language."""
        base = languages.catalog_of(language)
        return languages.in_script(language, self.names.get(base) or self.names["sq"])

    def name(self, language: str) -> str:
        """The name in ``language`` with its forms after prepositions (:mod:`locales.grammar`):
        its own case forms where known, else a grammatical phrase for its level."""
        base = languages.catalog_of(language)
        own = self.names.get(base)
        text = own or self.names["sq"]
        generic = _GENERIC.get(self.level, {})
        after: dict[str, str] = {}
        for form, words in _AFTER.items():
            if not form.startswith(base + "_"):
                continue
            value = self.forms.get(form) if own or base == "sq" else None
            if value is None and form in generic:
                value = generic[form].format(text)
            if value is None:
                continue
            extra = _SR_LOC_ALSO if form == "sr_loc" and form in self.forms and own else ()
            for word in (*words, *extra):
                after[languages.in_script(language, word)] = languages.in_script(language, value)
        return Inflected(languages.in_script(language, text), after)


class PlaceError(ValueError):
    """A place that cannot join the tree (unknown parent, parent of a wrong level, ...)."""


class PlaceTree:
    """Every place, by id, with its children in the order they were given."""

    def __init__(self, places: Iterable[Place], version: int = 0) -> None:
        """``places`` must form a tree (:func:`check` says why not); ``version``: the number of
        the admins' edits laid over the file (0: the file alone)."""
        self._places: dict[str, Place] = {}
        for place in places:
            self._places[place.id] = place
        problems = check(self._places.values(), self._places)
        if problems:
            raise PlaceError(problems[0][1])
        self._children: dict[str, list[str]] = {pid: [] for pid in self._places}
        for place in self._places.values():
            if place.parent is not None:
                self._children[place.parent].append(place.id)
        self.version = version

    def __len__(self) -> int:
        return len(self._places)

    def __contains__(self, place_id: object) -> bool:
        return place_id in self._places

    def get(self, place_id: str) -> Place | None:
        return self._places.get(place_id)

    def all(self) -> list[Place]:
        """Every place, in the order given."""
        return list(self._places.values())

    def of_level(self, level: str) -> list[Place]:
        return [place for place in self._places.values() if place.level == level]

    def children(self, place_id: str) -> list[Place]:
        return [self._places[child] for child in self._children.get(place_id, ())]

    def ancestors(self, place_id: str) -> list[str]:
        """``place_id`` itself first, then its parent, ... up to its district; [] if unknown."""
        chain: list[str] = []
        current = self._places.get(place_id)
        while current is not None:
            chain.append(current.id)
            current = self._places.get(current.parent) if current.parent else None
        return chain

    def descendants(self, place_id: str) -> set[str]:
        """``place_id`` itself and every place under it; empty if unknown."""
        if place_id not in self._places:
            return set()
        found: set[str] = set()
        stack = [place_id]
        while stack:
            current = stack.pop()
            found.add(current)
            stack.extend(self._children.get(current, ()))
        return found

    def up_to(self, place_id: str, level: str) -> Place | None:
        """The place of ``level`` that holds ``place_id`` (itself if of that level)."""
        for ancestor in self.ancestors(place_id):
            place = self._places[ancestor]
            if place.level == level:
                return place
        return None

    def district_of(self, place_id: str) -> str | None:
        district = self.up_to(place_id, "district")
        return district.id if district else None


def check(places: Iterable[Place], known: Mapping[str, Place]) -> list[tuple[str, str]]:
    """What is wrong with each of ``places`` among ``known`` (every place by id), as (id,
    problem) pairs: an unknown level, a missing parent, a parent of a level it cannot hang
    under, a missing Albanian name."""
    problems: list[tuple[str, str]] = []
    for place in places:
        problem = _problem(place, known)
        if problem:
            problems.append((place.id, problem))
    return problems


def _problem(place: Place, known: Mapping[str, Place]) -> str | None:
    if place.level not in LEVELS:
        return f"{place.id}: level {place.level!r} is not one of {', '.join(LEVELS)}"
    if not place.names.get("sq", "").strip():
        return f"{place.id}: the Albanian name (name_sq) is missing"
    allowed = PARENT_LEVELS[place.level]
    if not allowed:
        return f"{place.id}: a district has no parent" if place.parent else None
    if not place.parent:
        return f"{place.id}: a {place.level} needs a parent ({' or '.join(allowed)})"
    parent = known.get(place.parent)
    if parent is None:
        return f"{place.id}: unknown parent {place.parent!r}"
    if parent.level not in allowed:
        return (
            f"{place.id}: a {place.level} cannot hang under {parent.id} (a {parent.level}); "
            f"its parent must be a {' or '.join(allowed)}"
        )
    return None
