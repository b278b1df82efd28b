"""The command menu Telegram shows in each language (setMyCommands)."""

from __future__ import annotations

import logging

from telegram import Bot, BotCommand
from telegram.error import TelegramError

from bot.telegram.texts import COMMAND_DESCRIPTIONS, COMMAND_NAMES, LANGUAGES

_LOG = logging.getLogger(__name__)


def command_menu(language: str) -> list[BotCommand]:
    """The bot's commands with their descriptions in ``language`` (``sq``, ``en`` or ``sr``)."""
    descriptions = COMMAND_DESCRIPTIONS[language]
    return [BotCommand(name, descriptions[name]) for name in COMMAND_NAMES]


async def register_commands(bot: Bot, default_language: str = "sq") -> bool:
    """setMyCommands for sq, en, sr, and the default menu (for other languages).

    A failure is logged, not raised: the bot works without a menu.
    """
    default = default_language if default_language in LANGUAGES else "sq"
    try:
        for language in LANGUAGES:
            await bot.set_my_commands(command_menu(language), language_code=language)
        await bot.set_my_commands(command_menu(default))
    except TelegramError as error:
        _LOG.warning("Could not register the Telegram command menu: %s", error.message)
        return False
    return True
