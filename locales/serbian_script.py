"""Serbian in two scripts: the exact Cyrillic-to-Latin transliteration, and script detection.

Cyrillic to Latin is exact (every letter has one Latin spelling); the other direction is not
(``nj`` may be ``њ`` or ``нј``), so the bot writes Serbian in Cyrillic and derives Latin.
"""

from __future__ import annotations

_CYR_TO_LAT = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "ђ": "đ",
    "е": "e",
    "ж": "ž",
    "з": "z",
    "и": "i",
    "ј": "j",
    "к": "k",
    "л": "l",
    "љ": "lj",
    "м": "m",
    "н": "n",
    "њ": "nj",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "ћ": "ć",
    "у": "u",
    "ф": "f",
    "х": "h",
    "ц": "c",
    "ч": "č",
    "џ": "dž",
    "ш": "š",
}
_DIGRAPHS = {"lj", "nj", "dž"}


def _upper(latin: str, next_char: str) -> str:
    if len(latin) == 2 and latin in _DIGRAPHS:
        return latin.upper() if next_char.isupper() else latin[0].upper() + latin[1]
    return latin.upper()


def cyrillic_to_latin(text: str) -> str:
    """Transliterate Serbian Cyrillic to Latin; other characters pass through unchanged."""
    out: list[str] = []
    for index, char in enumerate(text):
        lower = char.lower()
        latin = _CYR_TO_LAT.get(lower)
        if latin is None:
            out.append(char)
        elif char == lower:
            out.append(latin)
        else:
            following = text[index + 1] if index + 1 < len(text) else ""
            out.append(_upper(latin, following))
    return "".join(out)


def is_cyrillic(text: str) -> bool:
    """True when most letters of ``text`` are Cyrillic."""
    cyrillic = sum(1 for char in text if "\u0400" <= char <= "\u04ff")
    latin = sum(1 for char in text if char.isascii() and char.isalpha())
    return cyrillic > latin
