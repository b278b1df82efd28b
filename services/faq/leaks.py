"""Whether a training text is an evaluation question in disguise (the leak check).

Two texts are the same to the engine when, in any of the three languages, they fold to the
same content words (stopwords removed, Albanian in its standard spelling, district codes,
towns, companies and relatives one word each), in any order. A text whose content words are
all stopwords ("hello", "si je") is compared word for word instead: an empty reading says
nothing of what it is.
"""

from __future__ import annotations

from services.faq.features import STOPWORDS, content_words
from services.faq.normalize import tokens


def normalised(text: str) -> set[tuple[str, ...]]:
    """``text`` as the engine reads it in each language: folded, stopwords removed, district
    codes one word; the words sorted, so that a phrase in another order is the same phrase."""
    words = tokens(text)
    keys = {tuple(sorted(content_words(words, lang))) for lang in STOPWORDS}
    keys.discard(())
    return keys or {("=", *words)}


def leaks(phrases: list[str], questions: list[str]) -> list[tuple[str, str]]:
    """(phrase, question) pairs that are the same text after the engine's own normalisation
    in any of the languages (folding, stopwords removed, word order ignored)."""
    seen: dict[tuple[str, ...], str] = {}
    for phrase in phrases:
        for key in normalised(phrase):
            seen.setdefault(key, phrase)
    return [
        (seen[key], question)
        for question in questions
        for key in sorted(normalised(question))
        if key in seen
    ]
