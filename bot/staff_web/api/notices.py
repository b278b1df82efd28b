"""The staff API's notices: list, publish or schedule, preview, read, cancel, stop, watch the
delivery, send again what failed, and a published outage's life (update, power back); the
areas a caller may choose. Same roles, districts, audit and idempotency as the pages."""

from __future__ import annotations

from aiohttp import web

from bot.staff_web.api.guard import ApiGuard, int_query, json_error, read_json
from bot.staff_web.bodies import (
    changed_json,
    estimate_json,
    notice_json,
    previews_json,
    progress_json,
)
from bot.staff_web.context import StaffContext
from bot.staff_web.delivery_preview import delivery_preview
from services.areas import areas_of
from services.customer_codes import DISTRICTS
from services.notices.changes import read_change, read_restoration
from services.notices.errors import NoticeForbidden
from services.notices.inputs import read_notice
from services.notices.preview import render_previews
from services.notices.reach import reach_by_place
from services.places.in_use import place_tree
from services.staff.accounts import Principal


class NoticesApi:
    """``/api/v1/notices...`` and ``/api/v1/areas``."""

    def __init__(self, context: StaffContext) -> None:
        self.context = context
        self.desk = context.desk

    def routes(self, guard: ApiGuard) -> list[web.RouteDef]:
        return [
            web.get("/api/v1/notices", guard(self.list_notices)),
            web.post("/api/v1/notices", guard(self.create)),
            web.post("/api/v1/notices/preview", guard(self.preview)),
            web.get("/api/v1/notices/{id}", guard(self.get)),
            web.post("/api/v1/notices/{id}/cancel", guard(self.cancel)),
            web.post("/api/v1/notices/{id}/stop", guard(self.stop)),
            web.get("/api/v1/notices/{id}/progress", guard(self.progress)),
            web.post("/api/v1/notices/{id}/resend", guard(self.resend)),
            web.post("/api/v1/notices/{id}/update", guard(self.update)),
            web.post("/api/v1/notices/{id}/restore", guard(self.restore)),
            web.get("/api/v1/areas", guard(self.areas)),
        ]

    async def list_notices(self, request: web.Request, principal: Principal) -> web.Response:
        limit = int_query(request, "limit", 50, 1, 200)
        notices = await self.desk.recent(principal, limit)
        return web.json_response({"notices": [notice_json(n) for n in notices]})

    async def create(self, request: web.Request, principal: Principal) -> web.Response:
        data = read_notice(await read_json(request))
        result = await self.desk.submit(principal, data)
        if result.confirm_needed:
            return json_error(
                409,
                f"this notice reaches {result.recipients} chats: send it again with "
                '"confirm": true',
                "confirm",
                recipients=result.recipients,
            )
        assert result.notice is not None
        body = {
            "notice": notice_json(result.notice),
            "recipients": result.recipients,
            "created": result.created,
        }
        return web.json_response(body, status=201 if result.created else 200)

    async def preview(self, request: web.Request, principal: Principal) -> web.Response:
        data = read_notice(await read_json(request))
        if not principal.may_act_in(data.district):
            raise NoticeForbidden(data.district)
        async with self.context.database.transaction() as session:
            reach = await reach_by_place(session, data)
        tree = place_tree()
        body = {
            "previews": previews_json(render_previews(data, self.context.channels)),
            "recipients": reach.total,
            "by_place": [
                {
                    "place": p.place_id,
                    "names": dict(place.names) if (place := tree.get(p.place_id)) else {},
                    "recipients": p.recipients,
                }
                for p in reach.places
            ],
            "confirm_needed": reach.total > self.desk.confirm_above,
        }
        delivery = await delivery_preview(self.context, data)
        if delivery is not None:
            body["delivery"] = estimate_json(delivery)
        return web.json_response(body)

    async def get(self, request: web.Request, principal: Principal) -> web.Response:
        notice = await self.desk.get(principal, request.match_info["id"])
        return web.json_response(notice_json(notice))

    async def cancel(self, request: web.Request, principal: Principal) -> web.Response:
        notice = await self.desk.cancel(principal, request.match_info["id"])
        return web.json_response(notice_json(notice))

    async def stop(self, request: web.Request, principal: Principal) -> web.Response:
        stopped = await self.desk.stop(principal, request.match_info["id"])
        return web.json_response({"stopped": stopped})

    async def progress(self, request: web.Request, principal: Principal) -> web.Response:
        progress = await self.desk.progress(principal, request.match_info["id"])
        return web.json_response(progress_json(progress))

    async def resend(self, request: web.Request, principal: Principal) -> web.Response:
        """Queue again the messages that failed (refused, past their deadline); with
        ``?unconfirmed=true`` also those the messenger never answered for (they may have
        arrived: a chat may get a second copy). ``{"resent": N}``; 409 when the notice was
        not published, its broadcast was stopped, or its outage is over."""
        unconfirmed = request.query.get("unconfirmed", "").lower() in ("1", "true", "yes")
        resent = await self.desk.resend(
            principal, request.match_info["id"], unconfirmed=unconfirmed
        )
        return web.json_response({"resent": resent})

    async def update(self, request: web.Request, principal: Principal) -> web.Response:
        change = read_change(await read_json(request))
        changed = await self.desk.update(principal, request.match_info["id"], change)
        return web.json_response(changed_json(changed))

    async def restore(self, request: web.Request, principal: Principal) -> web.Response:
        restoration = read_restoration(await read_json(request))
        changed = await self.desk.restore(principal, request.match_info["id"], restoration)
        return web.json_response(changed_json(changed))

    async def areas(self, request: web.Request, principal: Principal) -> web.Response:
        body = {
            district: [{"id": area.id, "names": area.names} for area in areas_of(district)]
            for district in DISTRICTS
            if principal.may_act_in(district)
        }
        return web.json_response({"districts": body})
