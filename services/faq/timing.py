"""Cues of time in a message about the power (round 2 of issue 20), used by the re-reading
rules (``REREAD`` in the engine):

- a cut that was planned, scheduled or announced ("a ishte e paralajmëruar", ``planiran
  nestanak``, "is this a scheduled cut", "every Saturday") is a planned work, not an outage;
- the power that is *still* not back ("rryma hala s'është kthyer?", ``još nije vraćena``,
  "still not back") asks when it comes back: the outage, not a report of no power.

The words are folded (lower case, Serbian Cyrillic as Latin, no diacritics); Albanian is read
in its standard spelling (``paralajmerume`` is ``paralajmeruar``).
"""

from __future__ import annotations

from collections.abc import Sequence

from services.faq.normalize import standard_albanian_words

_PLANNED = (
    "planned",
    "scheduled",
    "announced",
    "planifikuar",
    "planifikuem",
    "paralajmer",
    "lajmeruar",
    "planiran",
    "planski",
    "najavlj",
    "najavi",
    "zakazan",
    "predvidjen",
    "raspored",
)
# Every Saturday, every week: a cut that comes again on a schedule.
_EVERY = frozenset({"every", "cdo", "svake", "svakog", "svaki", "svakoj"})
_DAYS = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "week",
    "hene",
    "marte",
    "merkure",
    "enjte",
    "premte",
    "shtune",
    "diel",
    "jave",
    "ponedelj",
    "utor",
    "sred",
    "cetvrt",
    "petak",
    "petk",
    "subot",
    "nedelj",
)
_BACK = ("kthy", "kthye", "kthehet", "kthyer", "back", "restored", "vrati", "vracen", "vraca")
_STILL = frozenset({"ende", "hala", "akoma", "still", "yet", "jos", "jo", "josh"})
_POWER = ("rrym", "drit", "korent", "power", "electric", "light", "struj", "svetl")


def planned(words: Sequence[str], lang: str) -> bool:
    """Whether the message calls a cut planned, scheduled or announced, or recurring on a day."""
    standard = standard_albanian_words(list(words)) if lang == "sq" else words
    if any(word.startswith(_PLANNED) for word in standard):
        return True
    return any(
        word in _EVERY and any(after.startswith(_DAYS) for after in words[index + 1 : index + 3])
        for index, word in enumerate(words)
    )


def still_not_back(words: Sequence[str], lang: str) -> bool:
    """Whether the message says the power is still not back: it asks when it comes back."""
    standard = standard_albanian_words(list(words)) if lang == "sq" else list(words)
    return (
        any(word.startswith(_BACK) for word in standard)
        and not _STILL.isdisjoint(standard)
        and any(word.startswith(_POWER) for word in standard)
    )


# A time ahead: tomorrow, a day of the week, next week, tonight (round 3).
_AHEAD = frozenset(
    {
        *("neser", "pasneser", "sonte", "tomorrow", "tonight", "sutra", "prekosutra", "veceras"),
        *("nesr", "nesre", "next", "tjeter", "sledece", "sledeceg", "sledecoj", "naredn"),
    }
)
# Questions about the power, asked with "will" or "a do të" ("will there be power on Saturday",
# "a do të ketë rrymë të shtunën", "hoće li biti struje sutra").
_WILL = frozenset({"will", "do", "hoce", "hoc", "ce", "bice", "biti", "going"})
# Prices are not the power's hours ("will the price of electricity rise next year").
_PRICES = ("price", "cmim", "qmim", "cen", "cijen", "tarif", "kwh")


def power_ahead(words: Sequence[str], lang: str) -> bool:
    """A question whether there will be power at a time ahead: planned works answer it."""
    standard = standard_albanian_words(list(words)) if lang == "sq" else list(words)
    ahead = not _AHEAD.isdisjoint(standard) or any(word.startswith(_DAYS) for word in standard)
    return (
        ahead
        and not _WILL.isdisjoint(standard)
        and any(word.startswith(_POWER) for word in standard)
        and not any(word.startswith(_PRICES) for word in standard)
    )
