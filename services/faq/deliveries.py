"""A code that does not arrive (round 4 of issue 20).

The password is reset with a code sent by SMS. "The code for changing the password does not
come to my phone" (``kodi për ndryshimin e fjalëkalimit nuk po më vjen``, ``ne stiže mi kod``)
names the password but tells of the SMS that does not arrive: ``sms-not-received``, whether or
not the SMS is named. The words are folded (lower case, Serbian Cyrillic as Latin, no
diacritics).
"""

from __future__ import annotations

from collections.abc import Sequence

_CODE = ("kod", "code", "sifr", "shifr", "pin", "otp", "verifik", "verific")
_ARRIVES = (
    "vjen",
    "vjon",
    "erdh",
    "ardh",
    "mberri",
    "mbrri",
    "arriv",
    "came",
    "come",
    "receiv",
    "get",
    "got",
    "stiz",
    "stig",
    "dolaz",
    "doslo",
    "dobi",
    "dobij",
)
_NOT = frozenset(
    {
        *("nuk", "ska", "s", "not", "never", "no", "dont", "doesnt", "didnt", "hasnt", "havent"),
        *("ne", "nije", "nisam", "nikad", "still", "ende", "hala", "jos"),
    }
)


def code_not_arriving(words: Sequence[str], lang: str) -> bool:
    """A code named, and said not to arrive ("nuk po më vjen kodi", "never got the code")."""
    return (
        any(word.startswith(_CODE) for word in words)
        and any(word.startswith(_ARRIVES) for word in words)
        and not _NOT.isdisjoint(words)
    )
