"""Matters that are not KESCO's, told by their sense (round 5 of issue 20):

- **a match**: a league, a stadium, a game or a club that plays another ("a po luan Kosova me
  Rumaninë", "kada igra Iskra sledeću utakmicu"), with no word of the power nor the lights
  (``po luan drita`` is the lights flickering): the readers mistook "plays this week" for
  planned works;
- **heating**: a radiator, the heating season, the district heating company (Termokos, a
  "toplana"), with no word of the power, the bill or the meter (the heating company's bill is
  not ours either): heating of one's own with electricity stays ours ("ngrohja me rrymë",
  "grejalica troši struju");
- **money back** ("a refund", paid twice, ``t'm'i kthejnë paret``, ``povraćaj novca``): not the
  paid bill still shown, nor paying; KESCO's contacts.

The words are folded (lower case, Serbian Cyrillic as Latin, no diacritics).
"""

from __future__ import annotations

from collections.abc import Sequence

from services.faq import safety_words

_MATCH_PREFIXES = (
    *("ndeshj", "kampionat", "stadium", "stadion", "utakmic", "prvenstv", "league"),
    *("tournament", "turnir", "derby", "derbi", "tifoz", "navija", "reprezentac"),
    *("basketboll", "kosark", "basketball", "champions"),
)
_MATCH_WORDS = frozenset({"loje", "lojen", "lojes", "liga", "ligu", "ligi"})
_PLAYS = frozenset({"luan", "luajti", "luajne", "igra", "igraju", "igrao", "plays", "playing"})
_AGAINST = frozenset({"me", "kunder", "protiv", "sa", "against", "vs"})
_CHILDREN = ("kid", "child", "femij", "deca", "dec", "dete", "djal", "vajz")
# The district heating companies: their bill is not ours either ("fatura e Termokosit").
_HEATING_COMPANIES = ("termokos", "toplan", "ngrohtor")
_HEATING_PREFIXES = (
    *_HEATING_COMPANIES,
    *("radiator", "kalorifer", "grejanj", "grejn", "grejni", "heating"),
    *("ngrohje", "ngrohja", "ngrohjen", "ngrohjes"),
)
# Ours beside the heating: the bill, the meter, KESCO, kWh.
_OURS_PREFIXES = (
    *("kesc", "ekesc", "fatur", "racun", "bill", "njehsor", "sahat", "brojil", "meter"),
    *("kwh", "kilovat"),
)
_REFUND_PREFIXES = ("refund", "rimburs", "povrat", "povrac", "kompenz", "compensat", "reimburs")
_GIVE_BACK = ("kthe", "kthy", "vrat", "back")
_MONEY = ("pare", "parat", "paret", "novac", "novca", "novc", "money")
_TWICE = ("twice", "dyfish", "duplo", "dvaput", "dvostruk", "double")
_TWO_TIMES = (("dy", "here"), ("dva", "puta"), ("two", "times"))


def _has(words: Sequence[str], prefixes: tuple[str, ...]) -> bool:
    return any(word.startswith(prefixes) for word in words)


def _power(words: Sequence[str]) -> bool:
    """The power named, lights included ("po luan drita": the lights flicker)."""
    return _has(words, safety_words.POWER_PREFIXES) or _has(words, ("drit", "svetl", "light"))


def about_a_match(words: Sequence[str]) -> bool:
    """Talk of a match or a club that plays another, and no word of the power."""
    if _power(words):
        return False
    if _has(words, _MATCH_PREFIXES) or not _MATCH_WORDS.isdisjoint(words):
        return True
    plays = not _PLAYS.isdisjoint(words) and not _AGAINST.isdisjoint(words)
    return plays and not _has(words, _CHILDREN)


def about_heating(words: Sequence[str]) -> bool:
    """Central or district heating, and nothing of the power, the bill or the meter."""
    if not _has(words, _HEATING_PREFIXES) or _power(words) or _has(words, ("kesc", "ekesc")):
        return False
    return _has(words, _HEATING_COMPANIES) or not _has(words, _OURS_PREFIXES)


def not_ours(words: Sequence[str], lang: str) -> bool:
    """Whether the message is about a match or heating: refused, whatever the readers say."""
    return about_a_match(words) or about_heating(words)


def asks_money_back(words: Sequence[str], lang: str) -> bool:
    """A refund, or a payment made twice: KESCO's contacts, not the paid bill still shown."""
    if _has(words, _REFUND_PREFIXES) or _has(words, _TWICE):
        return True
    pairs = set(zip(words, words[1:], strict=False))
    if any(pair in pairs for pair in _TWO_TIMES):
        return True
    return _has(words, _GIVE_BACK) and _has(words, _MONEY)
