"""The chats a group of rotating cuts reaches (:mod:`services.rotation`), as one SQL condition.

A group aims at places, feeders and customer codes, as outage events do. It reaches the chats
linked to a code in its ``customer_codes`` or in one of its places, and the chats following one
of its places, that have not switched off any of ``preferences`` (outages; reminders too, for a
reminder). Places are brought down to area ids (:func:`services.rotation.upcoming.expand_places`)
until the place tree and its matching are merged; feeders reach nobody until chat links know
their feeder (both: places-delivery).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, false, select, union

from services.alerts.fanout import ChatColumn, Span, _within, not_switched_off
from services.db.alert_models import AreaFollow
from services.db.models import Chat, ChatLink
from services.rotation.upcoming import expand_places


def _wanting(query: Select[Any], chat_id: ChatColumn, preferences: Sequence[str]) -> Select[Any]:
    return query.where(*(not_switched_off(chat_id, name) for name in preferences))


def rotation_audience(
    places: Sequence[str],
    codes: Sequence[str],
    feeders: Sequence[str],
    preferences: Sequence[str],
    span: Span = None,
) -> ColumnElement[bool]:
    """Chats of the group (see the module) that want ``preferences``; ``feeders`` are kept in
    the plan for when links know them."""
    areas = expand_places(places)
    parts: list[Select[Any]] = []
    if areas:
        linked = select(ChatLink.chat_id).where(
            ChatLink.area_id.in_(areas), *_within(ChatLink.chat_id, span)
        )
        followed = select(AreaFollow.chat_id).where(
            AreaFollow.area_id.in_(areas), *_within(AreaFollow.chat_id, span)
        )
        parts += [
            _wanting(linked, ChatLink.chat_id, preferences),
            _wanting(followed, AreaFollow.chat_id, preferences),
        ]
    if codes:
        coded = select(ChatLink.chat_id).where(
            ChatLink.customer_code.in_(list(codes)), *_within(ChatLink.chat_id, span)
        )
        parts.append(_wanting(coded, ChatLink.chat_id, preferences))
    if not parts:
        return false()
    return Chat.id.in_(union(*parts))
