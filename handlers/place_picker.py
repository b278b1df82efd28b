"""Choosing a place by buttons: the districts, then the municipalities of one, then its
settlements or neighbourhoods (and streets where the data has them), a page at a time, with a
search by name at every level.

One picker serves several flows (following places, reporting no power); each says how its
buttons' payloads are written (:class:`PickerPayloads`) and what the place's own button does.
A level holds at most :data:`PAGE_SIZE` places, two to a row, so that a level with its
buttons stays within Viber's 24 keyboard rows and Telegram's 100 buttons; a place with
places under it opens them ("Podujevë ›"), one without is chosen.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass

from handlers import danger, place_names
from handlers.messages import Button, OutgoingMessage
from handlers.turn import Turn
from locales.i18n import _, current_language

PAGE_SIZE = 16
MAX_NAME_WORDS = 4  # longer than this, a text is a sentence rather than a place's name
Rows = tuple[tuple[Button, ...], ...]


@dataclass(frozen=True)
class PickerPayloads:
    """How one flow writes its picker's payloads: ``level(place, page)`` opens the places
    under ``place`` (the districts for None), ``choose(place)`` picks it, ``search(place)``
    asks for a name to look for under ``place``."""

    level: Callable[[str | None, int], str]
    choose: Callable[[str], str]
    search: Callable[[str | None], str]


def read_level(argument: str) -> tuple[str | None, int]:
    """``"<place>:<page>"`` or ``"<place>"`` -> the place (None when unknown) and the page."""
    place_id, _sep, page = argument.rpartition(":")
    if not place_id or not page.isdigit():
        place_id, page = argument, "0"
    if place_names.get(place_id) is None:
        return None, 0
    return place_id, int(page)


def page_of(place_id: str) -> tuple[str | None, int]:
    """The level that shows ``place_id`` and the page it is on."""
    place = place_names.get(place_id)
    parent = place.parent if place is not None else None
    siblings = [p.id for p in place_names.children(parent, current_language())]
    index = siblings.index(place_id) if place_id in siblings else 0
    return parent, index // PAGE_SIZE


def level_view(
    payloads: PickerPayloads,
    place_id: str | None,
    page: int,
    text: str,
    *,
    marked: Collection[str] = (),
    own: Button | None = None,
    extra: Rows = (),
) -> OutgoingMessage:
    """The places under ``place_id`` (the districts for None), page ``page``; ``marked``
    places get a tick; ``own`` is the place's own button (follow all of it...)."""
    language = current_language()
    places = place_names.children(place_id, language)
    pages = max(1, -(-len(places) // PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    shown = places[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    buttons = [_place_button(payloads, place.id, place.id in marked, language) for place in shown]
    rows: list[tuple[Button, ...]] = [(own,)] if own is not None else []
    rows += [tuple(buttons[i : i + 2]) for i in range(0, len(buttons), 2)]
    if pages > 1:
        text += "\n" + _("Page {page} of {pages}.").format(page=page + 1, pages=pages)
        rows.append(_paging(payloads, place_id, page, pages))
    search = Button(_("🔎 Search by name"), payload=payloads.search(place_id))
    if place_id is None:
        rows.append((search,))
    else:
        parent = place_names.get(place_id)
        up = parent.parent if parent is not None else None
        rows.append((Button(_("⬅ Back"), payload=payloads.level(up, 0)), search))
    # the districts come as a message of their own (what led there stays readable); a level
    # down, and each page, replaces the picker
    return OutgoingMessage(text, (*rows, *extra), edits_pressed=place_id is not None)


def _place_button(payloads: PickerPayloads, place_id: str, marked: bool, language: str) -> Button:
    text = str(place_names.name(place_id, language))
    if place_names.has_children(place_id):
        payload = payloads.level(place_id, 0)
        text += " ›"
    else:
        payload = payloads.choose(place_id)
    return Button(("✓ " if marked else "") + text, payload=payload)


def _paging(
    payloads: PickerPayloads, place_id: str | None, page: int, pages: int
) -> tuple[Button, ...]:
    row = []
    if page > 0:
        row.append(Button(_("◀ Previous"), payload=payloads.level(place_id, page - 1)))
    if page < pages - 1:
        row.append(Button(_("Next ▶"), payload=payloads.level(place_id, page + 1)))
    return tuple(row)


def choices(
    payloads: PickerPayloads, place_ids: list[str], text: str, marked: Collection[str] = ()
) -> OutgoingMessage:
    """Places of the same name asked back, each named with its parent, one to a row (two
    places that read the same in the reader's language, "Сунчани Брег", add their Albanian
    name)."""
    language = current_language()
    labels = {place_id: place_names.label(place_id, language) for place_id in place_ids}
    repeated = {label for label in labels.values() if list(labels.values()).count(label) > 1}
    rows = []
    for place_id, label in labels.items():
        if label in repeated:
            label = place_names.label_in_albanian_too(place_id, language)
        mark = "✓ " if place_id in marked else ""
        rows.append((Button(mark + label, payload=payloads.choose(place_id)),))
    return OutgoingMessage(text, tuple(rows))


def typed(turn: Turn, text: str, within: str | None) -> list[str] | None:
    """The places a name typed while the picker is shown means (see
    :func:`handlers.place_names.search`); None when the text is not a name but a message of
    its own (danger, a question the bot understands), for free text to answer."""
    if danger.is_danger(turn, text):
        return None
    if len(text.split()) > MAX_NAME_WORDS and _understood(turn, text):
        return None
    found = place_names.search(text, within)
    if not found and _understood(turn, text):
        return None
    return found


def _understood(turn: Turn, text: str) -> bool:
    """Whether the bot understands ``text`` as a question or a request of its own."""
    faq = turn.deps.faq
    if faq is None:
        return False
    return faq.understand(text, current_language().split("-")[0]).id is not None
