"""Translating and formatting for a given language, from the Babel catalogs.

Everything here takes the language explicitly; the conversation's "current language" is a
context variable in :mod:`locales.i18n` built on these functions.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from io import BytesIO
from pathlib import Path

from babel.dates import format_date, get_date_format
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_currency
from babel.support import Translations

from locales import languages
from locales.cases import albanian_date, serbian_date
from locales.grammar import Inflected, Sentence

LOCALES_DIR = Path(__file__).resolve().parent


def N_(message: str) -> str:
    """Mark ``message`` for the catalogs; it is translated later, where it is shown."""
    return message


@cache
def _catalog(catalog: str) -> Translations:
    po_path = LOCALES_DIR / catalog / "LC_MESSAGES" / "messages.po"
    with po_path.open("rb") as handle:
        parsed = read_po(handle, locale=catalog)
    buffer = BytesIO()
    write_mo(buffer, parsed, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer)


def translate(message: str, language: str) -> str:
    """``message`` (an English msgid) in ``language`` (any registered code): a
    :class:`~locales.grammar.Sentence`, whose ``format`` declines dates and places."""
    text = _catalog(languages.catalog_of(language)).gettext(message)
    return Sentence(languages.in_script(language, text))


def translate_plural(singular: str, plural: str, count: int, language: str) -> str:
    catalog = _catalog(languages.catalog_of(language))
    return Sentence(languages.in_script(language, catalog.ngettext(singular, plural, count)))


def babel_locale(language: str) -> str:
    return languages.get(language).babel_locale


def money(amount: Decimal, currency: str, language: str) -> str:
    return format_currency(amount, currency, locale=babel_locale(language))


def long_date(value: date | datetime, language: str) -> str:
    return format_date(value, format="long", locale=babel_locale(language))


@cache
def _weekday_date_pattern(locale: str) -> str:
    """The locale's full date pattern without the year: weekday and month written in full."""
    full = get_date_format("full", locale=locale).pattern
    return re.sub(r"[\s,]*y+\.?", "", full).strip()


def weekday_and_date(value: date | datetime, language: str) -> str:
    """``Sunday, 29 November`` / ``e diel, 29 nëntor`` / ``недеља, 29. новембар``: an
    :class:`~locales.grammar.Inflected` string in Serbian and Albanian, which a translated
    message puts in the case its preposition asks for (``од недеље, 29. новембра``)."""
    locale = babel_locale(language)
    plain = format_date(value, _weekday_date_pattern(locale), locale=locale)
    base = languages.catalog_of(language)
    if base == "sr":
        forms = serbian_date(value.weekday(), value.day, value.month)
        return Inflected(
            plain,
            {
                languages.in_script(language, word): languages.in_script(language, form)
                for word, form in forms.items()
            },
        )
    weekday = format_date(value, "EEEE", locale=locale)
    if base == "sq" and plain.startswith(weekday):
        return Inflected(plain, albanian_date(value.weekday(), plain, weekday))
    return plain


def month_and_year(value: str, language: str) -> str:
    """A billing period ``YYYY-MM`` as the month and year in ``language``."""
    year, month = (int(part) for part in value.split("-", 1))
    return format_date(date(year, month, 1), format="LLLL y", locale=babel_locale(language))
