"""Every command, button and conversation state of the bot, registered in one place."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from handlers import (
    accounts,
    alerts_settings,
    ask_back,
    bill,
    bill_actions,
    bill_high,
    bill_history,
    danger,
    follow_places,
    free_text,
    holders,
    human,
    language,
    link,
    menu,
    notice,
    notice_update,
    outages,
    pay,
    place_talk,
    report,
    share,
    start,
    usage,
)
from handlers.command_menu import COMMAND_MENU
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
    "human": human.on_human,
    "share": share.on_share,
    "report": report.on_report,
    "usage": usage.on_usage,
}

# Button payloads are "<prefix>:<argument>"; "cmd:<name>" runs a command.
BUTTONS: dict[str, Handler] = {
    "lang": language.on_choice,
    "unlink": accounts.on_unlink,
    notice.PREFIX: notice.on_button,
    notice_update.PREFIX: notice_update.on_button,
    "follow": follow_places.on_follow,
    "area": follow_places.on_area,
    place_talk.PREFIX: place_talk.on_button,
    "alerts": alerts_settings.on_alerts_button,
    human.PREFIX: human.on_button,
    share.PREFIX: share.on_button,
    holders.PREFIX: holders.on_button,
    report.PREFIX: report.on_button,
    ask_back.PREFIX: ask_back.on_button,
    bill_history.PREFIX: bill_history.on_button,
    bill_actions.PREFIX: bill_high.on_button,
}

STATES: dict[str, Handler] = {
    link.STATE_CODE: link.on_code_reply,
    link.STATE_PROOF: link.on_proof_reply,
    notice.STATE_TEXT: notice.on_text_reply,
    notice_update.STATE_TEXT: notice_update.on_text_reply,
    human.STATE_CALLBACK: human.on_text_reply,
    human.STATE_PHONE: human.on_phone_reply,
    follow_places.STATE_SEARCH: follow_places.on_search_reply,
    report.STATE_SEARCH: report.on_search_reply,
    bill_actions.STATE_READING: bill_actions.on_reading_reply,
}

# A message typed in these customers' flows that is about danger gets the safety answer first.
SAFETY_FIRST_STATES = frozenset(
    {
        link.STATE_CODE,
        link.STATE_PROOF,
        human.STATE_CALLBACK,
        human.STATE_PHONE,
        bill_actions.STATE_READING,
    }
)
SAFETY_MESSAGE = danger.safety_message
IS_DANGER = danger.is_danger

UNKNOWN_COMMAND: Handler = menu.on_unknown_command
UNSUPPORTED: Handler = menu.on_unsupported
SHARED_PHONE: Handler = human.on_shared_phone  # a number sent with the messenger's button
TOO_LONG: Handler = menu.on_too_long

__all__ = ["BUTTONS", "COMMANDS", "COMMAND_MENU", "STATES"]
