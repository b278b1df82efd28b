"""``/start``: the welcome, the language choice, and deep links that carry a customer code."""

from __future__ import annotations

from handlers import keyboards, link
from handlers.i18n import _
from handlers.messages import OutgoingMessage
from handlers.turn import Turn
from services.customer_codes import looks_like_code


async def on_start(turn: Turn) -> list[OutgoingMessage]:
    welcome = _(
        "Welcome to KESCO's assistant! Here you can see your electricity bill, pay it, "
        "and get notices of outages and planned works."
    )
    if turn.args and looks_like_code(turn.args):
        return [OutgoingMessage(welcome), *await link.begin(turn, turn.args)]
    first_visit = turn.chat.language is None
    replies = [OutgoingMessage(welcome)]
    if first_visit:
        replies.append(OutgoingMessage(_("Choose your language:"), keyboards.language_choice()))
    else:
        replies.append(OutgoingMessage(_("What would you like to do?"), keyboards.menu()))
    return replies
