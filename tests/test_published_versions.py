"""Publishing the next version of the staff topics or of the places: a number published by
another instance meanwhile is a conflict (try again), for both kinds."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from services.db import Database
from services.db.knowledge_models import KnowledgeVersion
from services.db.place_models import PlaceVersion
from services.staff.errors import Conflict
from services.staff.published import add_version

pytestmark = pytest.mark.db


def _topics(number: int) -> KnowledgeVersion:
    return KnowledgeVersion(number=number, published_by="ana", action="topic.added", topics=[])


def _places(number: int) -> PlaceVersion:
    return PlaceVersion(number=number, published_by="ana", action="place.added", edits=[])


@pytest.mark.parametrize("version", [_topics, _places], ids=["topics", "places"])
async def test_the_same_number_twice_is_a_conflict(
    database: Database, version: Callable[[int], object]
) -> None:
    async with database.transaction() as session:
        await add_version(session, version(1))
    with pytest.raises(Conflict, match="try again"):
        async with database.transaction() as session:
            await add_version(session, version(1))
    async with database.transaction() as session:
        await add_version(session, version(2))
