"""What the service layer may know about a messenger: neutral traits, never its name's meaning.

The bot's channel registry (``bot/channels/registry.py``) describes every messenger it has and
builds a :class:`ChannelDirectory` from it; services receive that directory (or a trait taken
from it, such as ``chats.pushes``) and never compare channel names themselves.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class ChannelTraits:
    """What a messenger can do, as far as services care.

    ``pushes``: the bot may send to a chat unasked (alerts); a terminal session can't be
    pushed to. ``text_limit``: the longest text one message may carry (``None``: no limit).
    ``label``: the messenger's name as people know it ("Telegram"), the same in every
    language; the name capitalised when not given. ``shares_phone``: the messenger has a
    button of its own that sends the user's phone number (Telegram's contact request, Viber's
    share-phone), so the bot may offer it instead of asking the number to be typed.
    ``uploads_files``: the bot can upload a file's bytes to a chat (Telegram's sendDocument);
    a messenger without it is sent a file by a public address (Viber), or shown the address.
    """

    name: str
    pushes: bool = True
    text_limit: int | None = None
    label: str | None = None
    shares_phone: bool = False
    uploads_files: bool = False

    @property
    def title(self) -> str:
        return self.label or self.name.capitalize()

    def fits(self, text: str) -> bool:
        """Whether ``text`` goes in one message of this channel."""
        return self.text_limit is None or len(text) <= self.text_limit


class ChannelDirectory:
    """The traits of the channels the bot knows, by name.

    A name it does not know gets the defaults (pushes, no text limit), so that a chat of a
    channel added later, or of a test channel, behaves like any messenger chat.
    """

    def __init__(self, channels: Iterable[ChannelTraits] = ()) -> None:
        self._by_name: dict[str, ChannelTraits] = {}
        for traits in channels:
            if traits.name in self._by_name:
                raise ValueError(f"channel {traits.name!r} is listed twice")
            self._by_name[traits.name] = traits

    def __iter__(self) -> Iterator[ChannelTraits]:
        return iter(self._by_name.values())

    def __len__(self) -> int:
        return len(self._by_name)

    def __contains__(self, name: object) -> bool:
        return name in self._by_name

    def __repr__(self) -> str:
        return f"ChannelDirectory({list(self._by_name.values())!r})"

    def traits(self, name: str) -> ChannelTraits:
        """The traits of channel ``name``; the defaults for a name not listed."""
        return self._by_name.get(name) or ChannelTraits(name)

    def pushes(self, name: str) -> bool:
        return self.traits(name).pushes

    def shares_phone(self, name: str) -> bool:
        return self.traits(name).shares_phone

    def uploads_files(self, name: str) -> bool:
        return self.traits(name).uploads_files

    def limited(self) -> list[ChannelTraits]:
        """The listed channels that limit the length of a message, in their listed order."""
        return [traits for traits in self if traits.text_limit is not None]
