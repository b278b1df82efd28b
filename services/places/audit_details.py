"""What the audit log keeps of the admins' place edits, to be read in each staff member's
language (:mod:`services.staff.audit_details`): the place's names as they are now (and were
before a rename), and the place it lies in, by name in the reader's language."""

from __future__ import annotations

from locales.i18n import N_
from services.places.tree import Place, PlaceTree
from services.staff.audit_details import said


def edited(old: Place | None, tree: PlaceTree, place_id: str, number: int) -> str:
    """The detail of version ``number``, which added ``place_id`` (``old`` is None) or renamed
    it from ``old``; ``tree`` holds the place as it is now."""
    place = tree.get(place_id)
    assert place is not None
    if old is None:
        parent = tree.get(place.parent) if place.parent else None
        return said(
            N_("{name} ({parent}), version {number}"),
            name=dict(place.names),
            parent=dict(parent.names) if parent else {"sq": place.parent or ""},
            number=number,
        )
    if dict(old.names) != dict(place.names):
        return said(
            N_("{old} → {new}, version {number}"),
            old=dict(old.names),
            new=dict(place.names),
            number=number,
        )
    return said(N_("{name}: spellings, version {number}"), name=dict(place.names), number=number)


def restored(number: int, new: int) -> str:
    """The detail of version ``new``, which publishes version ``number`` again (0: no edits)."""
    if number:
        message = N_("version {restored} again, as version {number}")
        return said(message, restored=number, number=new)
    return said(N_("the place file alone again, as version {number}"), number=new)
