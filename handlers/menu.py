"""Help, the menu, and answers to what the bot does not know."""

from __future__ import annotations

import logging

from handlers import keyboards
from handlers.i18n import _
from handlers.messages import OutgoingMessage
from handlers.turn import Turn

log = logging.getLogger(__name__)


def help_message() -> OutgoingMessage:
    text = "\n".join(
        (
            _("Here is what I can do:"),
            _("/bill – your latest bill"),
            _("/pay – a link to pay a bill"),
            _("/link – link a customer code to this chat"),
            _("/accounts – the codes linked to this chat"),
            _("/unlink – remove a linked code"),
            _("/language – change the language"),
            "",
            keyboards.contacts_text(),
        )
    )
    return OutgoingMessage(text, keyboards.menu())


async def on_help(turn: Turn) -> list[OutgoingMessage]:
    return [help_message()]


async def on_unknown_command(turn: Turn) -> list[OutgoingMessage]:
    log.info("chat %s: unknown command or button", turn.chat.id)
    return [
        OutgoingMessage(_("I do not know that command. Choose from the menu:"), keyboards.menu())
    ]


async def on_cancel(turn: Turn) -> list[OutgoingMessage]:
    turn.clear_state()
    return [OutgoingMessage(_("Cancelled. What would you like to do?"), keyboards.menu())]


async def on_too_long(turn: Turn) -> list[OutgoingMessage]:
    log.info(
        "chat %s: message too long (%d characters)", turn.chat.id, len(turn.message.text or "")
    )
    return [
        OutgoingMessage(
            _("That message is too long for me. Please write a shorter one."), keyboards.menu()
        )
    ]
