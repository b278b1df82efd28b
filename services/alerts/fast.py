"""Who decides that alerts go the fast, paid way (Telegram's paid broadcast).

The setting (``KESCO_TELEGRAM_PAID_BROADCAST``) is ``off``, ``urgent`` or ``all``:

* ``off``: never;
* ``urgent``: the account backend's outage events go fast; staff may choose it for an outage
  notice;
* ``all``: every event of the backend goes fast; staff may choose it for any notice.

Whether a fast message is then sent fast depends on the day's budget (the dispatcher's).
"""

from __future__ import annotations

from services.alerts.event_types.registry import TYPES

MODES = ("off", "urgent", "all")
URGENT_EVENT_TYPES = frozenset(event_type.name for event_type in TYPES if event_type.urgent)


def backend_event_fast(mode: str, event_type: str) -> bool:
    """Whether an event of the account backend goes fast under ``mode``."""
    return mode == "all" or (mode == "urgent" and event_type in URGENT_EVENT_TYPES)


def notice_may_be_fast(mode: str, kind: str) -> bool:
    """Whether staff may choose fast delivery for a notice of ``kind`` under ``mode``."""
    return mode == "all" or (mode == "urgent" and kind == "outage")
