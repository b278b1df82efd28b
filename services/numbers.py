"""Reading whole numbers from text that anyone may send (queries, forms, button payloads).

``str.isdigit`` accepts far more than ``0-9`` (``²``, ``٣``), on which ``int`` raises, and
``int`` refuses more than 4300 digits: both turned a typed number into a 500. Here a number is
ASCII digits only, and only as many as the caller allows.
"""

from __future__ import annotations

MAX_DIGITS = 18  # fits a 64-bit integer column


def whole_number(text: str, max_digits: int = MAX_DIGITS) -> int | None:
    """``text`` as a whole number of 1 to ``max_digits`` ASCII digits; None otherwise."""
    if 1 <= len(text) <= max_digits and text.isascii() and text.isdigit():
        return int(text)
    return None


def in_range(text: str, low: int, high: int) -> int | None:
    """``text`` as a whole number from ``low`` to ``high``; None otherwise."""
    number = whole_number(text, max(len(str(high)), 1))
    return number if number is not None and low <= number <= high else None
