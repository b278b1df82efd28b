"""The Telegram channel: PTB's Application, fed by long polling or by our aiohttp webhook."""

from __future__ import annotations

import hmac
import logging
import re
import secrets
import time
from collections.abc import Sequence
from typing import Any

from aiohttp import web
from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application, ApplicationBuilder, BaseRateLimiter, ContextTypes, TypeHandler

from bot.channels.inbound import Inbound
from bot.channels.protocol import ChatLifecycle
from bot.channels.telegram.callback_data import CallbackPayloads
from bot.channels.telegram.commands import register_commands
from bot.channels.telegram.convert import (
    ALLOWED_UPDATES,
    CHANNEL,
    language_code_of,
    update_to_incoming,
)
from bot.channels.telegram.limiter import TelegramRateLimiter
from bot.channels.telegram.quiet_logs import install_quiet_logs
from bot.channels.telegram.redact import install_secret_redaction
from bot.channels.telegram.sender import TelegramSender
from bot.channels.telegram.transport import SEND_READ_TIMEOUT, AiohttpRequest
from bot.channels.telegram.update_check import problem_of
from bot.web.request_body import BodyTooLarge, UnsafeJson, json_error, parse_json, read_body
from handlers.messages import OutgoingMessage
from locales.translation import N_, translate
from services.quiet_log import QuietLog

_LOG = logging.getLogger(__name__)
_REFUSED = QuietLog(_LOG)
MAX_UPDATE = 1024 * 1024

WEBHOOK_PATH = "/webhooks/telegram"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
_GONE_STATUSES = {"kicked", "left"}
_SECRET_ALPHABET = re.compile(r"[A-Za-z0-9_-]{1,256}")
PING_CACHE_SECONDS = 30.0
BUTTON_EXPIRED = N_("This button is no longer valid. Type /help.")


def build_application(
    token: str,
    api_root: str,
    rate_limiter: BaseRateLimiter,
    send_timeout: float = SEND_READ_TIMEOUT,
) -> Application:
    """PTB's Application against ``{api_root}/bot{token}/``, without PTB's own web server.

    Calls go through :class:`~bot.channels.telegram.transport.AiohttpRequest` (long polling
    keeps PTB's own transport)."""
    root = api_root.rstrip("/")
    return (
        ApplicationBuilder()
        .token(token)
        .base_url(f"{root}/bot")
        .base_file_url(f"{root}/file/bot")
        .request(AiohttpRequest(read_timeout=send_timeout))
        .rate_limiter(rate_limiter)
        .concurrent_updates(True)
        .build()
    )


class TelegramChannel:
    """Serves the conversation in Telegram.

    Each update is converted to an :class:`~handlers.messages.IncomingMessage` and given to the
    ``inbound`` pipeline (dedup by ``update_id``, one update of a chat at a time, the
    conversation, its fallback), whose replies are sent through :attr:`sender`. Updates arrive
    by long polling, or, when ``public_url`` is set, as webhook calls to
    ``POST /webhooks/telegram`` on the project's aiohttp server (mount :meth:`aiohttp_routes`).
    Button presses are answered (answerCallbackQuery) as they arrive; a button older than
    the bot's memory of its payload gets a short notice. A 403 on sending, or the user
    blocking the bot (``my_chat_member``), marks the chat inactive; unblocking marks it
    active again.
    """

    name = CHANNEL

    def __init__(
        self,
        token: str,
        api_root: str,
        inbound: Inbound,
        lifecycle: ChatLifecycle,
        public_url: str | None = None,
        webhook_secret: str | None = None,
        *,
        default_language: str = "sq",
        rate_limiter: BaseRateLimiter | None = None,
        poll_timeout: float = 10.0,
        rate: float = 30.0,
        paid_broadcast: bool = False,
        send_timeout: float = SEND_READ_TIMEOUT,
    ) -> None:
        self._inbound = inbound
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
        install_quiet_logs()
        self._application = build_application(
            token, api_root, rate_limiter or TelegramRateLimiter(overall_rate=rate), send_timeout
        )
        self._application.add_handler(TypeHandler(Update, self._on_update))
        self._application.add_error_handler(self._on_error)
        self._payloads = CallbackPayloads()
        self.sender = TelegramSender(
            self._application.bot,
            lifecycle,
            self._payloads,
            rate=rate,
            paid_broadcast=paid_broadcast,
        )

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
        """One update from Telegram: 403 without the secret; 400, logged (quietly) and not
        handled, when it is not an update Telegram would send; 200 once it is queued."""
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, self._webhook_secret.encode()):
            return web.json_response({"error": f"{SECRET_HEADER} is wrong"}, status=403)
        try:
            data: Any = parse_json(await read_body(request, MAX_UPDATE))
        except BodyTooLarge as error:
            return _refused(413, "body", str(error))
        except UnsafeJson as error:
            return _refused(400, error.field, str(error))
        problem = problem_of(data)
        if problem is not None:
            return _refused(400, *problem)
        if not self._application.running:
            return web.json_response({"error": "not running"}, status=503)
        try:
            update = Update.de_json(data, self._application.bot)
        except Exception as error:  # noqa: BLE001 - PTB trusts its input; anything it can't read
            return _refused(400, "update", f"not a Telegram update: {type(error).__name__}")
        await self._application.update_queue.put(update)
        return web.json_response({"ok": True})

    async def _on_update(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        if update.my_chat_member is not None:
            await self._membership_changed(update)
            return
        incoming = update_to_incoming(update, self._application.bot.username, self._payloads)
        query = update.callback_query
        if incoming is None:
            if query is not None:
                await self.sender.answer_callback(query.id, self._expired_notice(update))
            return
        chat_id = incoming.chat_id
        pressed = incoming.message_id if query is not None else None

        async def send(replies: Sequence[OutgoingMessage]) -> None:
            for index, reply in enumerate(replies):
                editable = index == 0 and pressed is not None and reply.edits_pressed
                if editable and await self.sender.edit(chat_id, str(pressed), reply):
                    continue
                await self.sender.send(chat_id, reply)

        async def answer_press() -> None:
            assert query is not None
            await self.sender.answer_callback(query.id)

        await self._inbound.receive(
            incoming,
            key=f"update:{update.update_id}",
            send=send,
            acknowledge=answer_press if query is not None else None,
        )

    def _expired_notice(self, update: Update) -> str | None:
        """The notice for a press of a button whose payload the bot no longer remembers."""
        query = update.callback_query
        if query is None or not (query.data or "").startswith("~"):
            return None
        return translate(BUTTON_EXPIRED, self._inbound.language_for(language_code_of(update)))

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
        error = context.error
        _ERRORS.failure(
            type(error).__name__,
            "Telegram adapter error: %r",
            error,
            exc_info=error,
            level=logging.ERROR,
        )


_ERRORS = QuietLog(_LOG)


def _refused(status: int, field: str, reason: str) -> web.Response:
    """A webhook call that is not a Telegram update: logged (one line a minute at most)."""
    _REFUSED.failure("refused", "Telegram webhook call refused (%d): %s", status, reason)
    return json_error(status, reason, field)
