"""Languages of the conversation: gettext from the Babel catalogs, formatting, the locale.

The language of the message being handled lives in a context variable, set by the conversation
before any handler runs (stored choice, then the messenger's language code, then the default).
Serbian is written once, in Cyrillic (``sr``); Serbian Latin (``sr-Latn``) is derived from it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from decimal import Decimal
from functools import cache
from io import BytesIO
from pathlib import Path

from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_currency
from babel.support import Translations

from services.serbian_script import cyrillic_to_latin

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
LANGUAGES = ("sq", "en", "sr", "sr-Latn")
CATALOG_LANGUAGES = ("sq", "en", "sr")
LANGUAGE_NAMES = {"sq": "Shqip", "en": "English", "sr": "Српски", "sr-Latn": "Srpski"}
BABEL_LOCALES = {"sq": "sq_XK", "en": "en_GB", "sr": "sr_Cyrl_XK", "sr-Latn": "sr_Latn_XK"}
_LATIN_SERBIAN_HINTS = ("sr-latn", "sr_latn", "sh", "hr", "bs", "me", "cnr")

_language: ContextVar[str] = ContextVar("kesco_language", default="sq")


def current_language() -> str:
    return _language.get()


@contextmanager
def using_language(language: str) -> Iterator[None]:
    """Run a block with ``language`` as the current language."""
    token = _language.set(language if language in LANGUAGES else "en")
    try:
        yield
    finally:
        _language.reset(token)


def language_from_hint(hint: str | None) -> str | None:
    """Map a messenger's language code (``sq``, ``en-US``, ``sr``, ``sr-Latn``) to ours."""
    if not hint:
        return None
    code = hint.strip().lower().replace("_", "-")
    if code.startswith(_LATIN_SERBIAN_HINTS):
        return "sr-Latn"
    base = code.split("-")[0]
    if base in ("sq", "en", "sr"):
        return base
    return None


@cache
def _catalog(language: str) -> Translations:
    po_path = LOCALES_DIR / language / "LC_MESSAGES" / "messages.po"
    with po_path.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    buffer = BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer)


def translate(message: str, language: str | None = None) -> str:
    """``message`` (an English msgid) in ``language``, or in the current language."""
    language = language or current_language()
    if language == "sr-Latn":
        return cyrillic_to_latin(_catalog("sr").gettext(message))
    return _catalog(language if language in CATALOG_LANGUAGES else "en").gettext(message)


def translate_plural(singular: str, plural: str, count: int, language: str | None = None) -> str:
    language = language or current_language()
    if language == "sr-Latn":
        return cyrillic_to_latin(_catalog("sr").ngettext(singular, plural, count))
    catalog = _catalog(language if language in CATALOG_LANGUAGES else "en")
    return catalog.ngettext(singular, plural, count)


_ = translate


def N_(message: str) -> str:
    """Mark ``message`` for the catalogs; it is translated later, where it is shown."""
    return message


ngettext = translate_plural


def babel_locale(language: str | None = None) -> str:
    return BABEL_LOCALES.get(language or current_language(), "en_GB")


def money(amount: Decimal, currency: str = "EUR") -> str:
    return format_currency(amount, currency, locale=babel_locale())


def day(value: date) -> str:
    return format_date(value, format="long", locale=babel_locale())


def period(value: str) -> str:
    """A billing period ``YYYY-MM`` as the month and year in the current language."""
    year, month = (int(part) for part in value.split("-", 1))
    return format_date(date(year, month, 1), format="LLLL y", locale=babel_locale())
