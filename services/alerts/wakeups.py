"""Who is woken when work is stored: one :class:`Wakeups`, built once with the app and handed to
everything that stores work or waits for it, in their constructors.

* ``fanouts``: an event with a fan-out plan was stored (the events API, the notice desk);
  the fan-out runner carries it out at once instead of at its next look;
* ``dispatch``: outbox rows were queued (the fan-out runner, a broadcast sent again); the alert
  dispatcher claims them at once;
* ``schedule``: a notice was scheduled; the notice scheduler looks at once.

Producers :meth:`Signal.fire` after their transaction commits; consumers :meth:`Signal.connect`
when they are built. A signal fired with nobody connected does nothing: every consumer also
looks on its own every few seconds, so a wake-up is only ever a shortcut.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

log = logging.getLogger(__name__)


class Signal:
    """Callbacks to run when something is stored (best effort: a failing one is logged)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._callbacks: list[Callable[[], None]] = []

    def connect(self, callback: Callable[[], None]) -> None:
        self._callbacks.append(callback)

    def fire(self) -> None:
        for callback in self._callbacks:
            try:
                callback()
            except Exception:  # noqa: BLE001 - a wake-up is a shortcut, never a failure
                log.exception("waking %s failed", self.name)


class Wakeups:
    """The three signals of the alert pipeline (see the module's description)."""

    def __init__(self) -> None:
        self.fanouts = Signal("the fan-out runner")
        self.dispatch = Signal("the alert dispatcher")
        self.schedule = Signal("the notice scheduler")
