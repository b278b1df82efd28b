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
- **Bills** (issue 24): :class:`BillRecord`, :func:`bill_history_of` and
  :func:`bill_document_of` (a code's last 12 bills and a bill's PDF from any backend, an older
  one without history included), :data:`EVENT_TYPES` (every event type ``ingest_event`` takes,
  ``debt.disconnection_warning`` among them), :func:`queue_due_bill_reminders` (what the
  dispatcher's scheduler runs), :class:`FileLinks` (the signed addresses of bills' PDFs).
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
from services.alerts.bill_reminders import queue_due_bill_reminders
from services.alerts.event_types.registry import EVENT_TYPES
from services.backend.base import BillRecord
from services.backend.history import bill_document_of, bill_history_of
from services.db import Database
from services.deep_links import BillLinks, BillLinkStatus, DeepLinks, LinkSecretMissing
from services.faq import FaqEngine
from services.file_links import FileLinks
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
    "EVENT_TYPES",
    "BillLinkStatus",
    "BillLinks",
    "BillRecord",
    "ChatLinking",
    "Database",
    "DeepLinks",
    "EventRejected",
    "FaqEngine",
    "FileLinks",
    "IngestResult",
    "LinkSecretMissing",
    "LinkedChat",
    "bill_document_of",
    "bill_history_of",
    "broadcast_progress",
    "chat_linking",
    "count_recipients",
    "ingest_event",
    "linked_chats",
    "qr_png",
    "qr_svg",
    "queue_due_bill_reminders",
    "revoke_bill_links",
    "signed_bill_links",
    "stop_broadcast",
    "unlink_everywhere",
]
