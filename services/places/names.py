"""Places by the names people type: :func:`find` for a name typed on its own (following a place,
the staff page's search-as-you-type), :func:`named_in` for the places a sentence names ("s'ka
rrymë në Bregun e Diellit", "nema struje u Kosovu Polju", "fush kosov pa drita").

Every place is known by its names in each language and script, its other spellings (aliases)
and its case forms ("Bregun e Diellit", "Косову Пољу"); words compare as
:mod:`services.places.spelling` says. A name that several places share (a district and its
main municipality, two villages of one name) gives all of them, for the caller to ask back.
"""

from __future__ import annotations

from dataclasses import dataclass

from services.places.in_use import place_tree
from services.places.spelling import TYPING, keys, similarity
from services.places.tree import LEVELS, Place, PlaceTree

THRESHOLD = 0.78
"""The least mean word similarity a match needs."""
_MISSING_WORD = 0.06
"""What each word of a name the text leaves out costs ("Mitrovicë" for "Mitrovicë e Jugut")."""


@dataclass(frozen=True)
class Match:
    """A place a text names, how sure (1.0: exactly one of its names), and the name matched."""

    place: Place
    score: float
    matched: str


@dataclass(frozen=True)
class _Variant:
    place: Place
    text: str
    keys: tuple[str, ...]
    rank: int


class _Index:
    """Every name of every place of one tree, as keys."""

    def __init__(self, tree: PlaceTree) -> None:
        self.tree = tree
        self.variants: list[_Variant] = []
        for rank, place in enumerate(tree.all()):
            seen: set[tuple[str, ...]] = set()
            for text in (*place.names.values(), *place.aliases, *place.forms.values()):
                found = keys(text)
                if found and found not in seen:
                    seen.add(found)
                    self.variants.append(_Variant(place, text, found, rank))
        self.longest = max((len(v.keys) for v in self.variants), default=1)


_INDEXES: dict[int, _Index] = {}


def _index(tree: PlaceTree | None) -> _Index:
    tree = tree or place_tree()
    found = _INDEXES.get(id(tree))
    if found is None or found.tree is not tree:
        _INDEXES.clear()
        found = _INDEXES[id(tree)] = _Index(tree)
    return found


def _order(match: Match, rank: int) -> tuple[float, int, int]:
    return (-match.score, LEVELS.index(match.place.level), rank)


def find(
    text: str, limit: int = 10, tree: PlaceTree | None = None, level: str | None = None
) -> list[Match]:
    """The places whose name ``text`` is (or begins: it may still be typed), best first; when
    ``text`` names none on its own, the places it names as part of a sentence."""
    typed = keys(text)
    if not typed:
        return []
    index = _index(tree)
    best: dict[str, tuple[Match, int]] = {}
    for variant in index.variants:
        if level and variant.place.level != level:
            continue
        score = _name_score(typed, variant.keys)
        if score >= THRESHOLD:
            known = best.get(variant.place.id)
            if known is None or score > known[0].score:
                best[variant.place.id] = (Match(variant.place, score, variant.text), variant.rank)
    if not best:
        found = named_in(text, tree)
        return [m for m in found if not level or m.place.level == level][:limit]
    ranked = sorted(best.values(), key=lambda pair: _order(*pair))
    return [match for match, _ in ranked[:limit]]


def _name_score(typed: tuple[str, ...], name: tuple[str, ...]) -> float:
    """How well the words ``typed`` give the name ``name``, word by word in order; the last
    may be unfinished."""
    if len(typed) > len(name):
        return 0.0
    total = 0.0
    for position, word in enumerate(typed):
        last = position == len(typed) - 1
        score = similarity(word, name[position], typing=last)
        if score == 0.0:
            return 0.0
        total += score
    unfinished = len(name) - len(typed)
    if unfinished and similarity(typed[-1], name[len(typed) - 1]) < TYPING:
        return 0.0
    return total / len(typed) - _MISSING_WORD * unfinished


def named_in(text: str, tree: PlaceTree | None = None) -> list[Match]:
    """The places a sentence names, in the order the sentence names them; where one name is
    shared by several places, all of them (best first). A longer name wins over a shorter one
    inside it ("Mitrovicë e Jugut", not "Mitrovicë")."""
    words = keys(text)
    if not words:
        return []
    index = _index(tree)
    spans: list[tuple[int, int, float, Match, int]] = []
    for variant in index.variants:
        size = len(variant.keys)
        for start in range(len(words) - size + 1):
            score = _span_score(words[start : start + size], variant.keys)
            if score >= THRESHOLD:
                match = Match(variant.place, score, variant.text)
                spans.append((start, start + size, score, match, variant.rank))
    spans.sort(key=lambda s: (-(s[1] - s[0]), -s[2], LEVELS.index(s[3].place.level), s[4]))
    taken: list[tuple[int, int, float]] = []
    chosen: dict[str, tuple[int, Match]] = {}
    for start, end, score, match, _rank in spans:
        if match.place.id in chosen:
            continue
        same = [t for t in taken if (t[0], t[1]) == (start, end)]
        overlapping = [t for t in taken if t[0] < end and start < t[1]]
        if overlapping and not (same and same[0][2] == score):
            continue
        if not same:
            taken.append((start, end, score))
        chosen[match.place.id] = (start, match)
    ordered = [match for _, match in sorted(chosen.values(), key=lambda pair: pair[0])]
    return _without_containers(ordered, chosen, index.tree)


def _without_containers(
    matches: list[Match], chosen: dict[str, tuple[int, Match]], tree: PlaceTree
) -> list[Match]:
    """``matches`` without a place named by the same words as a place inside it: "Prishtinë"
    in a sentence is the municipality, not the district named after it."""
    kept = []
    for match in matches:
        start = chosen[match.place.id][0]
        inside = [
            other
            for other in matches
            if other is not match
            and chosen[other.place.id][0] == start
            and other.score == match.score
            and match.place.id in tree.ancestors(other.place.id)[1:]
        ]
        if not inside:
            kept.append(match)
    return kept


def _span_score(words: tuple[str, ...], name: tuple[str, ...]) -> float:
    """How well consecutive ``words`` of a sentence give the name ``name``: short words only
    exactly (a sentence has many of them: "vitit" is not Viti), longer ones declined or with a
    typo."""
    total = 0.0
    for word, part in zip(words, name, strict=True):
        score = similarity(word, part)
        if min(len(word), len(part)) <= 5 and score < 1.0:
            return 0.0
        if score == 0.0:
            return 0.0
        total += score
    return total / len(name)
