"""Ways of saying things that the readers misread (round 6 of issue 20).

- **Where the power is or is not** ("ku ka rrym tash e ku ska", "где све нема струје", "where
  is the power out"), asked with no word of oneself nor of reporting, asks about outages, not
  a report of one's own cut.
- **Writing in a language** ("dua të shkruaj në shqip", "can I write in English", "da pišem
  na srpskom"): the customer writes, and chooses the language; no request to write or
  translate something for them.
- **Something that fell in water** ("më ka rënë telefoni në ujë", "dropped my phone in the
  water"): no word of the water company; the water veto does not hold.

The words are folded (lower case, Serbian Cyrillic as Latin, no diacritics).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from services.faq import situations

_WHERE = frozenset({"ku", "where", "wheres", "gde", "gdje"})
# Oneself ("I have no power", "ska rrymë te unë") or reporting it ("ku me lajmru").
_SELF = frozenset(
    {
        *("kam", "kom", "une", "mua", "neve", "jemi", "shtepi", "shpi", "shpine"),
        *("my", "we", "our", "us", "im", "house", "home", "flat"),
        *("nemam", "nemamo", "mi", "mene", "nama", "kuci", "stanu", "ja"),
    }
)
_REPORTING = ("lajm", "raport", "report", "prijav", "javi", "javlj", "ankes", "complain")
_POWER = ("rrym", "drit", "korent", "power", "electric", "struj", "svetl")


def asks_about_outages(words: Sequence[str], lang: str) -> bool:
    """A question (:func:`situations.asks`) or where the power is: not a report of one's own."""
    return situations.asks(words, lang) or asks_where_power(words, lang)


def asks_where_power(words: Sequence[str], lang: str) -> bool:
    """Where the power is (or is not), with no word of oneself nor of reporting."""
    if _WHERE.isdisjoint(words) or not _SELF.isdisjoint(words):
        return False
    if any(word.startswith(_REPORTING) for word in words):
        return False
    return any(word.startswith(_POWER) for word in words)


_WRITES = frozenset({"shkruaj", "shkruj", "shkruej", "write", "pisem", "pisati"})
_I = frozenset({"te", "i", "da", "me"})
_LANGUAGES = (
    *("shqip", "anglisht", "serbisht", "english", "albanian", "serbian"),
    *("srpsk", "albansk", "englesk", "srpski", "cirilic", "latinic"),
)


def writes_in_a_language(words: Sequence[str]) -> bool:
    """The customer writes ("të shkruaj", "can I write", "da pišem") in a language named."""
    if not any(word.startswith(_LANGUAGES) for word in words):
        return False
    return any(
        word in _WRITES and index > 0 and words[index - 1] in _I for index, word in enumerate(words)
    )


_FELL = frozenset({"ra", "rane", "rene", "fell", "dropped", "drop", "pao", "pala", "upao", "upala"})
_INTO = frozenset({"ne", "in", "into", "u"})


def vetoed(words: Sequence[str], veto: Iterable[str]) -> bool:
    """A veto word in the message, unless it is only where something fell ("ra në ujë")."""
    found = set(veto).intersection(words)
    if not found or _FELL.isdisjoint(words):
        return bool(found)
    return any(
        word in found and (index == 0 or words[index - 1] not in _INTO)
        for index, word in enumerate(words)
    )
