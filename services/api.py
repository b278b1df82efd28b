"""The service layer's stable API for the account backend, in-process.

Everything the backend may call, importable without ``bot/`` or ``handlers/`` (and without a
messenger SDK or a web server); docs/alerts-and-events.md documents it. Names here
are kept: new ones may be added, none renamed or removed without a deprecation.

- **Events** (the same as ``POST /api/v1/events``): :func:`ingest_event`,
  :func:`count_recipients`, :func:`broadcast_progress`, :func:`stop_broadcast`,
  :class:`EventRejected`, :class:`IngestResult`.
- **Linking state**: :func:`linked_chats` (who is linked to a code), :func:`chat_linking`
  (what a chat has linked, and whether linking is locked), :func:`unlink_everywhere`.
- **The FAQ engine**: :class:`FaqEngine` (``FaqEngine.load()``).
- **Deep links**: :class:`DeepLinks` (``DeepLinks.from_environ()`` or explicit settings),
  :func:`signed_bill_links` for a bill's signed links (for the code's current generation: after
  :func:`revoke_bill_links`, :meth:`~DeepLinks.bill_links` alone would make revoked ones),
  :func:`qr_svg`, :func:`qr_png`.
- **Storage**: :class:`Database` (``await Database(url).upgrade()`` migrates the schema).
"""

from __future__ import annotations

from services.alerts import (
    EventRejected,
    IngestResult,
    broadcast_progress,
    count_recipients,
    ingest_event,
    stop_broadcast,
)
from services.db import Database
from services.deep_links import BillLinks, BillLinkStatus, DeepLinks, LinkSecretMissing
from services.faq import FaqEngine
from services.link_grants import revoke_links as revoke_bill_links
from services.link_grants import signed_links as signed_bill_links
from services.linking_state import (
    ChatLinking,
    LinkedChat,
    chat_linking,
    linked_chats,
    unlink_everywhere,
)
from services.qr import png as qr_png
from services.qr import svg as qr_svg

__all__ = [
    "BillLinkStatus",
    "BillLinks",
    "ChatLinking",
    "Database",
    "DeepLinks",
    "EventRejected",
    "FaqEngine",
    "IngestResult",
    "LinkSecretMissing",
    "LinkedChat",
    "broadcast_progress",
    "chat_linking",
    "count_recipients",
    "ingest_event",
    "linked_chats",
    "qr_png",
    "qr_svg",
    "revoke_bill_links",
    "signed_bill_links",
    "stop_broadcast",
    "unlink_everywhere",
]
