"""The staff web console's answers as JSON: the service layer's frozen views written out field
by field, times as ISO 8601 (here and nowhere else). The API answers with them, and the page's
live delivery (staff.js) reads the same :func:`progress_json`."""

from __future__ import annotations

import base64
from datetime import date, datetime
from typing import Any

from bot.staff_web.estimate import ChannelEstimate, DeliveryEstimate
from services import qr
from services.areas import get_area
from services.customer_codes import DISTRICTS
from services.db.staff_models import AuditEntry, StaffMember
from services.deep_links import BillLinks
from services.notices.preview import Preview
from services.notices.views import Changed, EventDelivery, NoticeView, OutageNow, Progress, Spent
from services.notices.where import split
from services.power_reports import AreaReports
from services.staff.audit_details import shown
from services.staff.callbacks import CallbackView


def iso(value: datetime | date | None) -> str | None:
    return value.isoformat() if value is not None else None


def spent_json(spent: Spent) -> dict[str, Any]:
    return {"fast_sent": spent.fast_sent, "stars_spent": spent.stars_spent}


def _current_json(now: OutageNow) -> dict[str, Any]:
    return {
        "status": now.status,
        "areas": list(now.areas),
        "starts_at": iso(now.starts_at),
        "ends_at": iso(now.ends_at),
        "texts": now.texts,
        "restored_at": iso(now.restored_at),
        "updated_at": iso(now.updated_at),
    }


def notice_json(notice: NoticeView) -> dict[str, Any]:
    """A notice as submitted (its areas, and its places of other levels), what its outage says
    now (``current``), its fast messages."""
    areas, places = split(notice.areas, notice.district)
    body: dict[str, Any] = {
        "id": notice.id,
        "kind": notice.kind,
        "district": notice.district,
        "areas": list(areas),
        "places": list(places),
        "starts_at": iso(notice.starts_at),
        "ends_at": iso(notice.ends_at),
        "texts": notice.texts,
        "status": notice.status,
        "publish_at": iso(notice.publish_at),
        "event_id": notice.event_id,
        "recipients": notice.recipients,
        "created_by": notice.created_by,
        "created_at": iso(notice.created_at),
        "published_at": iso(notice.published_at),
        "stopped_at": iso(notice.stopped_at),
        "revision": notice.revision,
        "restored_at": iso(notice.restored_at),
        "fast": notice.fast,
    }
    if notice.current is not None:
        body["current"] = _current_json(notice.current)
    if notice.spent is not None:
        body |= spent_json(notice.spent)
    return body


def changed_json(changed: Changed) -> dict[str, Any]:
    return {
        "notice": notice_json(changed.notice),
        "status": changed.status,
        "recipients": changed.recipients,
        "event_id": changed.event_id,
    }


def _event_json(event: EventDelivery) -> dict[str, Any]:
    return {
        "id": event.id,
        "type": event.type,
        "recipients": event.recipients,
        "fanning_out": event.fanning_out,
        "occurred_at": iso(event.occurred_at),
        "counts": event.counts,
        "failures": event.failures,
    }


def progress_json(progress: Progress) -> dict[str, Any]:
    return {
        "id": progress.id,
        "status": progress.status,
        "recipients": progress.recipients,
        "counts": progress.counts,
        "events": [_event_json(e) for e in progress.events],
        "failures": progress.failures,
        "delivery": progress.delivery,
        "stoppable": progress.stoppable,
        "done": progress.done,
        **spent_json(progress.spent),
    }


def previews_json(previews: dict[str, Preview]) -> dict[str, dict[str, Any]]:
    """``{language: {"text", "buttons", "length", "<channel>_ok"...}}``."""
    return {
        language: {
            "text": p.text,
            "buttons": [list(row) for row in p.buttons],
            "length": p.length,
            **{f"{name}_ok": ok for name, ok in p.fits.items()},
        }
        for language, p in previews.items()
    }


def _channel_json(c: ChannelEstimate) -> dict[str, Any]:
    return {
        "channel": c.channel,
        "recipients": c.recipients,
        "seconds": round(c.seconds, 1),
        "fast_seconds": round(c.fast_seconds, 1),
        "fast_messages": c.fast_messages,
        "stars": round(c.cost, 1),
    }


def estimate_json(delivery: DeliveryEstimate) -> dict[str, Any]:
    return {
        "channels": [_channel_json(c) for c in delivery.channels],
        "seconds": delivery.seconds,
        "fast_seconds": delivery.fast_seconds,
        "fast_messages": delivery.fast_messages,
        "stars": delivery.stars,
        "fast_available": delivery.fast_available,
        "fast": delivery.fast,
    }


def audit_json(entry: AuditEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "at": iso(entry.at),
        "actor": entry.actor,
        "via": entry.via,
        "action": entry.action,
        "notice_id": entry.notice_id,
        "event_id": entry.event_id,
        "district": entry.district,
        "areas": entry.areas,
        "recipients": entry.recipients,
        "detail": shown(entry.detail, "en"),  # the API speaks English; the page, the reader's
    }


def callback_json(row: CallbackView) -> dict[str, Any]:
    return {
        "id": row.id,
        "channel": row.channel,
        "customer_code": row.customer_code,
        "district": row.district,
        "area_id": row.area_id,
        "phone": row.phone,
        "codes": list(row.codes),
        "text": row.text,
        "language": row.language,
        "created_at": iso(row.created_at),
        "done_at": iso(row.done_at),
        "done_by": row.done_by,
    }


def staff_json(member: StaffMember) -> dict[str, Any]:
    return {
        "id": member.id,
        "username": member.username,
        "role": member.role,
        "districts": list(member.districts or []) if member.role == "operator" else list(DISTRICTS),
        "active": member.active,
        "has_api_token": member.api_token_hash is not None,
    }


def report_json(row: AreaReports) -> dict[str, Any]:
    area = get_area(row.area_id)
    return {
        "area_id": row.area_id,
        "names": area.names if area else {},
        "district": row.district,
        "count": row.count,
        "first_at": iso(row.first_at),
        "last_at": iso(row.last_at),
        "recent": row.recent,
        "weight": round(row.weight, 3),
        "known_outage": row.known_outage,
        "warning": row.warning,
        "notice": {
            "kind": "outage",
            "district": row.district,
            "areas": [row.area_id],
            "starts_at": iso(row.first_at),
        },
    }


def _messenger_link(url: str | None) -> dict[str, str] | None:
    if url is None:
        return None
    png = base64.b64encode(qr.png(url)).decode()
    return {"url": url, "qr_svg": qr.svg(url), "qr_png": png}


def bill_links_json(made: BillLinks) -> dict[str, Any]:
    """A code's signed links with their QR codes (SVG, and PNG in base64)."""
    return {
        "code": made.code,
        "valid_until": iso(made.valid_until),
        "payload": made.payload,
        "telegram": _messenger_link(made.telegram),
        "viber": _messenger_link(made.viber),
    }
