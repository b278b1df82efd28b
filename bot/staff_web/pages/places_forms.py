"""The staff pages' place forms, as posted: a new place under a parent (its level, id, names in
Albanian, Serbian Cyrillic and English, other spellings, forms after prepositions) or a place's
new names; the words for what is wrong with one; and the preview of a place as the bot will
name it (in every language, after a preposition) before an admin publishes it."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from multidict import MultiMapping

from bot.staff_web.pages import labels
from bot.staff_web.place_search import LEVEL_WORDS
from locales import languages
from locales.grammar import Inflected
from locales.i18n import _
from services.places.edits import MAX_NAME
from services.places.tree import CASE_FORMS, NAME_LANGUAGES, PARENT_LEVELS, Place, PlaceTree

NAME_LABELS = (("sq", "Shqip"), ("sr", "Српски (ћирилица)"), ("en", "English"))
# The word a language puts before a place (the preview's sentence, "në Lluzhan", "у Лужану").
PREPOSITIONS = {"sq": "në", "sr": "у", "sr-Latn": "u", "en": "in"}
_NOT_ID = re.compile(r"[^a-z0-9]+")


@dataclass
class PlaceForm:
    """What a place form holds, as typed (so that it can be shown again)."""

    id: str = ""
    level: str = ""
    names: dict[str, str] = field(default_factory=dict)
    forms: dict[str, str] = field(default_factory=dict)
    aliases: str = ""

    @classmethod
    def posted(cls, post: MultiMapping[Any]) -> PlaceForm:
        def text(name: str, limit: int = MAX_NAME + 10) -> str:
            return str(post.get(name, ""))[:limit].strip()

        return cls(
            id=text("id", 64),
            level=text("level", 16),
            names={code: text(f"name_{code}") for code in NAME_LANGUAGES},
            forms={form: text(f"form_{form}") for form in CASE_FORMS},
            aliases=text("aliases", 4000),
        )

    @classmethod
    def of(cls, place: Place) -> PlaceForm:
        """A place's names as they are, to be changed."""
        return cls(place.id, place.level, dict(place.names), dict(place.forms))

    def spellings(self) -> list[str]:
        """The other spellings typed, one a line (or separated by commas or ``|``)."""
        found = (part.strip() for part in re.split(r"[\n,|]", self.aliases))
        return list(dict.fromkeys(part for part in found if part))

    def body(self, parent: str | None = None) -> dict[str, Any]:
        """The edit as the service layer checks it (``edits.checked``): with ``parent``, a new
        place of the form's level."""
        body: dict[str, Any] = {
            "names": {code: text for code, text in self.names.items() if text},
            "forms": {form: text for form, text in self.forms.items() if text},
            "aliases": self.spellings(),
        }
        if parent is not None:
            body.update(level=self.level, parent=parent)
        return body

    def changes(self, place: Place) -> bool:
        """Whether the form changes ``place`` (a name, a form, or a spelling it lacks)."""
        names = {code: text for code, text in self.names.items() if text}
        forms = {form: text for form, text in self.forms.items() if text}
        new_names = any(place.names.get(code) != text for code, text in names.items())
        new_forms = any(place.forms.get(form) != text for form, text in forms.items())
        return new_names or new_forms or bool(set(self.spellings()) - set(place.aliases))


def child_levels(parent: Place) -> list[str]:
    """The levels a place under ``parent`` may be of, finest first for a municipality's
    villages."""
    return [level for level, allowed in PARENT_LEVELS.items() if parent.level in allowed]


def suggested_id(name: str, parent: Place, tree: PlaceTree) -> str:
    """An id for a new place named ``name`` (Albanian) under ``parent``: its name in plain
    letters (``Llukar`` -> ``llukar``), with the parent's id where that is taken."""
    plain = unicodedata.normalize("NFKD", name.lower())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    slug = _NOT_ID.sub("-", plain).strip("-")[:40] or "place"
    return slug if slug not in tree else f"{slug}-{parent.id}"[:64]


def error_message(field: str) -> str:
    """What is wrong with the place's ``field`` (as the service layer names it), in words."""
    if field == "id":
        return _("The short name takes Latin letters (a-z), digits, '-', '_' and '.', up to 64.")
    if field == "names.sq":
        return _("Write the Albanian name.")
    if field == "names.sr" or field.startswith("forms.sr"):
        return _("Write the Serbian name and its forms in Cyrillic.")
    if field.startswith("names") or field.startswith("forms"):
        return _("Each name and form takes up to 120 characters.")
    if field == "aliases":
        return _("Give up to 30 other spellings, one a line, up to 120 characters each.")
    if field == "level":
        return _("Choose what kind of place it is.")
    if field == "parent":
        return _("A place of this kind cannot lie there.")
    if field == "unchanged":
        return _("Nothing to publish: the names are as they were.")
    return _("Not possible")


def level_word(level: str) -> str:
    return labels.word(LEVEL_WORDS, level)


@dataclass(frozen=True)
class NameShown:
    """How the bot names a place in one language: alone, and after a preposition."""

    language: str
    name: str
    sentence: str


def names_shown(place: Place) -> list[NameShown]:
    """The place as the bot names it in each language (the preview and the place's page)."""
    shown = []
    for language in languages.CODES:
        named = place.name(language)
        word = PREPOSITIONS.get(language, "")
        after = named.following(word) if isinstance(named, Inflected) else named
        shown.append(NameShown(language, str(named), f"{word} {after}".strip()))
    return shown


def path_of(place: Place, tree: PlaceTree) -> list[Place]:
    """The places above ``place``, its district first."""
    above = [tree.get(place_id) for place_id in tree.ancestors(place.id)[1:]]
    return [found for found in reversed(above) if found is not None]
