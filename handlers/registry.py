"""Every command, button and conversation state of the bot, registered in one place."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from handlers import (
    accounts,
    alerts_settings,
    bill,
    free_text,
    language,
    link,
    menu,
    notice,
    outages,
    pay,
    start,
)
from handlers.i18n import N_
from handlers.messages import OutgoingMessage
from handlers.turn import Turn

Handler = Callable[[Turn], Awaitable[list[OutgoingMessage]]]

COMMANDS: dict[str, Handler] = {
    "start": start.on_start,
    "help": menu.on_help,
    "menu": menu.on_help,
    "language": language.on_language,
    "link": link.on_link,
    "accounts": accounts.on_accounts,
    "unlink": accounts.on_unlink,
    "bill": bill.on_bill,
    "pay": pay.on_pay,
    "cancel": menu.on_cancel,
    "contact": free_text.on_contact,
    "notice": notice.on_notice,
    "outages": outages.on_outages,
    "alerts": alerts_settings.on_alerts,
}

# Button payloads are "<prefix>:<argument>"; "cmd:<name>" runs a command.
BUTTONS: dict[str, Handler] = {
    "lang": language.on_choice,
    "unlink": accounts.on_unlink,
    notice.PREFIX: notice.on_button,
    "follow": outages.on_follow,
    "area": outages.on_area,
    "alerts": alerts_settings.on_alerts_button,
}

STATES: dict[str, Handler] = {
    link.STATE_CODE: link.on_code_reply,
    link.STATE_PROOF: link.on_proof_reply,
    notice.STATE_TEXT: notice.on_text_reply,
}

# The command menu messengers show next to the input field (Telegram's setMyCommands): the
# commands and their descriptions, translated where they are shown.
COMMAND_MENU: tuple[tuple[str, str], ...] = (
    ("start", N_("Start and choose a language")),
    ("help", N_("Menu and help")),
    ("language", N_("Change the language")),
    ("link", N_("Link a customer code")),
    ("accounts", N_("Your linked customer codes")),
    ("unlink", N_("Remove a customer code")),
    ("bill", N_("Your latest bill")),
    ("pay", N_("Pay your bill")),
    ("outages", N_("Outages and planned works")),
    ("alerts", N_("Alerts and quiet hours")),
)

UNKNOWN_COMMAND: Handler = menu.on_unknown_command
UNSUPPORTED: Handler = menu.on_unsupported
TOO_LONG: Handler = menu.on_too_long
