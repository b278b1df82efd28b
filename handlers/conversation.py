"""The conversation: one :class:`IncomingMessage` in, the replies out, in one transaction.

It finds the chat, sets the language for this message, routes commands, buttons, replies in
a flow and free text to the handlers of :mod:`handlers.registry`, and turns failures of the
database or the account backend into a polite answer in the user's language.
"""

from __future__ import annotations

import dataclasses
import logging

from handlers import free_text, keyboards, registry
from handlers.messages import IncomingMessage, OutgoingMessage
from handlers.turn import Deps, Turn
from locales import languages
from locales.i18n import N_, _, using_language
from services.backend import BackendError
from services.chats import get_or_create_chat, remember_language, seen
from services.db import Database, DatabaseUnavailable
from services.quiet_log import QuietLog

log = logging.getLogger(__name__)
_QUIET = QuietLog(log)  # an outage repeats on every message: once, then a count
MAX_TEXT = 1000
MIN_WORDS = 2  # a message this long tells its language


def parse_command(text: str) -> tuple[str, str] | None:
    """``/link@KescoBot dpr 1`` -> ``("link", "dpr 1")``; None when not a command."""
    if not text.startswith("/") or len(text) < 2:
        return None
    head, _sep, args = text[1:].partition(" ")
    name = head.split("@", 1)[0].lower()
    return (name, args.strip()) if name else None


class Conversation:
    """The channel-agnostic bot. Adapters call :meth:`handle` for every message."""

    def __init__(self, database: Database, deps: Deps) -> None:
        self._database = database
        self._deps = deps

    async def handle(self, message: IncomingMessage) -> list[OutgoingMessage]:
        language = languages.from_messenger(message.language_hint) or self._deps.default_language
        try:
            async with self._database.transaction() as session:
                chat = await get_or_create_chat(
                    session, message.channel, message.chat_id, self._deps.channels
                )
                first_visit = chat.language is None
                if first_visit:
                    remember_language(chat, self._first_language(message))
                seen(chat)
                language = chat.language or language  # an apology, too, in the chat's language
                turn = Turn(
                    message=message,
                    chat=chat,
                    session=session,
                    deps=self._deps,
                    first_visit=first_visit,
                )
                with using_language(language):
                    replies = await self._route(turn)
                if chat.state and replies:
                    replies[-1] = dataclasses.replace(replies[-1], awaits_text=True)
                return replies
        except DatabaseUnavailable as error:
            _QUIET.failure(
                "database",
                "database unavailable while handling a %s message: %s",
                message.channel,
                error,
            )
            return self._sorry(language, N_("Our service is busy right now."))
        except BackendError as error:
            _QUIET.failure(
                "backend",
                "account backend failed while handling a %s message: %s",
                message.channel,
                error,
            )
            return self._sorry(language, N_("I cannot reach the customer system now."))
        except Exception:
            log.exception("unexpected error while handling a %s message", message.channel)
            return self._sorry(language, N_("Something went wrong on our side."))

    def _first_language(self, message: IncomingMessage) -> str:
        """A new chat's language: its messenger's, else the one it writes in, else the default."""
        hinted = languages.from_messenger(message.language_hint)
        if hinted:
            return hinted
        text = (message.text or "").strip()
        faq = self._deps.faq
        if faq is not None and not text.startswith("/") and len(text.split()) >= MIN_WORDS:
            return languages.form_for(faq.understand(text).lang, text)
        return self._deps.default_language

    async def _route(self, turn: Turn) -> list[OutgoingMessage]:
        message = turn.message
        if message.unsupported:
            return await registry.UNSUPPORTED(turn)
        if message.contact_phone is not None:
            return await registry.SHARED_PHONE(turn)
        if message.payload:
            prefix, _sep, argument = message.payload.partition(":")
            if prefix == "cmd":
                return await self._command(turn, argument, "")
            handler = registry.BUTTONS.get(prefix)
            if handler is None:
                return await registry.UNKNOWN_COMMAND(turn)
            turn.clear_state()
            turn.args = argument
            return await handler(turn)
        text = (message.text or "").strip()
        if len(text) > MAX_TEXT:
            return await registry.TOO_LONG(turn)
        if command := parse_command(text):
            return await self._command(turn, *command)
        state = turn.state.get("name", "")
        state_handler = registry.STATES.get(state)
        if state_handler is not None and text:
            if state in registry.SAFETY_FIRST_STATES and registry.IS_DANGER(turn, text):
                return [registry.SAFETY_MESSAGE(turn), *await state_handler(turn)]
            replies = await state_handler(turn)
            if replies:
                return replies  # none: the text is not the flow's answer, but a message of its own
        return await free_text.understand(turn, self._command)

    async def _command(self, turn: Turn, name: str, args: str = "") -> list[OutgoingMessage]:
        turn.clear_state()
        handler = registry.COMMANDS.get(name.lower())
        if handler is None:
            return await registry.UNKNOWN_COMMAND(turn)
        turn.args = args
        return await handler(turn)

    @staticmethod
    def _sorry(language: str, reason: str) -> list[OutgoingMessage]:
        with using_language(language):
            text = " ".join((_(reason), _("Please try again in a few minutes.")))
            return [OutgoingMessage(text + "\n" + keyboards.contacts_text())]
