"""Words in the case the sentence needs: dates and place names after a preposition.

Serbian declines: "од понедељка, 7. децембра" (genitive after од and до), "у Дарданији"
(locative after у and на), "у среду" (accusative). Albanian places take another form after
"në" ("në Dardani", "në Qendër", "në Kodrën e Diellit") and weekdays after "nga" and "deri"
("nga e hëna", "deri të martën"). A translation names no case: it just puts the preposition
before the placeholder, as a native speaker writes it.

So a value that declines is an :class:`Inflected` string (its plain text is the form without
a preposition, so it reads right anywhere else), carrying the forms it takes after each
preposition; and :class:`Sentence`, the string :func:`locales.translation.translate` returns,
formats each such value in the form that the word just before its placeholder asks for. One
place decides it for every message, alert and staff page.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from string import Formatter
from typing import Any

_FORMATTER = Formatter()
_LAST_WORD = re.compile(r"(\w+)\W*$")


class Inflected(str):
    """A word or phrase with its forms after prepositions: ``after`` maps a preposition (lower
    case, in the script of the text) to the form it takes there."""

    after: Mapping[str, str]

    def __new__(cls, text: str, after: Mapping[str, str] | None = None) -> Inflected:
        value = super().__new__(cls, text)
        value.after = dict(after or {})
        return value

    def following(self, word: str | None) -> str:
        """The form after ``word`` (the word before the placeholder), else the plain text."""
        if word is None:
            return str(self)
        return self.after.get(word.lower(), str(self))


def joined(values: list[str], separator: str = ", ") -> str:
    """Values joined, each keeping its forms: ``у Дарданији, Улпијани``."""
    words = {word for value in values if isinstance(value, Inflected) for word in value.after}
    after = {
        word: separator.join(
            value.following(word) if isinstance(value, Inflected) else value for value in values
        )
        for word in words
    }
    return Inflected(separator.join(values), after)


def extended(value: str, suffix: str) -> str:
    """``value`` followed by ``suffix`` (", 14:05"), in each of its forms."""
    if not isinstance(value, Inflected):
        return value + suffix
    return Inflected(value + suffix, {word: form + suffix for word, form in value.after.items()})


class Sentence(str):
    """A translated message whose :meth:`format` puts every :class:`Inflected` value in the
    form the word before its placeholder asks for."""

    def format(self, *args: Any, **kwargs: Any) -> str:
        if not any(isinstance(value, Inflected) for value in (*args, *kwargs.values())):
            return str.format(self, *args, **kwargs)
        parts: list[str] = []
        automatic = iter(range(len(args)))
        for literal, field, spec, conversion in _FORMATTER.parse(self):
            parts.append(literal)
            if field is None:
                continue
            key: int | str = next(automatic) if field == "" else field
            value, _ = _FORMATTER.get_field(str(key), args, kwargs)
            if isinstance(value, Inflected):
                value = value.following(_word_before("".join(parts)))
            value = _FORMATTER.convert_field(value, conversion)
            parts.append(_FORMATTER.format_field(value, spec or ""))
        return "".join(parts)


def _word_before(text: str) -> str | None:
    """The word right before a placeholder (only spaces between), if any."""
    match = _LAST_WORD.search(text)
    if match is None or text[match.end(1) :].strip(" "):
        return None
    return match.group(1)
