"""What the rotation events share: the ``groups`` kind of field (a whole timetable, read with
the ``starts_on`` and ``ends_on`` read before it) and the stored rotation they are about."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from services.alerts.event_types.fields import ID_PATTERN, EventRejected, Kind, Schema
from services.alerts.event_types.step import Step
from services.alerts.rotation_audience import districts_of_groups, known_place
from services.customer_codes import DISTRICTS, MAX_DIGITS, MIN_DIGITS
from services.db import changed, dialect_of
from services.db.rotation_models import Rotation
from services.rotation import parse
from services.rotation.parse import TimetableError, parse_groups
from services.rotation.timetable import Timetable


def _read_groups(value: Any, name: str, before: Mapping[str, Any]) -> Timetable:
    if value is None:
        raise EventRejected(name, f"{name} is required")
    try:
        return parse_groups(value, before["starts_on"], before["ends_on"], known_place)
    except TimetableError as error:
        field = error.path.split("[")[0].split(".")[0]
        raise EventRejected(field, str(error)) from None


def _ids_schema(limit: int, **item: Any) -> Schema:
    return {"type": "array", "maxItems": limit, "items": {"type": "string", **item}}


def _groups_schema() -> Schema:
    slot = {
        "type": "string",
        "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]-(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$",
        "example": "22:00-02:00",
    }
    group = {
        "type": "object",
        "required": ["id", "slots"],
        "properties": {
            "id": {
                "type": "string",
                "minLength": 1,
                "maxLength": parse.MAX_GROUP_ID,
                "pattern": f"^{ID_PATTERN.pattern}$",
                "description": "the group's name as people know it (A, B, 1, 2...)",
            },
            "slots": {
                "type": "array",
                "minItems": 1,
                "maxItems": parse.MAX_SLOTS,
                "items": slot,
                "description": "daily cuts, HH:MM-HH:MM Kosovo time; may cross midnight; "
                "not overlapping",
            },
            "places": {
                **_ids_schema(parse.MAX_PLACES, minLength=1, maxLength=64),
                "description": "place ids of any level (kesco-bot places list)",
            },
            "feeders": {
                **_ids_schema(parse.MAX_FEEDERS, maxLength=64, pattern=f"^{ID_PATTERN.pattern}$"),
                "description": "feeder or transformer-station ids",
            },
            "customer_codes": {
                **_ids_schema(
                    parse.MAX_CODES,
                    pattern=f"^({'|'.join(DISTRICTS)})[0-9]{{{MIN_DIGITS},{MAX_DIGITS}}}$",
                ),
                "description": "customer codes",
            },
        },
        "description": "a group: places, feeders and/or customer_codes (at least one), and slots",
    }
    return {"type": "array", "minItems": 1, "maxItems": parse.MAX_GROUPS, "items": group}


GROUPS = Kind(
    "groups",
    _read_groups,
    _groups_schema,
    "each group's daily cuts from starts_on to ends_on (at most "
    f"{parse.MAX_DAYS} days). A slot crossing midnight ends the next day; on the day clocks "
    "go forward a time in the skipped hour means 03:00, on the day they go back a time in the "
    "repeated hour means its first occurrence",
)


async def rotation_row(step: Step, external_id: str) -> tuple[Rotation, bool]:
    """The rotation, locked for this transaction, and whether this event created it."""
    insert = sqlite_insert if dialect_of(step.session) == "sqlite" else pg_insert
    created = await step.session.execute(
        insert(Rotation)
        .values(
            external_id=external_id,
            status="unknown",
            timetable={},
            districts=[],
            reminded_until=step.now,
            last_event_at=step.event.occurred_at,
            created_at=step.now,
            updated_at=step.now,
        )
        .on_conflict_do_nothing(index_elements=["external_id"])
    )
    query = (
        select(Rotation)
        .where(Rotation.external_id == external_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    row = (await step.session.execute(query)).scalar_one()
    return row, changed(created) > 0


def is_stale(step: Step, row: Rotation, created: bool) -> bool:
    """Whether the event is older than the last one applied to ``row`` (if not, it becomes
    the last one)."""
    if not created and step.event.occurred_at < row.last_event_at:
        return True
    row.last_event_at = step.event.occurred_at
    return False


def districts_of(timetable: Timetable) -> list[str]:
    """The districts a timetable's places (by the place tree) and codes are in."""
    return districts_of_groups(timetable.groups)


def expired(row: Rotation, now: datetime) -> bool:
    """Whether the rotation's last cut is over."""
    return row.ends_at is not None and row.ends_at <= now
