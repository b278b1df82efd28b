"""Every message the code can show has a translation in every catalog, with the same
placeholders; Serbian Latin is derived and holds no Cyrillic."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from locales.i18n import translate
from locales.languages import CATALOGS as CATALOG_LANGUAGES
from locales.languages import from_messenger as language_from_hint
from locales.translation import LOCALES_DIR

ROOT = Path(__file__).resolve().parent.parent
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
METHODS = [("**.py", "python"), ("**/templates/**.html", "jinja2")]  # the staff pages' templates


def messages_in_code() -> set[str]:
    found: set[str] = set()
    for package in ("handlers", "bot", "services"):
        for _file, _line, message, _comments, _context in extract_from_dir(
            ROOT / package, keywords=KEYWORDS, method_map=METHODS
        ):
            found.add(message if isinstance(message, str) else message[0])
    return found


def catalog(language: str):  # noqa: ANN201
    with (LOCALES_DIR / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=language)


def test_code_has_messages() -> None:
    assert len(messages_in_code()) > 50


@pytest.mark.parametrize("language", CATALOG_LANGUAGES)
def test_every_message_is_translated(language: str) -> None:
    translations = catalog(language)
    missing, fuzzy, placeholders = [], [], []
    for msgid in sorted(messages_in_code()):
        entry = translations.get(msgid)
        strings = (
            []
            if entry is None
            else ([entry.string] if isinstance(entry.string, str) else list(entry.string))
        )
        if entry is None or not strings or not all(strings):
            missing.append(msgid)
            continue
        if entry.fuzzy:
            fuzzy.append(msgid)
        for string in strings:
            if set(PLACEHOLDER.findall(string)) != set(PLACEHOLDER.findall(msgid)):
                placeholders.append((msgid, string))
    assert not missing, f"{language}: untranslated: {missing}"
    assert not fuzzy, f"{language}: fuzzy: {fuzzy}"
    assert not placeholders, f"{language}: placeholders differ: {placeholders}"


def test_serbian_latin_is_derived_from_cyrillic() -> None:
    cyrillic = translate("Choose your language:", "sr")
    latin = translate("Choose your language:", "sr-Latn")
    assert cyrillic == "Изаберите језик:"
    assert latin == "Izaberite jezik:"
    for msgid in messages_in_code():
        assert not re.search("[\u0400-\u04ff]", translate(msgid, "sr-Latn"))


@pytest.mark.parametrize(
    ("hint", "expected"),
    [
        ("sq", "sq"),
        ("sq-AL", "sq"),
        ("en-US", "en"),
        ("sr", "sr"),
        ("sr-Latn", "sr-Latn"),
        ("sr_Latn_RS", "sr-Latn"),
        ("bs", "sr-Latn"),
        ("de", None),
        (None, None),
        ("", None),
    ],
)
def test_messenger_language_codes(hint: str | None, expected: str | None) -> None:
    assert language_from_hint(hint) == expected
