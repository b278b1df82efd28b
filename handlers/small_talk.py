"""Everyday conversation: a greeting, thanks, a goodbye, "are you a bot", "what can you do".

A short, natural answer in the chat's language, always with the menu, so that the next step is
one tap away.
"""

from __future__ import annotations

from handlers import keyboards
from handlers.messages import OutgoingMessage
from handlers.turn import Turn
from locales.i18n import N_, _

ANSWERS = {
    "intent:greeting": N_("Hello! I am the KESCO assistant. How can I help you?"),
    "intent:thanks": N_("You are welcome! Can I help you with anything else?"),
    "intent:goodbye": N_("Goodbye! Write to me whenever you need."),
    "intent:about": N_(
        "I am the automatic assistant of KESCO, a bot. I can show your bill, help you pay it, "
        "tell you about outages and planned works, send you alerts and answer questions about "
        "eKesco. To talk to a person, press “👤 Talk to a person”."
    ),
}


async def answer(turn: Turn, intent: str) -> list[OutgoingMessage]:
    """The answer to one of :data:`ANSWERS`' intents, with the menu."""
    return [OutgoingMessage(_(ANSWERS[intent]), keyboards.menu())]
