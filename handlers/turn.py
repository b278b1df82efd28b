"""What a handler is given: the message, the chat, the transaction and the services."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.messages import IncomingMessage
from services.backend import AccountBackend
from services.budgets import Budgets
from services.channels import ChannelDirectory
from services.db.models import Chat
from services.db.types import utcnow
from services.deep_links import DeepLinks
from services.file_links import FileLinks
from services.linking import LinkingService
from services.notices.desk import NoticeDesk
from services.opening_hours import OpeningSpan
from services.payments import PaymentLinks


class FreeTextUnderstanding(Protocol):
    """Understands one free-text message (see ``services.faq``)."""

    @property
    def topic_ids(self) -> tuple[str, ...]: ...

    def understand(self, text: str, lang_hint: str | None = None) -> Any: ...

    def answer(self, topic_id: str, language: str) -> Any: ...


@dataclass(frozen=True)
class Deps:
    """The services every handler may use, assembled once by the runtime.

    ``channels`` holds the traits of the bot's messengers (from ``bot/channels/registry.py``);
    the default, an empty directory, treats every channel as a messenger that pushes.
    ``links`` makes deep links into the bot and checks signed bill links (the default: none
    configured, nothing signed).
    ``emergency_number`` is given first to a customer reporting danger (KESCO_EMERGENCY_NUMBER).
    ``budgets`` bound how many call-backs and reports a chat, and an area, may make in an hour
    (the proofs' budget is the linking service's).
    ``clock`` tells the time (UTC) to the handlers that say what happens when (``/outages``);
    tests give their own.
    ``files`` signs the short-lived addresses of the files the bot serves (a bill's PDF, for
    Viber); the default, unconfigured, makes none.
    """

    backend: AccountBackend
    linking: LinkingService
    payments: PaymentLinks
    default_language: str = "sq"
    faq: FreeTextUnderstanding | None = None
    notices: NoticeDesk | None = None
    channels: ChannelDirectory = field(default_factory=ChannelDirectory)
    call_centre_hours: tuple[OpeningSpan, ...] = ()
    links: DeepLinks = field(default_factory=lambda: DeepLinks(valid_days=None))
    emergency_number: str = "112"
    budgets: Budgets = field(default_factory=Budgets)
    clock: Callable[[], datetime] = utcnow
    files: FileLinks = field(default_factory=FileLinks)


@dataclass
class Turn:
    """One message being handled, in one database transaction."""

    message: IncomingMessage
    chat: Chat
    session: AsyncSession
    deps: Deps
    args: str = ""
    first_visit: bool = False

    @property
    def state(self) -> dict[str, Any]:
        return dict(self.chat.state or {})

    def set_state(self, name: str, **data: Any) -> None:
        self.chat.state = {"name": name, **data}

    def clear_state(self) -> None:
        self.chat.state = None
