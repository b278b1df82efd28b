"""A reading the customer disputes (round 4 of issue 20).

``bill-not-current`` answers why the app shows no current reading (the meters are read on
site). A customer who says the reading is *more* than they used, that the meter counts too
fast, or who complains about it ("leximi osht ma shum se qe kam harxhu", "brojilo pokazuje
više nego što sam potrošio", "the reading is higher than what we used") asks something the
sources do not answer: KESCO's contacts (the call centre, a person) are the answer. The words
are folded (lower case, Serbian Cyrillic as Latin, no diacritics).
"""

from __future__ import annotations

from collections.abc import Sequence

_READING = (
    "lexim",
    "gjendj",
    "sahat",
    "njehsor",
    "reading",
    "meter",
    "ocitav",
    "ocitan",
    "stanj",
    "brojil",
    "kilovat",
    "kwh",
)
# More than, too high, faster than: "ma shum se", "više nego", "more than", "higher than".
_MORE = frozenset(
    {
        *("ma", "me", "shum", "shume", "teper", "vise", "vece", "veci", "more", "higher", "too"),
        *("previse", "much", "double", "dyfish", "duplo", "triple", "tri", "her", "puta"),
    }
)
_THAN = frozenset({"se", "nego", "than", "od", "sesa"})
# Used, consumed, spent: "kam harxhu", "potrošio", "we used".
_USED = ("harxh", "shpenz", "konsum", "potros", "trosi", "used", "consum", "spent")
# A complaint, or a meter counting too fast.
_COMPLAINT = (
    "ankes",
    "ankoh",
    "zalb",
    "zali",
    "complain",
    "complaint",
    "reklamac",
    "dispute",
    "kundershto",
    "osporav",
    "shpejt",
    "brze",
    "faster",
    "inflat",
)


def disputes_reading(words: Sequence[str], lang: str) -> bool:
    """A reading or a meter named, and said to be more than what was used, counted too fast,
    or complained about."""
    if not any(word.startswith(_READING) for word in words):
        return False
    more = not _MORE.isdisjoint(words) and not _THAN.isdisjoint(words)
    used = any(word.startswith(_USED) for word in words)
    return (more and used) or any(word.startswith(_COMPLAINT) for word in words)
