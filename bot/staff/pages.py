"""The ``/staff`` page: sign in, compose with a preview, send or schedule, watch delivery,
cancel, stop, read the audit log, link a chat, manage staff (admins)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from aiohttp import web

from bot.staff import views
from bot.staff.account_pages import AccountPages
from bot.staff.context import (
    LOGIN_COOKIE,
    SESSION_COOKIE,
    StaffContext,
    client_address,
    csrf_ok,
    csrf_token,
)
from bot.staff.delivery_preview import delivery_preview
from bot.staff.forms import blank_values, form_field, notice_body, values_from_post
from bot.staff.html import layout
from bot.staff.resend_page import resend_routes
from services.staff import accounts, audit
from services.staff.accounts import Principal
from services.staff.credentials import new_token, same
from services.staff.notice_input import NoticeInvalid, read_notice
from services.staff.notice_types import NoticeConflict, NoticeForbidden, NoticeNotFound
from services.staff.preview import render_previews

STATIC = Path(__file__).with_name("static")
HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
}
View = Callable[[web.Request, Principal], Awaitable[web.StreamResponse]]


def html(body: str, status: int = 200) -> web.Response:
    return web.Response(text=body, status=status, content_type="text/html", headers=HEADERS)


def see_other(location: str) -> web.Response:
    return web.Response(status=303, headers={**HEADERS, "Location": location})


class StaffPages:
    """Routes of the staff page; every POST carries the session's CSRF token."""

    def __init__(self, context: StaffContext) -> None:
        self.context = context
        self.desk = context.desk
        self.account = AccountPages(context, self)

    def routes(self) -> list[web.RouteDef]:
        page = self.page
        return [
            web.get("/staff", page(self.home)),
            web.get("/staff/login", self.login_form),
            web.post("/staff/login", self.login),
            web.post("/staff/logout", page(self.logout)),
            web.get("/staff/notices/new", page(self.compose)),
            web.post("/staff/notices/edit", page(self.edit)),
            web.post("/staff/notices/preview", page(self.preview)),
            web.post("/staff/notices", page(self.send)),
            web.get("/staff/notices/{id}", page(self.notice)),
            web.get("/staff/notices/{id}/progress", page(self.progress)),
            web.post("/staff/notices/{id}/cancel", page(self.cancel)),
            web.post("/staff/notices/{id}/stop", page(self.stop)),
            web.get("/staff/audit", page(self.audit_log)),
            web.get("/staff/static/{name}", self.static),
            *self.account.routes(),
            *resend_routes(self.context, self.page),
        ]

    def page(self, view: View) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
        async def handler(request: web.Request) -> web.StreamResponse:
            principal = await self.context.session_principal(request)
            if principal is None:
                if request.method == "GET" and not request.path.endswith("/progress"):
                    return see_other("/staff/login")
                return html(layout("Signed out", '<p><a href="/staff/login">Sign in</a></p>'), 401)
            if request.method == "POST":
                post = await request.post()
                csrf = post.get("csrf")
                if not csrf_ok(request, csrf if isinstance(csrf, str) else None):
                    return self.render("Forbidden", "<p>The form expired. Reload the page.</p>",
                                       request, principal, 403)  # fmt: skip
            try:
                return await view(request, principal)
            except NoticeForbidden as error:
                return self.render("Forbidden", f"<p>Not your district: {error}.</p>", request,
                                   principal, 403)  # fmt: skip
            except NoticeNotFound:
                return self.render("Not found", "<p>No such notice.</p>", request, principal, 404)
            except NoticeConflict as error:
                return self.render("Not possible", f"<p>{error}</p>", request, principal, 409)

        return handler

    def render(
        self, title: str, body: str, request: web.Request, principal: Principal, status: int = 200
    ) -> web.Response:
        return html(layout(title, body, principal, csrf_token(request)), status)

    async def static(self, request: web.Request) -> web.StreamResponse:
        name = request.match_info["name"]
        if name not in ("staff.css", "staff.js"):
            raise web.HTTPNotFound()
        kind = "text/css" if name.endswith(".css") else "text/javascript"
        body = (STATIC / name).read_text(encoding="utf-8")
        return web.Response(text=body, content_type=kind, headers={"Cache-Control": "max-age=300"})

    async def login_form(self, request: web.Request) -> web.StreamResponse:
        token = new_token()
        response = html(layout("Sign in", views.login_view(token)))
        self.context.set_cookie(response, LOGIN_COOKIE, token, 3600)
        return response

    async def login(self, request: web.Request) -> web.StreamResponse:
        post = await request.post()
        username = str(post.get("username", ""))[:64].strip().lower()
        password = str(post.get("password", ""))[:1000]
        form_token, cookie = str(post.get("login_csrf", "")), request.cookies.get(LOGIN_COOKIE, "")
        if not cookie or not same(form_token, cookie):
            return html(layout("Sign in", views.login_view(new_token(), "The form expired.")), 403)
        address = client_address(request)
        async with self.context.database.transaction() as session:
            locked = await accounts.is_locked(session, username, address)
            principal = None if locked else await accounts.sign_in(
                session, username, password, address, self.context.admin_token)  # fmt: skip
            if principal is None:
                detail = f"from {address}" + (" (locked)" if locked else "")
                audit.record(session, username or "?", "sign_in.failed", via="page", detail=detail)
            else:
                token = await accounts.open_session(session, principal)
                audit.record(session, principal, "sign_in", detail=f"from {address}")
        if principal is None:
            message = (
                "Too many failed sign-ins. Try again in 15 minutes."
                if locked or await self._now_locked(username, address)
                else "Wrong username or password."
            )
            response = html(layout("Sign in", views.login_view(cookie, message, username)), 401)
            return response
        response = see_other("/staff")
        lifetime = int(accounts.SESSION_LIFETIME.total_seconds())
        self.context.set_cookie(response, SESSION_COOKIE, token, lifetime)
        response.del_cookie(LOGIN_COOKIE, path="/staff")
        return response

    async def _now_locked(self, username: str, address: str) -> bool:
        async with self.context.database.transaction() as session:
            return await accounts.is_locked(session, username, address)

    async def logout(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        async with self.context.database.transaction() as session:
            await accounts.close_session(session, request.cookies.get(SESSION_COOKIE, ""))
            audit.record(session, principal, "sign_out")
        response = see_other("/staff/login")
        response.del_cookie(SESSION_COOKIE, path="/staff")
        return response

    async def home(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        notices = await self.desk.recent(principal)
        return self.render("Notices", views.notices_view(notices, csrf_token(request)), request,
                           principal)  # fmt: skip

    def _compose(
        self, request: web.Request, principal: Principal, values: dict, error: NoticeInvalid | None
    ) -> web.Response:
        field = form_field(error.field) if error else None
        body = views.compose_view(principal, values, csrf_token(request), str(error or ""), field,
                                  fast_kinds=self._fast_kinds())  # fmt: skip
        return self.render("New notice", body, request, principal, 400 if error else 200)

    def _fast_kinds(self) -> tuple[str, ...]:
        return tuple(kind for kind in views.KIND_NAMES if self.desk.may_be_fast(kind))

    async def compose(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        scope = principal.scope
        return self._compose(request, principal, blank_values(scope[0] if len(scope) == 1 else ""),
                             None)  # fmt: skip

    async def edit(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        return self._compose(request, principal, values_from_post(await request.post()), None)

    async def preview(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        values = values_from_post(await request.post())
        try:
            data = read_notice(notice_body(values))
        except NoticeInvalid as error:
            return self._compose(request, principal, values, error)
        if not principal.may_act_in(data.district):
            raise NoticeForbidden(data.district)
        recipients = await self.desk.count_recipients(data)
        body = views.preview_view(values, render_previews(data, self.context.channels), recipients,
                                  recipients > self.desk.confirm_above, csrf_token(request),
                                  self.context.viber_name,
                                  await delivery_preview(self.context, data))  # fmt: skip
        return self.render("Preview", body, request, principal)

    async def send(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        post = await request.post()
        values = values_from_post(post)
        try:
            data = read_notice(notice_body(values, confirm=post.get("confirm") == "yes"))
        except NoticeInvalid as error:
            return self._compose(request, principal, values, error)
        result = await self.desk.submit(principal, data)
        if result.confirm_needed:
            previews = render_previews(data, self.context.channels)
            body = views.preview_view(values, previews, result.recipients, True,
                                      csrf_token(request), self.context.viber_name,
                                      await delivery_preview(self.context, data))  # fmt: skip
            return self.render("Confirm", body, request, principal, 409)
        return see_other(f"/staff/notices/{values['id']}")

    async def notice(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        notice_id = request.match_info["id"]
        notice = await self.desk.get(principal, notice_id)
        progress = await self.desk.progress(principal, notice_id)
        body = views.notice_view(notice, progress, csrf_token(request))
        return self.render(f"Notice {notice_id}", body, request, principal)

    async def progress(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        progress = await self.desk.progress(principal, request.match_info["id"])
        return web.json_response(progress, headers={"Cache-Control": "no-store"})

    async def cancel(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        await self.desk.cancel(principal, request.match_info["id"])
        return see_other(f"/staff/notices/{request.match_info['id']}")

    async def stop(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        await self.desk.stop(principal, request.match_info["id"])
        return see_other(f"/staff/notices/{request.match_info['id']}")

    async def audit_log(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        async with self.context.database.transaction() as session:
            rows = [audit.as_json(x) for x in await audit.entries(session, principal, limit=200)]
        return self.render("Audit log", views.audit_view(rows), request, principal)
