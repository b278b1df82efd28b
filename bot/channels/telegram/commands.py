"""The command menu Telegram shows in each language (setMyCommands).

The commands and their descriptions are :data:`handlers.registry.COMMAND_MENU`, translated from
the catalogs. Telegram picks a menu by the user's ``language_code``, a two-letter ISO 639-1
code, so each language is registered under its two-letter messenger codes (Serbian Latin under
``sh``, ``hr``, ``bs`` and ``me``), and the default menu in ``KESCO_DEFAULT_LANGUAGE``.
"""

from __future__ import annotations

import logging
import re

from telegram import Bot, BotCommand
from telegram.error import TelegramError

from handlers.registry import COMMAND_MENU
from locales import languages
from locales.translation import translate

_LOG = logging.getLogger(__name__)
_TWO_LETTERS = re.compile(r"[a-z]{2}")


def command_menu(language: str) -> list[BotCommand]:
    """The bot's commands with their descriptions in ``language`` (any registered code)."""
    return [BotCommand(name, translate(text, language)) for name, text in COMMAND_MENU]


def menu_languages() -> dict[str, str]:
    """``{Telegram language_code: our language}`` for every language of the registry."""
    menus: dict[str, str] = {}
    for language in languages.LANGUAGES:
        for code in language.messenger_codes:
            if _TWO_LETTERS.fullmatch(code):
                menus.setdefault(code, language.code)
    return menus


async def register_commands(bot: Bot, default_language: str = languages.CODES[0]) -> bool:
    """setMyCommands for every language code of :func:`menu_languages`, then the default menu
    (for users whose language has no menu of its own) in ``default_language``.

    A failure is logged, not raised: the bot works without a menu.
    """
    default = default_language if languages.is_known(default_language) else languages.CODES[0]
    try:
        for code, language in menu_languages().items():
            await bot.set_my_commands(command_menu(language), language_code=code)
        await bot.set_my_commands(command_menu(default))
    except TelegramError as error:
        _LOG.warning("Could not register the Telegram command menu: %s", error.message)
        return False
    return True
