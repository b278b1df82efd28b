"""``/start``: the welcome, the language choice, and deep links that carry a customer code.

The welcome is for a chat's first visit only; a chat that comes back with ``/start`` (or a
console session, which starts with one) gets the menu instead of the same welcome again.
"""

from __future__ import annotations

from handlers import keyboards, link
from handlers.i18n import _
from handlers.messages import OutgoingMessage
from handlers.turn import Turn
from services.customer_codes import looks_like_code


def _welcome() -> str:
    return _(
        "Welcome to KESCO's assistant! Here you can see your electricity bill, pay it, "
        "and get notices of outages and planned works."
    )


async def on_start(turn: Turn) -> list[OutgoingMessage]:
    if turn.args and looks_like_code(turn.args):
        linking = await link.begin(turn, turn.args)
        return [OutgoingMessage(_welcome()), *linking] if turn.first_visit else linking
    if turn.first_visit:
        text = f"{_welcome()}\n\n{_('Choose your language:')}"
        return [OutgoingMessage(text, keyboards.language_choice())]
    return [OutgoingMessage(_("What would you like to do?"), keyboards.menu())]
