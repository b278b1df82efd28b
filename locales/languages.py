"""The languages the bot speaks: one registry that every other part of the code asks.

A language is a catalog (``locales/<catalog>/LC_MESSAGES/messages.po``) shown in one script.
Serbian is written once, in Cyrillic (``sr``); Serbian Latin (``sr-Latn``) is the same catalog
passed through an exact transliteration. Adding a language is an entry here plus its catalog
(docs/languages.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from locales.serbian_script import cyrillic_to_latin, is_cyrillic


@dataclass(frozen=True)
class Language:
    """One language form the bot writes in.

    ``code`` is what is stored per chat and used in settings; ``catalog`` names the gettext
    catalog it is written from; ``derive`` turns that catalog's text into this form (a script
    conversion) when the form has no catalog of its own; ``messenger_codes`` are the language
    codes (IETF tags, matched by prefix) that Telegram or Viber send for people who use it.
    """

    code: str
    name: str
    english_name: str
    script: str
    babel_locale: str
    catalog: str
    messenger_codes: tuple[str, ...]
    derive: Callable[[str], str] | None = None

    @property
    def has_catalog(self) -> bool:
        return self.derive is None


LANGUAGES: tuple[Language, ...] = (
    Language("sq", "Shqip", "Albanian", "Latn", "sq_XK", "sq", ("sq", "als", "aln")),
    Language("en", "English", "English", "Latn", "en_GB", "en", ("en",)),
    Language("sr", "Српски", "Serbian (Cyrillic)", "Cyrl", "sr_Cyrl_XK", "sr", ("sr", "sr-cyrl")),
    Language(
        "sr-Latn",
        "Srpski",
        "Serbian (Latin)",
        "Latn",
        "sr_Latn_XK",
        "sr",
        ("sr-latn", "sh", "hr", "bs", "me", "cnr"),
        derive=cyrillic_to_latin,
    ),
)
_BY_CODE = {language.code: language for language in LANGUAGES}
FALLBACK = "en"

CODES: tuple[str, ...] = tuple(language.code for language in LANGUAGES)
"""Every language form, as stored per chat."""
CATALOGS: tuple[str, ...] = tuple(language.code for language in LANGUAGES if language.has_catalog)
"""The languages written in their own catalog (and in which staff and the backend give texts)."""


def get(code: str | None) -> Language:
    """The language with ``code``; the fallback language (English) for anything else."""
    return _BY_CODE.get(code or "", _BY_CODE[FALLBACK])


def is_known(code: str | None) -> bool:
    return code in _BY_CODE


def catalog_of(code: str) -> str:
    """The catalog language ``code`` is written from (``sr-Latn`` -> ``sr``)."""
    return get(code).catalog


def from_messenger(tag: str | None) -> str | None:
    """Map a messenger's language code (``sq``, ``en-US``, ``sr_Latn_RS``, ``bs``) to ours.

    The longest matching prefix wins, so ``sr-Latn`` beats ``sr``; ``None`` when nothing
    matches.
    """
    if not tag:
        return None
    normalized = tag.strip().lower().replace("_", "-")
    best: tuple[int, str] | None = None
    for language in LANGUAGES:
        for prefix in language.messenger_codes:
            matches = normalized == prefix or normalized.startswith(prefix + "-")
            if matches and (best is None or len(prefix) > best[0]):
                best = (len(prefix), language.code)
    return best[1] if best else None


def script_of(text: str) -> str:
    """``Cyrl`` when ``text`` has Cyrillic letters, else ``Latn``."""
    return "Cyrl" if is_cyrillic(text) else "Latn"


def form_for(catalog: str, text: str) -> str:
    """The language form of ``catalog`` written in the script of ``text`` (Serbian typed in
    Latin letters is ``sr-Latn``); the catalog's own form when none matches."""
    script = script_of(text)
    forms = [language for language in LANGUAGES if language.catalog == catalog]
    matching = [language.code for language in forms if language.script == script]
    return matching[0] if matching else catalog


def in_script(code: str, text: str) -> str:
    """``text`` from ``code``'s catalog language, written in ``code``'s own script."""
    derive = get(code).derive
    return derive(text) if derive else text
