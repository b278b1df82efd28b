"""Waiting for a condition instead of sleeping: the one helper every test uses to wait."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Awaitable, Callable
from typing import Any

POLL = 0.02


async def wait_until(
    condition: Callable[[], Any | Awaitable[Any]],
    timeout: float = 30.0,
    what: str | Callable[[], str] = "the condition",
    poll: float = POLL,
) -> Any:
    """Polls ``condition`` (a plain or async callable) until it returns something true, and
    returns that; fails naming ``what`` (a text, or a callable that says it at that moment) if
    it is still false after ``timeout`` seconds. The timeout is generous: a passing run never
    waits it out, and on a loaded machine (the database slow to answer, a lease to take again)
    a condition that holds at last is not a failure."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        result = condition()
        if inspect.isawaitable(result):
            result = await result
        if result:
            return result
        if loop.time() > deadline:
            named = what() if callable(what) else what
            raise AssertionError(f"waited {timeout:g} s for {named}, in vain (last: {result!r})")
        await asyncio.sleep(poll)
