"""The Viber channel: webhook registration, the callback route and the sender, composed."""

from __future__ import annotations

import asyncio
import logging
import time

from aiohttp import web

from bot.channels.inbound import Inbound
from bot.channels.protocol import ChatLifecycle, DeliveryError
from bot.channels.viber.api import DEFAULT_API_ROOT, ViberApi, ViberApiError
from bot.channels.viber.incoming import CHANNEL
from bot.channels.viber.outgoing import sender_profile
from bot.channels.viber.sender import ViberSender
from bot.channels.viber.webhook import PATH, ViberWebhook
from services.periodic import cancel_and_wait

log = logging.getLogger(__name__)

PING_CACHE_SECONDS = 30.0
# The optional events we ask for; message, subscribed and unsubscribed always come.
SEND_TIMEOUT = 15.0  # seconds without an answer before a send's outcome is unknown
EVENT_TYPES = ["delivered", "seen", "failed", "subscribed", "unsubscribed", "conversation_started"]


class ViberChannel:
    """Viber adapter: serves ``POST /webhooks/viber`` and sends through the Viber REST API.

    ``inbound`` is the pipeline to the conversation; ``lifecycle`` records chats and
    deliveries. With a ``public_url``, :meth:`start` registers ``{public_url}/webhooks/viber``
    with set_webhook.
    Viber calls that URL during set_webhook and refuses it unless it answers 200, so the web
    server must already be serving :meth:`aiohttp_routes` when :meth:`start` runs. A refusal
    (wrong token, URL not https or not reachable) raises :class:`ViberApiError`; when Viber
    cannot be reached at all, registration is retried in the background with backoff, so that
    a Viber outage does not keep the rest of the service from starting.
    """

    name = CHANNEL

    def __init__(
        self,
        token: str,
        api_root: str | None,
        inbound: Inbound,
        lifecycle: ChatLifecycle,
        public_url: str | None = None,
        bot_name: str = "KESCO",
        avatar: str | None = None,
        *,
        backoff_base: float = 1.0,
        register_retry: float = 5.0,
        rate: float = 20.0,
        broadcast: bool = False,
        send_timeout: float = SEND_TIMEOUT,
    ) -> None:
        if not token:
            raise ValueError("a Viber token is required")
        self.api = ViberApi(token, api_root or DEFAULT_API_ROOT, timeout=send_timeout)
        self.public_url = public_url.rstrip("/") if public_url else None
        self.sender = ViberSender(
            self.api,
            lifecycle,
            sender_profile(bot_name, avatar),
            backoff_base=backoff_base,
            rate=rate,
            broadcast=broadcast,
        )
        self.webhook = ViberWebhook(token, inbound, lifecycle, self.sender)
        self._last_ok: float | None = None
        self._register_retry = register_retry
        self._registering: asyncio.Task[None] | None = None

    def __repr__(self) -> str:
        return f"ViberChannel(api_root={self.api.api_root!r}, public_url={self.public_url!r})"

    @property
    def webhook_url(self) -> str | None:
        """Where Viber posts callbacks, or ``None`` without a public URL."""
        return f"{self.public_url}{PATH}" if self.public_url else None

    def aiohttp_routes(self) -> list[web.RouteDef]:
        """The route to add to the bot's aiohttp application."""
        return [web.post(PATH, self.webhook.handle)]

    async def start(self) -> None:
        """Register the webhook (when a public URL is set). Raises ViberApiError if refused."""
        if self.webhook_url is None:
            log.warning("viber: no KESCO_PUBLIC_URL, so no webhook is registered")
            return
        try:
            await self._register()
        except DeliveryError as exc:
            log.error("viber webhook not registered yet (%s); retrying in the background", exc)
            self._registering = asyncio.create_task(self._register_later())

    async def stop(self) -> None:
        """Close the HTTP session. The webhook stays registered, so chats keep working
        across restarts (Viber repeats callbacks that fail meanwhile)."""
        if self._registering is not None:
            await cancel_and_wait(self._registering)
            self._registering = None
        await self.api.close()

    async def wait_registered(self) -> None:
        """Wait for a background registration, if one is running (for tests and tools)."""
        if self._registering is not None:
            await self._registering

    async def _register(self) -> None:
        assert self.webhook_url is not None
        events = await self.api.set_webhook(self.webhook_url, EVENT_TYPES)
        log.info("viber webhook registered at %s for %s", self.webhook_url, ", ".join(events))

    async def _register_later(self) -> None:
        delay = self._register_retry
        while True:
            await asyncio.sleep(delay)
            try:
                await self._register()
                return
            except DeliveryError as exc:
                delay = min(delay * 2, 300.0)
                log.warning("viber webhook registration failed (%s); next try in %.0fs", exc, delay)
            except ViberApiError as exc:
                log.error("viber refused the webhook: %s", exc)
                return

    async def ping(self, max_age: float = PING_CACHE_SECONDS) -> bool:
        """Whether Viber accepts the token (get_account_info answers status 0).

        A success is remembered for ``max_age`` seconds, so that frequent health checks do
        not spend Viber's rate limit; a failure is not remembered.
        """
        now = time.monotonic()
        if self._last_ok is not None and now - self._last_ok < max_age:
            return True
        try:
            await self.api.get_account_info()
        except (ViberApiError, DeliveryError) as exc:
            log.warning("viber ping failed: %s", exc)
            self._last_ok = None
            return False
        self._last_ok = now
        return True
