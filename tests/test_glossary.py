"""Every catalog follows the glossary (locales/glossary.toml): one word for one thing."""

from __future__ import annotations

import re
import tomllib

import pytest
from babel.messages.pofile import read_po

from locales.languages import CATALOGS
from locales.translation import LOCALES_DIR

GLOSSARY = tomllib.loads((LOCALES_DIR / "glossary.toml").read_text(encoding="utf-8"))
OTHERS = [code for code in CATALOGS if code != "en"]


def entries(language: str) -> list[tuple[str, str]]:
    """(English msgid, translation) pairs of a catalog, plural forms included."""
    with (LOCALES_DIR / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle, locale=language)
    pairs: list[tuple[str, str]] = []
    for message in catalog:
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        pairs += [(ids[min(i, len(ids) - 1)], text) for i, text in enumerate(strings)]
    return pairs


def test_every_catalog_language_has_every_term() -> None:
    for term, rules in GLOSSARY.items():
        assert set(OTHERS) <= set(rules), term


@pytest.mark.parametrize("language", OTHERS)
def test_translations_use_the_glossary_words(language: str) -> None:
    wrong: list[str] = []
    for term, rules in GLOSSARY.items():
        english = re.compile(rules["en"], re.IGNORECASE)
        use = re.compile(rules[language]["use"], re.IGNORECASE)
        avoid = rules[language].get("avoid")
        for msgid, text in entries(language):
            if english.search(msgid) and not use.search(text):
                wrong.append(f"{term}: {text!r} (for {msgid!r}) lacks /{use.pattern}/")
            if avoid and re.search(avoid, text, re.IGNORECASE):
                wrong.append(f"{term}: {text!r} uses /{avoid}/")
    assert wrong == []


def test_the_check_finds_a_drift() -> None:
    rules = GLOSSARY["customer-code"]["sr"]
    assert re.search(rules["avoid"], "Пошаљите шифру потрошача", re.IGNORECASE)
    assert re.search(rules["use"], "Пошаљите шифру купца", re.IGNORECASE)


# Where "account" is right: staff accounts, the account backend, the /accounts command's name
# (fixed by the contract) and the staff page's own "My account".
STAFF_ACCOUNT = re.compile(r"staff account|account backend|/accounts|^My account$", re.IGNORECASE)
ACCOUNT_WORDS = {"en": r"\baccounts?\b", "sq": r"llogari", "sr": r"налог"}


@pytest.mark.parametrize("language", ["en", *OTHERS])
def test_a_customer_code_is_never_an_account(language: str) -> None:
    """One thing, one name: the customer code is never called an account (the button
    'Link an account' then asked for a code)."""
    word = re.compile(ACCOUNT_WORDS[language], re.IGNORECASE)
    wrong = [
        text
        for msgid, text in entries(language)
        if word.search(text if language != "en" else msgid) and not STAFF_ACCOUNT.search(msgid)
    ]
    assert wrong == []
