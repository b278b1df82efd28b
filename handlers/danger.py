"""Danger (a fallen wire, sparks, a burning pole): a short safety answer before anything else,
with the emergency number (KESCO_EMERGENCY_NUMBER) and the call centre."""

from __future__ import annotations

from handlers.messages import Button, OutgoingMessage
from handlers.turn import Turn
from locales.i18n import _
from services.faq import safety

DANGER = "intent:danger"


def safety_message(turn: Turn) -> OutgoingMessage:
    """Keep away, call the emergency number, then the call centre."""
    text = "\n".join(
        (
            _(
                "⚠️ Keep away, at least 10 metres, from a fallen wire, sparks or a burning pole, "
                "and keep others away. Do not touch it or anything touching it."
            ),
            _("Call {emergency} now, then our call centre: 0800 791 00 (free of charge).").format(
                emergency=turn.deps.emergency_number
            ),
        )
    )
    return OutgoingMessage(text)


async def on_danger(turn: Turn) -> list[OutgoingMessage]:
    """The safety answer, then (when safe) a way to report that the power is out."""
    later = OutgoingMessage(
        _("When you are safe: if you have no power, you can tell us here."),
        ((Button(_("🔦 Report no power"), payload="rep:start"),),),
    )
    return [safety_message(turn), later]


def is_danger(turn: Turn, text: str) -> bool:
    """Whether ``text`` tells of a hazard: the safety check, which runs before anything else
    (also for messages typed in the middle of a flow), with or without the FAQ engine."""
    return bool(text) and safety.is_hazard(text)
