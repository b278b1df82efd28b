"""Where a linked customer code is, as the bot keeps it: the account backend's place, street,
feeder and transformer station of the customer, copied onto the chat's link
(:class:`services.db.models.ChatLink`) when the code is linked, and refreshed when the backend
says otherwise (:func:`refresh`, whenever the bot reads the customer again).

Outages reach a code by these columns (:mod:`services.alerts.targets`), so they are stored the
way events name them: ``place_id`` is the finest place known (the customer's place, else its
area, else its district), ``street`` is normalised (:func:`normalise_street`) and the network
ids are kept as the backend gives them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass

from sqlalchemy import or_, update
from sqlalchemy.ext.asyncio import AsyncSession

from locales.serbian_script import cyrillic_to_latin
from services.backend.base import Customer
from services.db import changed
from services.db.models import ChatLink
from services.places.in_use import place_tree

# Words naming a street that people write or leave out: "Rr. Agim Ramadani", "Rruga Agim
# Ramadani" and "Agim Ramadani" are one street; so are "Ul. Cara Lazara" and "Улица Цара Лазара".
_STREET_WORDS = frozenset({"rr", "rruga", "rrug", "ul", "ulica", "str", "street", "st"})
_NOT_WORD = re.compile(r"[^0-9a-z]+")
MAX_STREET = 128


def normalise_street(name: str | None) -> str | None:
    """A street as it is stored and compared: Latin script, lower case, without diacritics,
    punctuation or the word for "street" (``"Rr. Nëna Terezë"`` -> ``"nena tereze"``); None
    for nothing."""
    if not name:
        return None
    latin = cyrillic_to_latin(name).replace("đ", "dj").replace("Đ", "Dj")
    plain = "".join(
        char for char in unicodedata.normalize("NFKD", latin) if not unicodedata.combining(char)
    )
    words = _NOT_WORD.sub(" ", plain.lower()).split()
    while words and words[0] in _STREET_WORDS and len(words) > 1:
        words = words[1:]
    text = " ".join(words)[:MAX_STREET]
    return text or None


def network_id(value: str | None) -> str | None:
    """A feeder or station id as stored and compared: trimmed, None for nothing."""
    text = (value or "").strip()[:64]
    return text or None


@dataclass(frozen=True)
class LinkPlace:
    """The columns of a link that say where its code is."""

    area_id: str | None
    place_id: str | None
    street: str | None
    feeder: str | None
    station: str | None

    def columns(self) -> dict[str, str | None]:
        return asdict(self)


def place_of(link: ChatLink) -> LinkPlace:
    """Where a stored link says its code is."""
    return LinkPlace(link.area_id, link.place_id, link.street, link.feeder, link.station)


def finest_place(customer: Customer) -> str | None:
    """The finest place the backend gives that the place tree knows: its ``place_id``, else its
    area (an older backend knows the area only), else its district; else what it gave."""
    given = [c[:64] for c in (customer.place_id, customer.area_id, customer.district) if c]
    tree = place_tree()
    return next((place for place in given if tree.get(place) is not None), None) or next(
        iter(given), None
    )


def link_place(customer: Customer) -> LinkPlace:
    """Where ``customer`` is, as a link stores it."""
    return LinkPlace(
        area_id=customer.area_id or None,
        place_id=finest_place(customer),
        street=normalise_street(customer.street),
        feeder=network_id(customer.feeder),
        station=network_id(customer.station),
    )


async def refresh(session: AsyncSession, customer: Customer) -> int:
    """The backend has just said where ``customer`` is: the links of its code that say
    otherwise are brought up to date (in every chat holding it); returns how many changed."""
    place = link_place(customer)
    columns = place.columns()
    differs = [getattr(ChatLink, name).is_distinct_from(value) for name, value in columns.items()]
    result = await session.execute(
        update(ChatLink)
        .where(ChatLink.customer_code == customer.code, or_(*differs))
        .values(**columns)
        .execution_options(synchronize_session=False)
    )
    return changed(result)
