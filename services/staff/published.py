"""Publishing the next version of something staff keep (the FAQ topics, the places).

Each kind has its own table of versions, numbered one after another with the number unique: two
instances publishing at once both try the same next number, and the second is told to try again.
"""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from services.staff.errors import Conflict


async def add_version(session: AsyncSession, row: object) -> None:
    """Adds ``row``, the next version; another version published meanwhile with the same
    number is a :class:`Conflict`."""
    session.add(row)
    try:
        await session.flush()
    except IntegrityError as error:
        raise Conflict("another version was published meanwhile: try again") from error
