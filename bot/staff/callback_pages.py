"""The staff page's call-back requests: customers who asked for a person, newest first, each
with *Done* (through services/staff/callbacks.py, as ``POST /api/v1/callbacks/{id}/done``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from aiohttp import web

from bot.staff.context import csrf_token
from bot.staff.html import e, post_button
from bot.staff.page_section import PageSection
from locales import languages
from locales.i18n import _, current_language
from services.areas import district_name
from services.staff import callbacks
from services.staff.accounts import Principal
from services.staff.notice_types import NoticeNotFound
from services.staff.titles import short_time


def callback_card(row: dict[str, Any], csrf: str) -> str:
    language = current_language()
    at = short_time(datetime.fromisoformat(row["created_at"]), language)
    who = [row["channel"].capitalize(), languages.get(row["language"]).name]
    if row["customer_code"]:
        who.insert(0, row["customer_code"])
    if row["district"]:
        who.append(district_name(row["district"], language))
    if row["done_at"]:
        done = _("Done {time} by {who}").format(
            time=short_time(datetime.fromisoformat(row["done_at"]), language), who=row["done_by"])
        action = f'<p class="muted">{e(done)}</p>'
    else:
        action = post_button(f"/staff/callbacks/{row['id']}/done", _("✅ Done"), csrf, "primary")
    number = e(_("Request {number}").format(number=row["id"]))
    return (
        f'<article class="card callback" data-id="{row["id"]}"><h2>{number} · '
        f'<time>{e(at)}</time></h2><p class="muted">{e(" · ".join(who))}</p>'
        f'<p class="said">{e(row["text"])}</p>{action}</article>'
    )


def callbacks_view(rows: list[dict[str, Any]], status: str, csrf: str) -> str:
    tabs = "".join(
        f'<a class="{"chip on" if value == status else "chip"}" href="/staff/callbacks?status='
        f'{value}">{e(label)}</a>'
        for value, label in (("open", _("Waiting")), ("done", _("Done")), ("all", _("All")))
    )
    empty = e(_("No call-back requests here."))
    cards = "".join(callback_card(row, csrf) for row in rows) or f"<p>{empty}</p>"
    return f'<nav class="chips">{tabs}</nav>{cards}'


class CallbackPages(PageSection):
    """``/staff/callbacks`` and ``POST /staff/callbacks/{id}/done``."""

    def routes(self) -> list[web.RouteDef]:
        page = self.pages.page
        return [
            web.get("/staff/callbacks", page(self.list_requests)),
            web.post("/staff/callbacks/{id}/done", page(self.done)),
        ]

    async def list_requests(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        status = request.query.get("status", "open")
        status = status if status in callbacks.STATUSES else "open"
        async with self.context.database.transaction() as session:
            rows = await callbacks.requests(session, principal, status=status, limit=200)
        body = callbacks_view(rows, status, csrf_token(request))
        return self.pages.render(_("Call-back requests"), body, request, principal)

    async def done(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        raw = request.match_info["id"]
        if not raw.isdigit() or len(raw) > 12:
            raise NoticeNotFound(raw)
        async with self.context.database.transaction() as session:
            await callbacks.mark_done(session, principal, int(raw))
        return self.pages.see_other("/staff/callbacks")
