"""Customer codes as people type them: ``dpr 123-456`` is ``DPR123456``.

A code is a district prefix (the seven districts of KESCO) and the customer's unique number.
:func:`parse_customer_code` normalises what was typed and says precisely what is wrong.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum

from locales.serbian_script import cyrillic_to_latin

DISTRICTS: tuple[str, ...] = ("DPR", "DMI", "DPE", "DPZ", "DFE", "DGL", "DGJ")
"""The district prefixes; their names are in :mod:`services.areas` (the place names)."""
MIN_DIGITS = 5
MAX_DIGITS = 10
_SEPARATORS = re.compile(r"[\s\-_./]+")
_SHAPE = re.compile(r"^([A-Z]*)(.*)$")


class CodeProblem(Enum):
    """Why a typed text is not a customer code."""

    EMPTY = "empty"
    NO_DISTRICT = "no_district"
    UNKNOWN_DISTRICT = "unknown_district"
    NO_NUMBER = "no_number"
    NOT_DIGITS = "not_digits"
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"


@dataclass(frozen=True)
class CustomerCode:
    """A well-formed customer code."""

    district: str
    number: str

    def __str__(self) -> str:
        return f"{self.district}{self.number}"


@dataclass(frozen=True)
class CodeParseResult:
    """Either ``code`` or ``problem`` is set; ``prefix`` is what was read as the district."""

    code: CustomerCode | None = None
    problem: CodeProblem | None = None
    prefix: str = ""


def normalise(text: str) -> str:
    """Upper case Latin letters and ASCII digits, without spaces, dashes, dots or underscores.

    Codes typed on a Cyrillic keyboard (``дпр 100-001``) are read as their Latin spelling, and
    full-width or other compatibility forms as their plain forms.
    """
    plain = cyrillic_to_latin(unicodedata.normalize("NFKC", text.strip()))
    return _SEPARATORS.sub("", plain).upper()


def parse_customer_code(text: str) -> CodeParseResult:
    """Read a customer code from what a person typed, or say what is wrong with it."""
    compact = normalise(text)
    if not compact:
        return CodeParseResult(problem=CodeProblem.EMPTY)
    match = _SHAPE.match(compact)
    assert match is not None
    prefix, rest = match.group(1), match.group(2)
    if not prefix:
        return CodeParseResult(problem=CodeProblem.NO_DISTRICT)
    if prefix not in DISTRICTS:
        return CodeParseResult(problem=CodeProblem.UNKNOWN_DISTRICT, prefix=prefix[:3])
    if not rest:
        return CodeParseResult(problem=CodeProblem.NO_NUMBER, prefix=prefix)
    if not rest.isdigit() or not rest.isascii():
        return CodeParseResult(problem=CodeProblem.NOT_DIGITS, prefix=prefix)
    if len(rest) < MIN_DIGITS:
        return CodeParseResult(problem=CodeProblem.TOO_SHORT, prefix=prefix)
    if len(rest) > MAX_DIGITS:
        return CodeParseResult(problem=CodeProblem.TOO_LONG, prefix=prefix)
    return CodeParseResult(code=CustomerCode(prefix, rest), prefix=prefix)


def looks_like_code(text: str) -> bool:
    """True when the text starts with a known district prefix followed by a digit."""
    compact = normalise(text)
    return len(compact) > 3 and compact[:3] in DISTRICTS and compact[3].isdigit()
