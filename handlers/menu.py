"""Help, the menu, and answers to what the bot does not know."""

from __future__ import annotations

import logging

from handlers import keyboards
from handlers.command_menu import COMMAND_MENU
from handlers.messages import OutgoingMessage
from handlers.turn import Turn
from locales.i18n import N_, _

log = logging.getLogger(__name__)

EDITED = "edited"
NOT_TEXT = N_("Sorry, I can only read text messages. Type /help for the menu.")
EDITED_MESSAGE = N_("I saw you edited a message. Please send it again as a new message.")


def help_message() -> OutgoingMessage:
    commands = [f"/{name} – {_(description)}" for name, description in COMMAND_MENU]
    text = "\n".join((_("Here is what I can do:"), *commands, "", keyboards.contacts_text()))
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


async def on_unsupported(turn: Turn) -> list[OutgoingMessage]:
    """Content the bot can't read (a photo, a sticker...) or an edited message: say so, with
    the menu. A flow in progress is kept, so the user can answer it in text."""
    what = turn.message.unsupported
    log.info("chat %s: %s not handled", turn.chat.id, what)
    text = EDITED_MESSAGE if what == EDITED else NOT_TEXT
    return [OutgoingMessage(_(text), keyboards.menu())]
