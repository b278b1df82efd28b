"""The language of the message being handled, and translating and formatting in it.

The language lives in a context variable, set by the conversation before any handler runs
(stored choice, then the messenger's language code, then the default). The languages
themselves, and translating for a given language, are in :mod:`locales`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from decimal import Decimal

from locales import languages, translation
from locales.translation import N_

__all__ = ["N_", "_", "babel_locale", "current_language", "day", "money", "ngettext", "period"]

_language: ContextVar[str] = ContextVar("kesco_language", default=languages.LANGUAGES[0].code)


def current_language() -> str:
    return _language.get()


@contextmanager
def using_language(language: str) -> Iterator[None]:
    """Run a block with ``language`` as the current language (English when unknown)."""
    token = _language.set(languages.get(language).code)
    try:
        yield
    finally:
        _language.reset(token)


def translate(message: str, language: str | None = None) -> str:
    """``message`` (an English msgid) in ``language``, or in the current language."""
    return translation.translate(message, language or current_language())


def ngettext(singular: str, plural: str, count: int, language: str | None = None) -> str:
    return translation.translate_plural(singular, plural, count, language or current_language())


_ = translate


def babel_locale(language: str | None = None) -> str:
    return translation.babel_locale(language or current_language())


def money(amount: Decimal, currency: str = "EUR") -> str:
    return translation.money(amount, currency, current_language())


def day(value: date) -> str:
    return translation.long_date(value, current_language())


def period(value: str) -> str:
    """A billing period ``YYYY-MM`` as the month and year in the current language."""
    return translation.month_and_year(value, current_language())
