"""The places in use: the place file read (:mod:`.loader`) as a tree (:mod:`.tree`), with the
admins' edits laid over it (:mod:`.live`). Everything that asks where a place lies asks
:func:`place_tree`."""

from __future__ import annotations

from services.places.loader import load_places
from services.places.tree import Place, PlaceTree


class _InUse:
    """The place file in use, its places, and the tree (the file with the admins' edits)."""

    file: str | None = None
    base: tuple[Place, ...] | None = None
    tree: PlaceTree | None = None


def use_file(path: str | None) -> PlaceTree:
    """Read the place file at ``path`` (None: the shipped one) and use it from now on, without
    edits until they are laid over it again (:func:`services.places.live.refresh`). Raises
    :class:`services.places.loader.PlaceFileError` naming the line of the first problem."""
    places = tuple(load_places(path))
    tree = PlaceTree(places)
    _InUse.file, _InUse.base, _InUse.tree = path, places, tree
    return tree


def base_places() -> tuple[Place, ...]:
    """The places of the file in use, before the admins' edits."""
    if _InUse.base is None:
        use_file(_InUse.file)
    assert _InUse.base is not None
    return _InUse.base


def use_tree(tree: PlaceTree) -> None:
    """Answer with ``tree`` from now on (the file with a newer version of the edits)."""
    _InUse.tree = tree


def place_tree() -> PlaceTree:
    """The tree in use: the place file with the admins' edits last applied."""
    if _InUse.tree is None:
        use_file(_InUse.file)
    assert _InUse.tree is not None
    return _InUse.tree
