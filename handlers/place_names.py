"""The places a chat talks about, as the conversation needs them: a place's name in the
reader's language (declined where a sentence needs it), a name that tells two places of the
same name apart ("Bresje (Fushë Kosovë)"), the places a typed name or a sentence names, and
which places an outage somewhere covers. The hierarchy and the name matching themselves are
:mod:`services.places`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from locales.i18n import _
from services.places import names as place_matching
from services.places.in_use import place_tree
from services.places.tree import Place, PlaceTree

DISTRICT, MUNICIPALITY = "district", "municipality"
SEARCH_LIMIT = 12
TIE = 0.03  # matches scoring this close to the best are as likely as the best
MAX_CHOICES = 8  # a name asked back offers at most this many places
_SR_ORDER = "абвгдђежзијклљмнњопрстћуфхцчџш"


def tree() -> PlaceTree:
    return place_tree()


def get(place_id: str | None) -> Place | None:
    return tree().get(place_id) if place_id else None


def name(place_id: str, language: str) -> str:
    """The name of ``place_id`` in ``language`` (an :class:`Inflected` value when the place
    gives its forms after prepositions); the id itself when the place is unknown."""
    place = get(place_id)
    return place.name(language) if place is not None else place_id


def label(place_id: str, language: str) -> str:
    """A name that tells the place apart from any other of the same name: the district or
    the municipality says so, anything finer names its parent ("Bresje (Fushë Kosovë)")."""
    place = get(place_id)
    if place is None:
        return place_id
    plain = str(name(place_id, language))
    if place.level == DISTRICT:
        return _("{place} (district)").format(place=plain)
    if place.level == MUNICIPALITY or place.parent is None:
        return _("{place} (municipality)").format(place=plain)
    return f"{plain} ({name(place.parent, language)})"


def label_in_albanian_too(place_id: str, language: str) -> str:
    """:func:`label` with the Albanian name as well, for two places whose names read the same
    in ``language``: "Сунчани Брег (Bregu i Diellit, Приштина)"."""
    place = get(place_id)
    if place is None or place.parent is None:
        return label(place_id, language)
    plain, albanian = str(name(place_id, language)), place.names["sq"]
    parent = name(place.parent, language)
    return f"{plain} ({albanian}, {parent})" if albanian != plain else f"{plain} ({parent})"


def sort_key(place: Place, language: str) -> tuple[tuple[int, ...], str]:
    """Alphabetical order as the reader's language has it (Serbian Cyrillic its own)."""
    text = str(place.name(language)).casefold()
    ranks = []
    for char in text:
        if char in _SR_ORDER:
            ranks.append(1000 + _SR_ORDER.index(char))
            continue
        base = unicodedata.normalize("NFD", char)[0]
        ranks.append(ord(base))
    return tuple(ranks), text


def children(place_id: str | None, language: str) -> list[Place]:
    """The places right under ``place_id`` (the districts for None), in alphabetical order."""
    found = tree().children(place_id) if place_id else tree().of_level(DISTRICT)
    return sorted(found, key=lambda place: sort_key(place, language))


def has_children(place_id: str) -> bool:
    return bool(tree().children(place_id))


def _narrowed(place_ids: list[str]) -> list[str]:
    """Of places that contain one another, the one people mean: a district and its
    municipality of the same name are the municipality; a municipality and its town are the
    municipality (it covers the town too)."""
    levels = {place_id: place.level for place_id in place_ids if (place := get(place_id))}
    kept = []
    for place_id in levels:
        over = set(tree().ancestors(place_id)[1:]) & set(levels)
        under = finer(place_id) & set(levels)
        inside_another = any(levels[other] != DISTRICT for other in over)
        a_district_over_another = levels[place_id] == DISTRICT and bool(under)
        if not inside_another and not a_district_over_another:
            kept.append(place_id)
    return kept


def search(text: str, within: str | None = None) -> list[str]:
    """The places ``text`` (a typed name, in any language, script or spelling) most likely
    means, best first: one when it is clear, several when they are equally likely (the same
    village name in two municipalities). Places under ``within`` first; elsewhere when none."""
    matches = place_matching.find(text, SEARCH_LIMIT)
    if within:
        inside = tree().descendants(within)
        nearer = [match for match in matches if match.place.id in inside]
        matches = nearer or matches
    if not matches:
        return []
    best = matches[0].score
    likely = [match.place.id for match in matches if match.score >= best - TIE]
    return _narrowed(list(dict.fromkeys(likely)))[:MAX_CHOICES]


def named_in(text: str) -> list[str]:
    """The places a sentence names ("s'ka rrymë në Bregun e Diellit"), best first."""
    found = [match.place.id for match in place_matching.named_in(text)]
    return _narrowed(list(dict.fromkeys(found)))[:MAX_CHOICES]


def coarser(place_id: str) -> set[str]:
    """The place and every place that contains it."""
    return set(tree().ancestors(place_id)) if get(place_id) else {place_id}


def finer(place_id: str) -> set[str]:
    """Every place inside the place (not the place itself)."""
    return tree().descendants(place_id) - {place_id} if get(place_id) else set()


def reach(place_ids: Iterable[str]) -> list[str]:
    """Every place an outage may name and be about one of ``place_ids``: each, what contains
    it and what it contains."""
    found: set[str] = set()
    for place_id in place_ids:
        found.add(place_id)
        if get(place_id) is not None:
            found |= coarser(place_id) | tree().descendants(place_id)
    return sorted(found)
