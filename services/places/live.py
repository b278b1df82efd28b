"""The tree every instance answers with: the place file with the admins' edits of the version in
use laid over it. :func:`refresh` compares the version in the database with the tree's and,
when they differ, builds the new tree and swaps it in (no restart); ``kesco-bot run`` calls it
every few seconds (:class:`services.knowledge.watcher.KnowledgeWatcher`), and the staff API
right after an admin publishes."""

from __future__ import annotations

import logging

from services.db import Database
from services.places import edits
from services.places.in_use import base_places, place_tree, use_tree
from services.places.tree import PlaceTree

log = logging.getLogger(__name__)


async def refresh(database: Database) -> bool:
    """Lay the version of the edits in use over the file if it is not the one laid; whether
    the tree changed."""
    async with database.transaction() as session:
        number = await edits.latest_number(session)
        if number == place_tree().version:
            return False
        found = await edits.current(session)
    tree = edits.apply(base_places(), found.edits if found else ())
    use_tree(PlaceTree(tree.all(), version=number))
    log.info("places: version %s of the admins' edits applied (%s places)", number, len(tree))
    return True
