"""What the fake APIs share to misbehave at the connection level: a listening socket that can be
closed and reopened on the same port, requests held open, and the record of every message
attempt and its outcome.

Outcomes of a message attempt (:class:`Attempt`), as the fake saw it:

* ``delivered``: accepted and answered (a slow answer included);
* ``delivered_unanswered``: accepted and delivered, its answer held (``rate_hang_delivered``);
  once the hold ends with the client still there it becomes ``delivered_late``;
* ``lost_unanswered``: held, never delivered, the connection closed (``rate_hang_lost``);
* ``black_hole``: held by the black hole, never delivered;
* ``refused_429``: an injected (or test-queued) 429; ``refused_flood``: over the flood limits;
* ``refused_5xx``: an injected 5xx, or the API down;
* ``rejected``: any other error answer (chat not found, blocked, bad request).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from typing import NamedTuple, NoReturn

from aiohttp import web

DELIVERED = frozenset({"delivered", "delivered_unanswered", "delivered_late"})
UNANSWERED = frozenset({"delivered_unanswered", "lost_unanswered", "black_hole"})


class Attempt(NamedTuple):
    """One message call to one chat (a broadcast: one per receiver) and what became of it."""

    chat_id: int | str
    outcome: str
    at: float  # time.monotonic() when it arrived
    text: str = ""  # the message's text, to tell messages apart
    sender: str = ""  # which client sent it, when the client's API URL names it (Telegram)


class Attempts(list[Attempt]):
    """The attempts in arrival order; :meth:`note` returns an index for :meth:`settle`."""

    def note(self, chat_id: int | str, outcome: str, text: str = "", sender: str = "") -> int:
        self.append(Attempt(chat_id, outcome, time.monotonic(), text, sender))
        return len(self) - 1

    def settle(self, index: int, outcome: str) -> None:
        self[index] = self[index]._replace(outcome=outcome)


class Listener:
    """An aiohttp app served on 127.0.0.1 whose listening socket can be closed (new connects get
    ECONNREFUSED, open connections are reset) and reopened on the same port."""

    def __init__(self, app: web.Application) -> None:
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        self._site: web.TCPSite | None = None
        self.port = 0
        self.refusing = False

    async def start(self) -> int:
        await self._runner.setup()
        self._site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await self._site.start()
        self.port = self._runner.addresses[0][1]
        return self.port

    async def refuse(self) -> None:
        """Close the listening socket and reset every open connection."""
        if self._site is None:
            return
        await self._site.stop()
        self._site = None
        self.refusing = True
        server = self._runner.server
        for handler in server.connections if server is not None else []:
            if handler.transport is not None:
                handler.transport.abort()

    async def accept(self) -> None:
        """Listen again on the same port."""
        if self._site is not None:
            return
        self._site = web.TCPSite(self._runner, "127.0.0.1", self.port, reuse_address=True)
        await self._site.start()
        self.refusing = False

    async def close(self) -> None:
        server = self._runner.server
        for handler in server.connections if server is not None else []:
            if handler.transport is not None:
                handler.transport.abort()
        await self._runner.cleanup()


def client_there(request: web.Request) -> bool:
    transport = request.transport
    return transport is not None and not transport.is_closing()


def drop(request: web.Request) -> NoReturn:
    """Close the request's connection without an answer."""
    if request.transport is not None:
        with contextlib.suppress(Exception):
            request.transport.abort()
    raise web.HTTPServiceUnavailable()


async def hold(request: web.Request, seconds: float) -> bool:
    """Keep ``request`` unanswered for ``seconds``; whether its client is still there then."""
    await asyncio.sleep(seconds)  # the fault itself: an answer that does not come
    return client_there(request)
