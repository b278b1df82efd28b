"""Value types returned by the FAQ engine: what a message means and what to answer."""

from __future__ import annotations

from dataclasses import dataclass

from locales import languages

LANGUAGES: tuple[str, ...] = languages.CATALOGS
ANSWER_LANGUAGES: tuple[str, ...] = languages.CODES


@dataclass(frozen=True)
class Understanding:
    """What one message means: a topic or intent id (None when unsure), confidence, language,
    and the ids to ask back with.

    ``score`` (0..1) is the confidence in the best in-scope id, also when ``id`` is None.
    ``lang`` is the language the message is written in: ``sq``, ``en`` or ``sr`` (either script).
    ``choices`` are the two or three likeliest ids when the engine would rather ask back than
    answer (empty when it answers outright, and when it refuses).
    ``referred``: a matter of KESCO's that no topic answers, answered with its contacts
    (:mod:`services.faq.for_a_person`); kept for staff like a refusal.
    """

    id: str | None
    score: float
    lang: str
    choices: tuple[str, ...] = ()
    referred: bool = False


@dataclass(frozen=True)
class FaqButton:
    """A button under an answer: exactly one of ``url`` (https) or ``action`` (bot payload)."""

    label: str
    url: str | None = None
    action: str | None = None

    def __post_init__(self) -> None:
        if (self.url is None) == (self.action is None):
            raise ValueError(f"button {self.label!r} needs exactly one of url or action")
        if self.url is not None and not self.url.startswith("https://"):
            raise ValueError(f"button {self.label!r}: url must be https, got {self.url!r}")


@dataclass(frozen=True)
class FaqAnswer:
    """The answer to a FAQ topic in one language: short text and optional buttons."""

    text: str
    buttons: tuple[FaqButton, ...] = ()
