"""Telegram's command menu from the catalogs, registered with setMyCommands at the strict fake
Bot API: every language of the registry under its two-letter codes, and the default menu."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

import pytest
from telegram import Bot

from bot.channels.telegram.commands import command_menu, menu_languages, register_commands
from handlers.registry import COMMAND_MENU, COMMANDS
from locales import languages
from tests.fakes.telegram_api import FakeTelegramAPI


@pytest.fixture
async def bot_and_api() -> AsyncIterator[tuple[Bot, FakeTelegramAPI]]:
    async with FakeTelegramAPI() as api:
        bot = Bot(api.token, base_url=f"{api.root}/bot")
        async with bot:
            yield bot, api


def menus(api: FakeTelegramAPI) -> dict[str, dict[str, str]]:
    return {
        language: {command["command"]: command["description"] for command in commands}
        for (_scope, language), commands in api.commands.items()
    }


def test_every_menu_command_is_a_command_and_every_language_has_a_menu() -> None:
    assert {name for name, _description in COMMAND_MENU} <= set(COMMANDS)
    assert menu_languages() == {
        "sq": "sq",
        "en": "en",
        "sr": "sr",
        "sh": "sr-Latn",
        "hr": "sr-Latn",
        "bs": "sr-Latn",
        "me": "sr-Latn",
    }
    assert set(menu_languages().values()) == set(languages.CODES)
    for language in languages.CODES:
        descriptions = [command.description for command in command_menu(language)]
        assert len(set(descriptions)) == len(COMMAND_MENU)  # translated, none left empty


async def test_menus_in_every_language_and_the_default_in_the_default_language(
    bot_and_api: tuple[Bot, FakeTelegramAPI],
) -> None:
    bot, api = bot_and_api
    assert await register_commands(bot, "sr-Latn") is True
    registered = menus(api)
    assert set(registered) == {"", "sq", "en", "sr", "sh", "hr", "bs", "me"}
    assert registered["en"]["outages"] == "Outages and planned works"
    assert registered["sq"]["outages"] == "Ndërprerjet dhe punimet e planifikuara"
    assert registered["sr"]["outages"] == "Нестанци струје и планирани радови"
    assert registered["bs"]["outages"] == "Nestanci struje i planirani radovi"
    assert registered[""] == registered["sh"]
    assert api.rejected == []


async def test_a_refused_menu_is_logged_and_the_bot_goes_on(
    bot_and_api: tuple[Bot, FakeTelegramAPI], caplog: pytest.LogCaptureFixture
) -> None:
    bot, api = bot_and_api
    api.fail_next("setMyCommands", status=400)
    with caplog.at_level(logging.WARNING, logger="bot.channels.telegram.commands"):
        assert await register_commands(bot, "en") is False
    assert len(caplog.records) == 1
    assert "Could not register the Telegram command menu" in caplog.records[0].getMessage()
