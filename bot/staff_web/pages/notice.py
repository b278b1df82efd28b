"""One notice on the staff pages: what it says now and its delivery (``.../progress`` is the
same delivery as JSON, for the page's script to follow it live), and what can be done with it
now: cancel a scheduled one, stop sending, send again what failed or may not have arrived."""

from __future__ import annotations

from aiohttp import web

from bot.staff_web.bodies import progress_json
from bot.staff_web.pages.forms import local_now
from bot.staff_web.pages.render import title_of
from bot.staff_web.pages.section import PageSection
from services.staff.accounts import Principal

LANGUAGE_NAMES = {"sq": "Shqip", "en": "English", "sr": "Српски"}


class NoticePages(PageSection):
    """``/staff/notices/{id}`` with its ``progress``, ``cancel``, ``stop`` and ``resend``
    (``?unconfirmed=1``: also to the chats that may have got it)."""

    def routes(self) -> list[web.RouteDef]:
        page = self.page
        return [
            web.get("/staff/notices/{id}", page(self.notice)),
            web.get("/staff/notices/{id}/progress", page(self.progress)),
            web.post("/staff/notices/{id}/cancel", page(self.cancel)),
            web.post("/staff/notices/{id}/stop", page(self.stop)),
            web.post("/staff/notices/{id}/resend", page(self.resend)),
        ]

    async def notice(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        notice_id = request.match_info["id"]
        notice = await self.context.desk.get(principal, notice_id)
        progress = await self.context.desk.progress(principal, notice_id)
        return self.render(
            request,
            principal,
            "notice.html",
            title_of(notice),
            notice=notice,
            progress=progress,
            now=local_now(),
            language_names=LANGUAGE_NAMES,
        )

    async def progress(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        progress = await self.context.desk.progress(principal, request.match_info["id"])
        return web.json_response(progress_json(progress), headers={"Cache-Control": "no-store"})

    async def cancel(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        await self.context.desk.cancel(principal, request.match_info["id"])
        return self.see_other(f"/staff/notices/{request.match_info['id']}")

    async def stop(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        await self.context.desk.stop(principal, request.match_info["id"])
        return self.see_other(f"/staff/notices/{request.match_info['id']}")

    async def resend(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        notice_id = request.match_info["id"]
        unconfirmed = request.query.get("unconfirmed") == "1"
        await self.context.desk.resend(principal, notice_id, unconfirmed=unconfirmed)
        return self.see_other(f"/staff/notices/{notice_id}")
