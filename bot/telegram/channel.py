"""The Telegram channel: PTB's Application, fed by long polling or by our aiohttp webhook."""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import re
import secrets
import time
from typing import Any

from aiohttp import web
from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application, ApplicationBuilder, BaseRateLimiter, ContextTypes, TypeHandler

from bot.channels import ChatLifecycle, DeliveryError, Handle
from bot.telegram.callback_data import CallbackPayloads
from bot.telegram.commands import register_commands
from bot.telegram.convert import (
    ALLOWED_UPDATES,
    CHANNEL,
    language_code_of,
    polite_answer_table,
    update_to_incoming,
)
from bot.telegram.limiter import TelegramRateLimiter
from bot.telegram.redact import install_secret_redaction
from bot.telegram.sender import TelegramSender
from bot.telegram.texts import BUTTON_EXPIRED, SOMETHING_WENT_WRONG, text_for
from handlers.messages import IncomingMessage, OutgoingMessage

_LOG = logging.getLogger(__name__)

WEBHOOK_PATH = "/webhooks/telegram"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
_GONE_STATUSES = {"kicked", "left"}
_SECRET_ALPHABET = re.compile(r"[A-Za-z0-9_-]{1,256}")
PING_CACHE_SECONDS = 30.0


def build_application(token: str, api_root: str, rate_limiter: BaseRateLimiter) -> Application:
    """PTB's Application against ``{api_root}/bot{token}/``, without PTB's own web server."""
    root = api_root.rstrip("/")
    return (
        ApplicationBuilder()
        .token(token)
        .base_url(f"{root}/bot")
        .base_file_url(f"{root}/file/bot")
        .rate_limiter(rate_limiter)
        .concurrent_updates(True)
        .build()
    )


