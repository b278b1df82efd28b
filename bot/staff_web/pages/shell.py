"""What every staff page has around it: its style sheet and script, and the language switch
(the staff member's choice is stored; the page it was chosen on is shown again)."""

from __future__ import annotations

from pathlib import Path

from aiohttp import web
from yarl import URL

from bot.staff_web.context import SESSION_COOKIE
from bot.staff_web.pages.section import PageSection
from services.staff import accounts
from services.staff.accounts import Principal

STATIC = Path(__file__).with_name("static")


class ShellPages(PageSection):
    """``/staff/static/{name}`` and ``POST /staff/language``."""

    def routes(self) -> list[web.RouteDef]:
        return [
            web.post("/staff/language", self.page(self.choose_language)),
            web.get("/staff/static/{name}", self.static),
        ]

    async def static(self, request: web.Request) -> web.StreamResponse:
        name = request.match_info["name"]
        if name not in ("staff.css", "staff.js"):
            raise web.HTTPNotFound()
        kind = "text/css" if name.endswith(".css") else "text/javascript"
        body = (STATIC / name).read_text(encoding="utf-8")
        return web.Response(text=body, content_type=kind, headers={"Cache-Control": "max-age=300"})

    async def choose_language(self, request: web.Request, principal: Principal) -> web.Response:
        post = await request.post()
        async with self.context.database.transaction() as session:
            await accounts.choose_language(
                session,
                principal,
                request.cookies.get(SESSION_COOKIE),
                str(post.get("language", "")),
            )
        return self.see_other(_same_page(request))


def _same_page(request: web.Request) -> str:
    """Where the language was chosen (the page the form was on), or the board."""
    try:
        back = URL(request.headers.get("Referer", ""))
    except ValueError:
        return "/staff"
    same_site = back.host in (None, request.url.host)
    path = back.path_qs if same_site and back.path.startswith("/staff") else "/staff"
    return "/staff" if path.startswith("/staff/login") else path
