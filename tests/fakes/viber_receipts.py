"""Viber's ``delivered`` callbacks, as the fake Viber API posts them to the bot's webhook.

For every message that reached a receiver whose device is online, Viber posts
``{"event": "delivered", "timestamp": <ms>, "chat_hostname": ..., "message_token": <token>,
"user_id": <receiver>}``, signed like every callback (``X-Viber-Content-Signature``). The fake
posts them ``delay`` seconds after delivery from a few background workers, so its own answers
never wait for them; a post that fails is counted and dropped.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import json
import time
from typing import Any

import aiohttp

CHAT_HOSTNAME = "SN-CHAT-05_"


def sign(token: str, body: bytes) -> str:
    """``X-Viber-Content-Signature``: hex HMAC-SHA256 of the raw body keyed with the token."""
    return hmac.new(token.encode(), body, hashlib.sha256).hexdigest()


class Receipts:
    """A queue of ``delivered`` callbacks and the workers that post them."""

    def __init__(self, token: str, workers: int = 8) -> None:
        self.token = token
        self.workers = workers
        self.posted: list[tuple[str, int]] = []  # (receiver, message_token), in post order
        self.failed = 0
        self._queue: asyncio.Queue[tuple[float, str, dict[str, Any]]] = asyncio.Queue()
        self._tasks: list[asyncio.Task[None]] = []
        self._session: aiohttp.ClientSession | None = None

    def enqueue(self, url: str, receiver: str, message_token: int, delay: float) -> None:
        body = {
            "event": "delivered",
            "timestamp": int(time.time() * 1000),
            "chat_hostname": CHAT_HOSTNAME,
            "message_token": message_token,
            "user_id": receiver,
        }
        if not self._tasks:
            self._tasks = [asyncio.create_task(self._work()) for _ in range(self.workers)]
        self._queue.put_nowait((time.monotonic() + delay, url, body))

    @property
    def pending(self) -> int:
        return self._queue.qsize()

    async def _work(self) -> None:
        while True:
            due, url, body = await self._queue.get()
            await asyncio.sleep(max(0.0, due - time.monotonic()))  # Viber's receipt delay
            try:
                await self._post(url, body)
            except Exception:  # noqa: BLE001 - Viber does not care why a callback failed
                self.failed += 1
            finally:
                self._queue.task_done()

    async def _post(self, url: str, body: dict[str, Any]) -> None:
        if self._session is None:
            self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10))
        raw = json.dumps(body).encode()
        headers = {
            "Content-Type": "application/json",
            "X-Viber-Content-Signature": sign(self.token, raw),
        }
        async with self._session.post(url, data=raw, headers=headers) as response:
            await response.read()
            if response.status != 200:
                raise aiohttp.ClientResponseError(response.request_info, (), status=response.status)
        self.posted.append((body["user_id"], body["message_token"]))

    async def close(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks = []
        if self._session is not None:
            await self._session.close()
            self._session = None