class TelegramChannel:
    """Serves the conversation in Telegram.

    ``handle`` gets one :class:`~handlers.messages.IncomingMessage` per update and its replies
    are sent through :attr:`sender`. Updates arrive by long polling, or, when ``public_url`` is
    set, as webhook calls to ``POST /webhooks/telegram`` on the project's aiohttp server (mount
    :meth:`aiohttp_routes`). Updates of one chat are handled one at a time, in order; different
    chats concurrently. Each ``update_id`` is handled once (``lifecycle.first_delivery``).
    A 403 on sending, or the user blocking the bot (``my_chat_member``), marks the chat inactive;
    unblocking marks it active again.
    """

    def __init__(
        self,
        token: str,
        api_root: str,
        handle: Handle,
        lifecycle: ChatLifecycle,
        public_url: str | None = None,
        webhook_secret: str | None = None,
        *,
        default_language: str = "sq",
        rate_limiter: BaseRateLimiter | None = None,
        poll_timeout: float = 10.0,
    ) -> None:
        self._handle = handle
        self._lifecycle = lifecycle
        self._public_url = public_url.rstrip("/") if public_url else None
        self._webhook_secret = webhook_secret or secrets.token_urlsafe(32)
        if not _SECRET_ALPHABET.fullmatch(self._webhook_secret):
            raise ValueError(
                "KESCO_TELEGRAM_WEBHOOK_SECRET must be 1-256 characters of A-Z, a-z, 0-9, _ and -"
            )
        self._last_good_ping = float("-inf")
        self._default_language = default_language
        self._poll_timeout = poll_timeout
        install_secret_redaction(token, self._webhook_secret)
        self._application = build_application(
            token, api_root, rate_limiter or TelegramRateLimiter()
        )
        self._application.add_handler(TypeHandler(Update, self._on_update))
        self._application.add_error_handler(self._on_error)
        self._payloads = CallbackPayloads()
        self.sender = TelegramSender(self._application.bot, lifecycle, self._payloads)
        self._chat_locks: dict[str, asyncio.Lock] = {}

    @property
    def application(self) -> Application:
        return self._application

    @property
    def webhook_url(self) -> str | None:
        return f"{self._public_url}{WEBHOOK_PATH}" if self._public_url else None

    async def start(self) -> None:
        """getMe, register the command menu, then start the webhook or long polling."""
        app = self._application
        await app.initialize()
        await register_commands(app.bot, self._default_language)
        if self.webhook_url:
            await app.bot.set_webhook(
                url=self.webhook_url,
                secret_token=self._webhook_secret,
                allowed_updates=ALLOWED_UPDATES,
            )
        await app.start()
        if not self.webhook_url and app.updater is not None:
            await app.updater.start_polling(
                timeout=int(self._poll_timeout), allowed_updates=ALLOWED_UPDATES
            )
        mode = "webhook" if self.webhook_url else "long polling"
        _LOG.info("Telegram channel started as @%s (%s)", app.bot.username, mode)

    async def stop(self) -> None:
        """Stop polling, finish the updates in hand, close the HTTP client."""
        app = self._application
        if app.updater is not None and app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()
        await app.shutdown()

    def aiohttp_routes(self) -> list[web.RouteDef]:
        """``POST /webhooks/telegram`` in webhook mode; nothing in polling mode."""
        return [web.post(WEBHOOK_PATH, self._webhook)] if self.webhook_url else []

    async def ping(self) -> bool:
        """Whether the Bot API answers getMe (for health checks; a success is cached 30 s)."""
        if time.monotonic() - self._last_good_ping < PING_CACHE_SECONDS:
            return True
        try:
            await self._application.bot.get_me()
        except (TelegramError, RuntimeError):
            return False
        self._last_good_ping = time.monotonic()
        return True

    async def _webhook(self, request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, self._webhook_secret.encode()):
            return web.json_response({"error": f"{SECRET_HEADER} is wrong"}, status=403)
        try:
            data: Any = json.loads(await request.read())
        except ValueError:
            return web.json_response({"error": "body: not JSON"}, status=400)
        if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
            return web.json_response({"error": "update_id: missing or not an integer"}, status=400)
        if not self._application.running:
            return web.json_response({"error": "not running"}, status=503)
        try:
            update = Update.de_json(data, self._application.bot)
        except (TypeError, ValueError, KeyError) as error:
            return web.json_response({"error": f"update: {error}"}, status=400)
        await self._application.update_queue.put(update)
        return web.json_response({"ok": True})

    async def _on_update(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        chat = update.effective_chat
        key = str(chat.id) if chat else f"update:{update.update_id}"
        lock = self._chat_locks.setdefault(key, asyncio.Lock())
        try:
            async with lock:
                await self._process(update)
        finally:
            if not lock.locked() and self._chat_locks.get(key) is lock:
                del self._chat_locks[key]

    async def _process(self, update: Update) -> None:
        if not await self._first_delivery(update.update_id):
            return
        if update.my_chat_member is not None:
            await self._membership_changed(update)
            return
        incoming = update_to_incoming(update, self._application.bot.username, self._payloads)
        language = language_code_of(update)
        query = update.callback_query
        if query is not None:
            expired = incoming is None and (query.data or "").startswith("~")
            notice = text_for(BUTTON_EXPIRED, language, self._default_language) if expired else None
            await self.sender.answer_callback(query.id, notice)
        if incoming is None:
            await self._answer_politely(update, language)
            return
        await self._reply(incoming, await self._replies_to(incoming))

    async def _first_delivery(self, update_id: int) -> bool:
        try:
            return await self._lifecycle.first_delivery(CHANNEL, f"update:{update_id}")
        except Exception:
            _LOG.exception("Could not record Telegram update %s; handling it anyway", update_id)
            return True

    async def _replies_to(self, incoming: IncomingMessage) -> list[OutgoingMessage]:
        try:
            return list(await self._handle(incoming))
        except Exception:
            _LOG.exception("The conversation failed on a Telegram update")
            text = text_for(SOMETHING_WENT_WRONG, incoming.language_hint, self._default_language)
            return [OutgoingMessage(text)]

    async def _reply(self, incoming: IncomingMessage, replies: list[OutgoingMessage]) -> None:
        for reply in replies:
            try:
                await self.sender.send(incoming.chat_id, reply)
            except DeliveryError:
                return

    async def _answer_politely(self, update: Update, language: str | None) -> None:
        table = polite_answer_table(update)
        chat = update.effective_chat
        if table is None or chat is None:
            return
        text = text_for(table, language, self._default_language)
        with contextlib.suppress(DeliveryError):
            await self.sender.send(str(chat.id), OutgoingMessage(text))

    async def _membership_changed(self, update: Update) -> None:
        change = update.my_chat_member
        assert change is not None
        chat_id = str(change.chat.id)
        status = change.new_chat_member.status
        if status in _GONE_STATUSES:
            await self._lifecycle.mark_inactive(CHANNEL, chat_id, f"bot {status}")
        elif status == "member":
            await self._lifecycle.mark_active(CHANNEL, chat_id)

    async def _on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        _LOG.error("Telegram adapter error: %r", context.error, exc_info=context.error)
