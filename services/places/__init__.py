"""Places at the grain outages have: the hierarchy (:mod:`.tree`), the place file
(:mod:`.loader`), names people type (:mod:`.names`) and the admins' edits (:mod:`.edits`)."""

from services.places.in_use import place_tree
from services.places.tree import LEVELS, Place, PlaceTree

__all__ = ["LEVELS", "Place", "PlaceTree", "place_tree"]
