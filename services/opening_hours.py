"""The call centre's opening hours, from a setting, written in each language.

The sources give no opening hours, so they are a setting (``KESCO_CALL_CENTRE_HOURS``), e.g.
``mon-fri 08:00-16:00; sat 08:00-12:00``. Empty means unknown: the bot then gives the numbers
without hours.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from babel.dates import format_date

from locales.translation import babel_locale

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_PART = re.compile(
    r"^(?P<first>[a-z]{3})(?:-(?P<last>[a-z]{3}))?\s+"
    r"(?P<opens>\d{2}:\d{2})-(?P<closes>\d{2}:\d{2})$"
)
_A_MONDAY = date(2024, 1, 1)


@dataclass(frozen=True)
class OpeningSpan:
    """Days ``first``..``last`` (0 is Monday), open from ``opens`` to ``closes`` (HH:MM)."""

    first: int
    last: int
    opens: str
    closes: str


def parse_hours(text: str) -> tuple[OpeningSpan, ...]:
    """Read ``mon-fri 08:00-16:00; sat 08:00-12:00``; raises ValueError naming what is wrong."""
    spans: list[OpeningSpan] = []
    for part in (p.strip().lower() for p in text.split(";")):
        if not part:
            continue
        match = _PART.match(part)
        if match is None:
            raise ValueError(f"{part!r}: expected e.g. 'mon-fri 08:00-16:00'")
        first, last = match["first"], match["last"] or match["first"]
        if first not in DAYS or last not in DAYS:
            raise ValueError(f"{part!r}: days are {', '.join(DAYS)}")
        for moment in (match["opens"], match["closes"]):
            hours, minutes = (int(x) for x in moment.split(":"))
            if hours > 24 or minutes > 59:
                raise ValueError(f"{part!r}: {moment} is not a time of day")
        spans.append(
            OpeningSpan(DAYS.index(first), DAYS.index(last), match["opens"], match["closes"])
        )
    return tuple(spans)


def _day(index: int, language: str) -> str:
    return format_date(_A_MONDAY + timedelta(days=index), "EEEE", locale=babel_locale(language))


def describe(spans: tuple[OpeningSpan, ...], language: str) -> str:
    """``Monday – Friday 08:00–16:00, Saturday 08:00–12:00`` in ``language``."""
    parts = []
    for span in spans:
        days = _day(span.first, language)
        if span.last != span.first:
            days = f"{days} – {_day(span.last, language)}"
        parts.append(f"{days} {span.opens}–{span.closes}")
    return ", ".join(parts)
