"""The case forms of dates in Serbian and Albanian (place names keep theirs in their table,
``services/places/data/places.tsv``). Used through :func:`locales.translation.weekday_and_date`.

Serbian: after од, до, пре, после, након, из the weekday and month are genitive ("од
понедељка, 7. децембра"); after у and за the weekday is accusative and the month genitive ("у
среду, 9. децембра"). Albanian: after "nga" the weekday is definite ("nga e hëna"), after
"deri" accusative ("deri të martën"), and after "më" the date goes without it ("më 8
dhjetor").
"""

from __future__ import annotations

from collections.abc import Mapping

SR_WEEKDAYS = ("понедељак", "уторак", "среда", "четвртак", "петак", "субота", "недеља")
SR_WEEKDAYS_GENITIVE = ("понедељка", "уторка", "среде", "четвртка", "петка", "суботе", "недеље")
SR_WEEKDAYS_ACCUSATIVE = ("понедељак", "уторак", "среду", "четвртак", "петак", "суботу", "недељу")
SR_MONTHS_GENITIVE = (
    "јануара",
    "фебруара",
    "марта",
    "априла",
    "маја",
    "јуна",
    "јула",
    "августа",
    "септембра",
    "октобра",
    "новембра",
    "децембра",
)
SR_GENITIVE_AFTER = ("од", "до", "пре", "после", "након", "из")
SR_ACCUSATIVE_AFTER = ("у", "за")

SQ_WEEKDAYS_DEFINITE = (
    "e hëna",
    "e marta",
    "e mërkura",
    "e enjtja",
    "e premtja",
    "e shtuna",
    "e diela",
)
SQ_WEEKDAYS_ACCUSATIVE = (
    "të hënën",
    "të martën",
    "të mërkurën",
    "të enjten",
    "të premten",
    "të shtunën",
    "të dielën",
)
SQ_DEFINITE_AFTER = ("nga",)
SQ_ACCUSATIVE_AFTER = ("deri",)
SQ_WITHOUT_WEEKDAY_AFTER = ("më",)


def serbian_date(weekday: int, day: int, month: int) -> Mapping[str, str]:
    """The forms of ``понедељак, 7. децембар`` after prepositions (Cyrillic)."""
    month_genitive = SR_MONTHS_GENITIVE[month - 1]
    genitive = f"{SR_WEEKDAYS_GENITIVE[weekday]}, {day}. {month_genitive}"
    accusative = f"{SR_WEEKDAYS_ACCUSATIVE[weekday]}, {day}. {month_genitive}"
    after = {word: genitive for word in SR_GENITIVE_AFTER}
    after.update({word: accusative for word in SR_ACCUSATIVE_AFTER})
    return after


def albanian_date(weekday: int, plain: str, plain_weekday: str) -> Mapping[str, str]:
    """The forms of ``e hënë, 7 dhjetor`` (Babel's) after prepositions."""
    rest = plain[len(plain_weekday) :]
    after = {word: SQ_WEEKDAYS_DEFINITE[weekday] + rest for word in SQ_DEFINITE_AFTER}
    after.update({word: SQ_WEEKDAYS_ACCUSATIVE[weekday] + rest for word in SQ_ACCUSATIVE_AFTER})
    after.update({word: rest.lstrip(", ") for word in SQ_WITHOUT_WEEKDAY_AFTER})
    return after
