"""Choosing the conversation's language."""

from __future__ import annotations

from handlers import keyboards
from handlers.menu import help_message
from handlers.messages import OutgoingMessage
from handlers.turn import Turn
from locales import languages
from locales.i18n import _, using_language
from services.chats import remember_language


def language_question() -> OutgoingMessage:
    return OutgoingMessage(_("Choose your language:"), keyboards.language_choice())


async def on_language(turn: Turn) -> list[OutgoingMessage]:
    return [language_question()]


async def on_choice(turn: Turn) -> list[OutgoingMessage]:
    choice = turn.args
    if not languages.is_known(choice):
        return [language_question()]
    remember_language(turn.chat, choice)
    with using_language(choice):
        return [OutgoingMessage(_("Language set to English.")), help_message()]
