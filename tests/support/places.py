"""Shared helpers of the places-delivery tests (no tests here): chats linked to codes at a
place, street, feeder and station; followed places; reports; outage and work events aimed at
any grain."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update

from services import alerts
from services.db import Database
from services.db.alert_models import AreaFollow, OutboxMessage
from services.db.models import Chat, ChatLink
from services.db.report_models import PowerReport
from tests.support.alerts import NOON, stamp


async def chat_at(
    database: Database,
    name: str,
    *,
    code: str | None = None,
    place: str | None = None,
    area: str | None = None,
    street: str | None = None,
    feeder: str | None = None,
    station: str | None = None,
    follows: tuple[str, ...] = (),
    reported: str | None = None,
    at: datetime = NOON,
) -> int:
    """A Telegram chat named ``name``: linked to ``code`` (at ``place``, or at its ``area``
    alone as an older backend gives it, on ``street``, ``feeder`` and ``station``), following
    ``follows``, and with an open report of no power in ``reported``."""
    async with database.transaction() as session:
        chat = Chat(channel="telegram", external_id=name, language="en", pushes=True)
        session.add(chat)
        await session.flush()
        if code is not None:
            link = {"area_id": area, "street": street, "feeder": feeder, "station": station}
            if place is not None:
                link["place_id"] = place
            session.add(ChatLink(chat_id=chat.id, customer_code=code, **link))
        for followed in follows:
            session.add(AreaFollow(chat_id=chat.id, area_id=followed))
        if reported is not None:
            session.add(
                PowerReport(
                    chat_id=chat.id,
                    area_id=reported,
                    district="DPE",
                    created_at=at - timedelta(minutes=10),
                    closed_as=0,
                )
            )
        return chat.id


def outage(
    event_id: str, *, district: str = "DPE", at: datetime = NOON, **aim: Any
) -> dict[str, Any]:
    """An ``outage.started`` of outage ``OUT-<event_id>`` aimed by ``aim`` (places, streets...)."""
    return {
        "id": event_id,
        "type": "outage.started",
        "occurred_at": stamp(at),
        "outage_id": f"OUT-{event_id}",
        "district": district,
        "started_at": stamp(at - timedelta(minutes=5)),
        **aim,
    }


def follow_up(event_id: str, outage_id: str, kind: str, at: datetime, **fields: Any) -> dict:
    """An ``outage.updated`` or ``outage.restored`` (``kind``) of ``outage_id``."""
    event: dict[str, Any] = {
        "id": event_id,
        "type": f"outage.{kind}",
        "occurred_at": stamp(at),
        "outage_id": outage_id,
        **fields,
    }
    if kind == "restored":
        event["restored_at"] = stamp(at)
    return event


async def told(database: Database, event_id: str) -> set[str]:
    """The chats (by name) that got a message of the event."""
    async with database.transaction() as session:
        query = (
            select(Chat.external_id)
            .join(OutboxMessage, OutboxMessage.chat_id == Chat.id)
            .where(OutboxMessage.event_id == event_id)
        )
        return set(await session.scalars(query))


async def reached(database: Database, event: dict[str, Any], now: datetime = NOON) -> set[str]:
    """Apply ``event`` (counting it first: the staff preview must say the same) and return the
    chats told of it."""
    counted = await alerts.count_recipients(database, event, now=now)
    await alerts.ingest_event(database, event, now=now)
    names = await told(database, event["id"])
    assert counted == len(names), (counted, names)
    return names


async def mark_sent(database: Database) -> None:
    """Every queued message went out."""
    async with database.transaction() as session:
        await session.execute(
            update(OutboxMessage).where(OutboxMessage.state == "queued").values(state="sent")
        )
