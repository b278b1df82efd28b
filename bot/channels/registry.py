"""Every messenger the bot has, one line each: its traits, its builder, its alert rate.

Adding a messenger is a package under ``bot/channels/`` whose ``build_channel(setup)``
returns a :class:`~bot.channels.protocol.Channel` (or ``None`` when its settings don't enable
it), plus one line in :data:`ENTRIES`. The service layer only sees :data:`DIRECTORY`, the channels'
neutral traits (:class:`services.channels.ChannelTraits`).
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from bot.channels.protocol import Channel
from bot.channels.setup import ChannelSetup
from bot.settings import Settings
from services.channels import ChannelDirectory, ChannelTraits

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ChannelEntry:
    """One messenger of the registry.

    ``package`` is the adapter's module; its ``build_channel(setup)`` takes a
    :class:`~bot.channels.setup.ChannelSetup` and returns the channel, or ``None`` when the
    settings don't enable it. It is imported only when channels are built, so that a
    messenger's SDK is loaded only when it is used. ``pushes``, ``text_limit``, ``label``
    (its name as people know it, shown when chats share codes), ``shares_phone`` (it has a
    share-my-number button) and ``uploads_files`` (the bot uploads files to it) are the
    channel's traits (see :class:`services.channels.ChannelTraits`). ``rate_setting`` names the
    :class:`~bot.settings.Settings` field with the messages per second the channel sends
    (replies first, alerts in what is left). ``fast_budget_setting`` names the field with what
    its fast, paid way may cost a day (Telegram: Stars), for a channel that has one.
    """

    name: str
    package: str
    pushes: bool = True
    text_limit: int | None = None
    rate_setting: str | None = None
    label: str | None = None
    fast_budget_setting: str | None = None
    shares_phone: bool = False
    uploads_files: bool = False

    @property
    def traits(self) -> ChannelTraits:
        return ChannelTraits(
            self.name,
            pushes=self.pushes,
            text_limit=self.text_limit,
            label=self.label,
            shares_phone=self.shares_phone,
            uploads_files=self.uploads_files,
        )

    def load_builder(self) -> Callable[[ChannelSetup], Channel | None]:
        builder: Callable[[ChannelSetup], Channel | None] = importlib.import_module(
            self.package
        ).build_channel
        return builder

    def build(self, setup: ChannelSetup) -> Channel | None:
        """The channel, or ``None`` when the settings don't enable it."""
        channel = self.load_builder()(setup)
        if channel is not None and channel.name != self.name:
            raise ValueError(f"{self.package} built a {channel.name!r} channel for {self.name!r}")
        return channel

    def rate(self, settings: Settings) -> float | None:
        return float(getattr(settings, self.rate_setting)) if self.rate_setting else None

    def fast_budget(self, settings: Settings) -> float | None:
        value = getattr(settings, self.fast_budget_setting) if self.fast_budget_setting else None
        return None if value is None else float(value)


ENTRIES: tuple[ChannelEntry, ...] = (
    ChannelEntry(
        "telegram",
        "bot.channels.telegram",
        text_limit=4096,
        rate_setting="telegram_rate",
        fast_budget_setting="telegram_stars_budget",
        label="Telegram",
        shares_phone=True,
        uploads_files=True,
    ),
    ChannelEntry(
        "viber",
        "bot.channels.viber",
        text_limit=7000,
        rate_setting="viber_rate",
        label="Viber",
        shares_phone=True,
    ),
    ChannelEntry("console", "bot.channels.console", pushes=False, label="Console"),
)

DIRECTORY = ChannelDirectory(entry.traits for entry in ENTRIES)
"""The traits of every messenger, for the services (``Deps.channels``, notice previews)."""


def entry(name: str) -> ChannelEntry:
    """The registry's entry for channel ``name``; ``KeyError`` when there is none."""
    for candidate in ENTRIES:
        if candidate.name == name:
            return candidate
    raise KeyError(name)


def build_channels(setup: ChannelSetup, entries: Iterable[ChannelEntry] = ENTRIES) -> list[Channel]:
    """The channels the settings enable, in registry order."""
    channels: list[Channel] = []
    for candidate in entries:
        channel = candidate.build(setup)
        if channel is None:
            log.debug("%s not configured", candidate.name)
        else:
            channels.append(channel)
    return channels


def alert_rates(settings: Settings, entries: Iterable[ChannelEntry] = ENTRIES) -> dict[str, float]:
    """Messages per second the alert dispatcher may send, by channel."""
    rates = {candidate.name: candidate.rate(settings) for candidate in entries}
    return {name: rate for name, rate in rates.items() if rate is not None}


def fast_budgets(
    settings: Settings, entries: Iterable[ChannelEntry] = ENTRIES
) -> dict[str, float | None]:
    """What each channel with a fast, paid way may spend on it a day (``None``: no limit)."""
    return {
        candidate.name: candidate.fast_budget(settings)
        for candidate in entries
        if candidate.fast_budget_setting is not None
    }
