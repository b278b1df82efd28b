"""The ``/staff`` page: what is happening now, compose with a preview, send or schedule, watch
delivery, update, say power is back, cancel, stop, reports, call-backs, templates, the audit
log, link a chat, manage staff (admins). In the staff member's language (Albanian unless they
choose another), for a phone as much as for a desk."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from aiohttp import web
from yarl import URL

from bot.staff import views
from bot.staff.account_pages import AccountPages
from bot.staff.board_pages import BoardPages
from bot.staff.callback_pages import CallbackPages
from bot.staff.context import SESSION_COOKIE, StaffContext, csrf_ok, csrf_token
from bot.staff.delivery_preview import delivery_preview
from bot.staff.errors import field_message, forbidden_message
from bot.staff.forms import blank_values, form_field, notice_body, prefilled, values_from_post
from bot.staff.html import error_box, layout, link_button
from bot.staff.lifecycle_pages import LifecyclePages, title_of
from bot.staff.login_pages import LoginPages
from bot.staff.notice_view import notice_view
from bot.staff.report_pages import ReportPages
from bot.staff.resend_page import resend_routes
from bot.staff.responses import html, see_other
from bot.staff.template_pages import TemplatePages
from locales.i18n import _, using_language
from services.customer_codes import DISTRICTS
from services.staff import accounts, audit
from services.staff.accounts import Principal
from services.staff.notice_input import NoticeInvalid, read_notice
from services.staff.notice_types import NoticeConflict, NoticeForbidden, NoticeNotFound
from services.staff.preview import render_previews
from services.staff.templates import all_templates

STATIC = Path(__file__).with_name("static")
View = Callable[[web.Request, Principal], Awaitable[web.StreamResponse]]


class StaffPages:
    """Routes of the staff page; every POST carries the session's CSRF token."""

    def __init__(self, context: StaffContext) -> None:
        self.context = context
        self.desk = context.desk
        self.sections = [
            LoginPages(context, self), BoardPages(context, self), LifecyclePages(context, self),
            ReportPages(context, self), CallbackPages(context, self),
            TemplatePages(context, self), AccountPages(context, self),
        ]  # fmt: skip

    def routes(self) -> list[web.RouteDef]:
        page = self.page
        return [
            web.get("/staff/notices/new", page(self.compose)),
            web.post("/staff/notices/edit", page(self.edit)),
            web.post("/staff/notices/preview", page(self.preview)),
            web.post("/staff/notices", page(self.send)),
            web.get("/staff/notices/{id}", page(self.notice)),
            web.get("/staff/notices/{id}/progress", page(self.progress)),
            web.post("/staff/notices/{id}/cancel", page(self.cancel)),
            web.post("/staff/notices/{id}/stop", page(self.stop)),
            web.get("/staff/audit", page(self.audit_log)),
            web.post("/staff/language", page(self.choose_language)),
            web.get("/staff/static/{name}", self.static),
            *(route for section in self.sections for route in section.routes()),
            *resend_routes(self.context, self.page),
        ]

    def page(self, view: View) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
        """``view`` for a signed-in staff member, in their language, with a CSRF check on POST
        and errors in words."""

        async def handler(request: web.Request) -> web.StreamResponse:
            principal = await self.context.session_principal(request)
            if principal is None:
                if request.method == "GET" and not request.path.endswith("/progress"):
                    return see_other("/staff/login")
                with using_language(accounts.PAGE_LANGUAGE):
                    body = link_button("/staff/login", _("Sign in"), "primary")
                    return html(layout(_("You are signed out"), body), 401)
            with using_language(principal.language):
                return await guarded(request, principal)

        async def guarded(request: web.Request, principal: Principal) -> web.StreamResponse:
            if request.method == "POST":
                post = await request.post()
                csrf = post.get("csrf")
                if not csrf_ok(request, csrf if isinstance(csrf, str) else None):
                    expired = error_box(_("The form expired. Reload the page and try again."))
                    return self.render(_("Not possible"), expired, request, principal, 403)
            try:
                return await view(request, principal)
            except NoticeForbidden as error:
                message = (forbidden_message(str(error)) if str(error) in DISTRICTS
                           else _("Only admins can do this."))  # fmt: skip
                return self.render(_("Not allowed"), error_box(message), request, principal, 403)
            except NoticeNotFound:
                missing = error_box(_("There is no such notice or request. It may have been "
                                      "removed, or the address is wrong."))  # fmt: skip
                return self.render(_("Not found"), missing, request, principal, 404)
            except NoticeConflict:
                body = error_box(_("This is no longer possible: the notice has changed "
                                   "meanwhile. Reload the page."))  # fmt: skip
                return self.render(_("Not possible"), body, request, principal, 409)

        return handler

    def render(
        self, title: str, body: str, request: web.Request, principal: Principal, status: int = 200
    ) -> web.Response:
        return html(layout(title, body, principal, csrf_token(request)), status)

    def see_other(self, location: str) -> web.Response:
        return see_other(location)

    def not_current(self, request: web.Request, principal: Principal) -> web.Response:
        """The outage asked for is not current any more (restored, or not an outage)."""
        text = _("This outage is no longer current: power is back, or it is not an outage.")
        body = error_box(text) + link_button("/staff", _("Back"))
        return self.render(_("Not possible"), body, request, principal, 409)

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
            await accounts.choose_language(session, principal,
                                           request.cookies.get(SESSION_COOKIE),
                                           str(post.get("language", "")))  # fmt: skip
        return see_other(_same_page(request))

    async def _compose(
        self, request: web.Request, principal: Principal, values: dict, error: NoticeInvalid | None
    ) -> web.Response:
        field = form_field(error.field) if error else None
        message = field_message(error.field) if error else None
        async with self.context.database.transaction() as session:
            templates = await all_templates(session)
        body = views.compose_view(principal, values, csrf_token(request), message, field,
                                  templates, fast_kinds=self._fast_kinds())  # fmt: skip
        return self.render(_("New notice"), body, request, principal, 400 if error else 200)

    def _fast_kinds(self) -> tuple[str, ...]:
        return tuple(kind for kind in ("outage", "planned_work") if self.desk.may_be_fast(kind))

    async def compose(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        scope = principal.scope
        values = blank_values(scope[0] if len(scope) == 1 else "")
        values.update(prefilled(request.query, scope))
        return await self._compose(request, principal, values, None)

    async def edit(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        return await self._compose(request, principal, values_from_post(await request.post()),
                                   None)  # fmt: skip

    async def preview(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        values = values_from_post(await request.post())
        try:
            data = read_notice(notice_body(values))
        except NoticeInvalid as error:
            return await self._compose(request, principal, values, error)
        if not principal.may_act_in(data.district):
            raise NoticeForbidden(data.district)
        recipients = await self.desk.count_recipients(data)
        body = views.preview_view(values, render_previews(data, self.context.channels), recipients,
                                  recipients > self.desk.confirm_above, csrf_token(request),
                                  self.context.viber_name,
                                  await delivery_preview(self.context, data))  # fmt: skip
        return self.render(_("Preview"), body, request, principal)

    async def send(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        post = await request.post()
        values = values_from_post(post)
        try:
            data = read_notice(notice_body(values, confirm=post.get("confirm") == "yes"))
        except NoticeInvalid as error:
            return await self._compose(request, principal, values, error)
        result = await self.desk.submit(principal, data)
        if result.confirm_needed:
            previews = render_previews(data, self.context.channels)
            body = views.preview_view(values, previews, result.recipients, True,
                                      csrf_token(request), self.context.viber_name,
                                      await delivery_preview(self.context, data))  # fmt: skip
            return self.render(_("Confirm"), body, request, principal, 409)
        return see_other(f"/staff/notices/{values['id']}")

    async def notice(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        notice_id = request.match_info["id"]
        notice = await self.desk.get(principal, notice_id)
        progress = await self.desk.progress(principal, notice_id)
        body = notice_view(notice, progress, csrf_token(request))
        return self.render(title_of(notice), body, request, principal)

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
        return self.render(_("Audit log"), views.audit_view(rows), request, principal)



def _same_page(request: web.Request) -> str:
    """Where the language was chosen (the page the form was on), or the board."""
    try:
        back = URL(request.headers.get("Referer", ""))
    except ValueError:
        return "/staff"
    same_site = back.host in (None, request.url.host)
    path = back.path_qs if same_site and back.path.startswith("/staff") else "/staff"
    return "/staff" if path.startswith("/staff/login") else path
