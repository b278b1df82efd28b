"""The registry of messengers: each entry builds its channel or is skipped per settings; the
directory of traits it gives the services; the alert rates it gives the dispatcher."""

from __future__ import annotations

import io
import sys
import types
from collections.abc import Iterator

import pytest
from aiohttp import web
from pydantic import SecretStr

from bot.channels import registry as channel_registry
from bot.channels.console import ConsoleChannel
from bot.channels.inbound import Inbound
from bot.channels.protocol import Channel
from bot.channels.registry import DIRECTORY, ENTRIES, ChannelEntry, alert_rates, build_channels
from bot.channels.setup import ChannelSetup
from bot.channels.telegram import TelegramChannel
from bot.channels.telegram.convert import TEXT_LIMIT as TELEGRAM_TEXT_LIMIT
from bot.channels.viber import ViberChannel
from bot.channels.viber.outgoing import MAX_TEXT_CHARS as VIBER_TEXT_LIMIT
from bot.settings import Settings
from handlers.messages import IncomingMessage, OutgoingMessage
from services import channels as service_channels
from tests.support.viber import MemoryLifecycle

TELEGRAM_TOKEN = "123456:test-token"
VIBER_TOKEN = "4f2c7a1b9e8d6c50-1a2b3c4d5e6f7a8b-9c0d1e2f3a4b5c6d"


async def nobody(_message: IncomingMessage) -> list[OutgoingMessage]:
    return []


def setup_for(terminal: bool = False, **settings: object) -> ChannelSetup:
    lifecycle = MemoryLifecycle()
    return ChannelSetup(
        Settings(_env_file=None, **settings),  # type: ignore[arg-type]
        Inbound(nobody, lifecycle),
        lifecycle,
        terminal=(io.StringIO(""), io.StringIO()) if terminal else None,
    )


def names(channels: list[Channel]) -> list[str]:
    return [channel.name for channel in channels]


@pytest.fixture(autouse=True)
def no_kesco_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("TELEGRAM_TOKEN", "VIBER_TOKEN", "PUBLIC_URL", "TELEGRAM_RATE", "VIBER_RATE"):
        monkeypatch.delenv(f"KESCO_{name}", raising=False)


def test_every_messenger_is_listed_once_with_its_traits() -> None:
    assert [entry.name for entry in ENTRIES] == ["telegram", "viber", "console"]
    assert [(t.name, t.pushes, t.text_limit) for t in DIRECTORY] == [
        ("telegram", True, 4096),
        ("viber", True, 7000),
        ("console", False, None),
    ]
    assert DIRECTORY.traits("telegram").text_limit == TELEGRAM_TEXT_LIMIT
    assert DIRECTORY.traits("viber").text_limit == VIBER_TEXT_LIMIT


async def test_without_settings_nothing_is_built() -> None:
    assert build_channels(setup_for()) == []


async def test_a_token_enables_its_messenger() -> None:
    telegram = build_channels(setup_for(telegram_token=SecretStr(TELEGRAM_TOKEN)))
    viber = build_channels(setup_for(viber_token=SecretStr(VIBER_TOKEN)))
    both = build_channels(
        setup_for(telegram_token=SecretStr(TELEGRAM_TOKEN), viber_token=SecretStr(VIBER_TOKEN))
    )
    assert names(telegram) == ["telegram"] and isinstance(telegram[0], TelegramChannel)
    assert names(viber) == ["viber"] and isinstance(viber[0], ViberChannel)
    assert names(both) == ["telegram", "viber"]
    for channel in both:
        assert channel.sender.channel == channel.name
        assert isinstance(channel.aiohttp_routes(), list)
    await viber[0].stop()
    await both[1].stop()


def test_the_console_is_built_only_for_a_terminal() -> None:
    entry = channel_registry.entry("console")
    assert entry.build(setup_for()) is None
    console = entry.build(setup_for(terminal=True))
    assert isinstance(console, ConsoleChannel) and console.name == "console"
    assert console.aiohttp_routes() == [] and console.sender.channel == "console"
    with pytest.raises(KeyError):
        channel_registry.entry("fax")


def test_alert_rates_come_from_the_settings_each_entry_names() -> None:
    settings = Settings(_env_file=None, telegram_rate=12.5, viber_rate=3)  # type: ignore[call-arg]
    assert alert_rates(settings) == {"telegram": 12.5, "viber": 3.0}


class _PagerChannel:
    """A fourth messenger for the test below: what a new package under bot/ provides."""

    name = "pager"

    def __init__(self, setup: ChannelSetup) -> None:
        self.setup = setup
        self.sender = types.SimpleNamespace(channel="pager")

    def aiohttp_routes(self) -> list[web.RouteDef]:
        return []

    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    async def ping(self) -> bool:
        return True


@pytest.fixture
def pager_package() -> Iterator[str]:
    module = types.ModuleType("pager_for_tests")
    module.build_channel = (  # type: ignore[attr-defined]
        lambda setup: _PagerChannel(setup) if setup.settings.public_url else None
    )
    sys.modules[module.__name__] = module
    yield module.__name__
    del sys.modules[module.__name__]


def test_a_new_messenger_is_one_entry(pager_package: str) -> None:
    pager = ChannelEntry("pager", pager_package, pushes=False, text_limit=160)
    entries = (*ENTRIES, pager)
    off = build_channels(setup_for(), entries)
    on = build_channels(setup_for(public_url="https://bot.example"), entries)
    assert names(off) == [] and names(on) == ["pager"]
    assert pager.traits == service_channels.ChannelTraits("pager", False, 160)
    assert alert_rates(Settings(_env_file=None), entries) == {  # type: ignore[call-arg]
        "telegram": 30.0,
        "viber": 20.0,
    }


def test_an_entry_must_build_the_channel_it_names(pager_package: str) -> None:
    wrong = ChannelEntry("beeper", pager_package)
    with pytest.raises(ValueError, match="built a 'pager' channel for 'beeper'"):
        wrong.build(setup_for(public_url="https://bot.example"))
