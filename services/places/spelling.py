"""How a typed name compares with a place's name: in any script, with or without diacritics,
in Albanian or Serbian spelling of the same sounds, declined, or with a typo.

Each word is reduced to a key: lower case, Cyrillic read as Serbian Latin, diacritics gone
(``ë`` to ``e``, ``č``/``ć``/``ç`` to ``c``, ``đ`` to ``dj``), the Albanian digraphs and
doubled letters written as Serbian Latin writes the sound (``sh`` = ``š``, ``zh`` = ``ž``,
``xh`` = ``dž``, ``q`` = ``ć``, ``gj`` = ``đ``, ``ll`` = ``l``, ``rr`` = ``r``), and a final
``e`` dropped (people write "Fush Kosov", "Pej"). Two keys match exactly, by their stem (the
same beginning, different endings: "Prishtinës", "Prishtina", "Prištini"), or within one or two
edits (a letter missing, extra, wrong or two swapped).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from locales.serbian_script import cyrillic_to_latin

PARTICLES = frozenset({"i", "e", "te", "se"})
"""Albanian linking words inside names ("Bregu i Diellit", "Hani i Elezit", "Mitrovicë e
Jugut"): left out of the comparison, so "Bregun e Diellit" is the same name."""

_SPECIAL = str.maketrans({"đ": "dj", "ð": "dj", "ł": "l", "ß": "ss"})
_WORD = re.compile(r"[0-9a-z]+")
_SOUNDS = (
    ("xh", "dz"),
    ("sh", "s"),
    ("zh", "z"),
    ("ch", "c"),
    ("th", "t"),
    ("dh", "d"),
    ("gj", "dj"),
    ("q", "c"),
    ("y", "i"),
    ("w", "v"),
    ("x", "dz"),
)

EXACT, STEM, ONE_EDIT, TWO_EDITS, TYPING = 1.0, 0.9, 0.85, 0.75, 0.8


def fold(text: str) -> str:
    """``text`` in lower-case ASCII letters and digits, words separated by one space."""
    latin = cyrillic_to_latin(text.lower()).translate(_SPECIAL)
    plain = unicodedata.normalize("NFKD", latin)
    ascii_only = "".join(char for char in plain if not unicodedata.combining(char))
    return " ".join(_WORD.findall(ascii_only))


@lru_cache(maxsize=65536)
def key(word: str) -> str:
    """The key of one folded word (see the module's docstring)."""
    for written, sound in _SOUNDS:
        word = word.replace(written, sound)
    collapsed = re.sub(r"(.)\1+", r"\1", word)
    if len(collapsed) > 3 and collapsed.endswith("e"):
        collapsed = collapsed[:-1]
    return collapsed


def keys(text: str) -> tuple[str, ...]:
    """The keys of the words of ``text`` that carry meaning (linking particles left out)."""
    return tuple(key(word) for word in fold(text).split() if word not in PARTICLES)


def similarity(typed: str, name: str, typing: bool = False) -> float:
    """How well the key ``typed`` matches the key ``name`` (0: not at all); ``typing``: the
    word may be the beginning of the name still being typed."""
    if typed == name:
        return EXACT
    shorter, longer = sorted((len(typed), len(name)))
    common = _common_prefix(typed, name)
    if common >= 4 and common >= shorter - 2 and longer - common <= 3:
        return STEM
    if typing and len(typed) >= 2 and name.startswith(typed):
        return TYPING
    if shorter < 4 or longer - shorter > 2:
        return 0.0
    distance = _distance(typed, name, 2)
    if distance == 1:
        return ONE_EDIT
    if distance == 2 and shorter >= 7:
        return TWO_EDITS
    return 0.0


def _common_prefix(a: str, b: str) -> int:
    count = 0
    for left, right in zip(a, b, strict=False):
        if left != right:
            break
        count += 1
    return count


def _distance(a: str, b: str, limit: int) -> int:
    """Edits between ``a`` and ``b`` (a swap of two neighbours counts once), up to limit + 1."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, left in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, right in enumerate(b, start=1):
            cost = 0 if left == right else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and left == b[j - 2] and a[i - 2] == right:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]
