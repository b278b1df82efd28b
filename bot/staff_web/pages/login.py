"""Signing in and out of the staff page, and its language before signing in (a cookie that the
session then keeps: the staff member's choice is stored)."""

from __future__ import annotations

from aiohttp import web

from bot.staff_web.context import LOGIN_COOKIE, SESSION_COOKIE, client_address
from bot.staff_web.pages.render import html, render, see_other
from bot.staff_web.pages.section import PageSection
from locales import languages
from locales.i18n import _, using_language
from services.staff import accounts, audit
from services.staff.accounts import Principal
from services.staff.credentials import new_token, same

LANGUAGE_COOKIE = "kesco_staff_lang"


def login_language(request: web.Request) -> str | None:
    """The language picked on the sign-in page (None: not picked)."""
    chosen = request.cookies.get(LANGUAGE_COOKIE)
    return chosen if chosen and languages.is_known(chosen) else None


class LoginPages(PageSection):
    """``/staff/login`` (and its language), ``/staff/logout``."""

    def routes(self) -> list[web.RouteDef]:
        return [
            web.get("/staff/login", self.login_form),
            web.post("/staff/login", self.login),
            web.post("/staff/login/language", self.choose_language),
            web.post("/staff/logout", self.page(self.logout)),
        ]

    def _form(
        self, token: str, error: str | None = None, username: str = "", status: int = 200
    ) -> web.Response:
        """The sign-in form (no one is signed in: no menu)."""
        body = render(
            "login.html",
            title=_("Sign in"),
            principal=None,
            csrf="",
            token=token,
            error=error,
            username=username,
        )
        return html(body, status)

    async def login_form(self, request: web.Request) -> web.StreamResponse:
        token = new_token()
        with using_language(login_language(request) or accounts.PAGE_LANGUAGE):
            response = self._form(token)
        self.context.set_cookie(response, LOGIN_COOKIE, token, 3600)
        return response

    async def choose_language(self, request: web.Request) -> web.StreamResponse:
        post = await request.post()
        chosen = str(post.get("language", ""))
        response = see_other("/staff/login")
        if languages.is_known(chosen):
            self.context.set_cookie(response, LANGUAGE_COOKIE, chosen, 365 * 24 * 3600)
        return response

    async def login(self, request: web.Request) -> web.StreamResponse:
        with using_language(login_language(request) or accounts.PAGE_LANGUAGE):
            return await self._login(request)

    async def _login(self, request: web.Request) -> web.StreamResponse:
        post = await request.post()
        username = str(post.get("username", ""))[:64].strip().lower()
        password = str(post.get("password", ""))[:1000]
        form_token, cookie = str(post.get("login_csrf", "")), request.cookies.get(LOGIN_COOKIE, "")
        if not cookie or not same(form_token, cookie):
            expired = _("The form expired. Please sign in again.")
            return self._form(new_token(), expired, status=403)
        address = client_address(request, self.context.trusted_proxies)
        async with self.context.database.transaction() as session:
            locked = await accounts.is_locked(session, username, address)
            delay = 0.0 if locked else await accounts.delay_for(session, username, address)
        if delay > 0:
            await self.context.sleep(delay)  # slows guessing; never locks a name out
        async with self.context.database.transaction() as session:
            principal = (
                None
                if locked
                else await accounts.sign_in(
                    session, username, password, address, self.context.admin_token
                )
            )
            if principal is None:
                detail = f"from {address}" + (" (locked)" if locked else "")
                audit.record(session, username or "?", "sign_in.failed", via="page", detail=detail)
            else:
                token = await accounts.open_session(
                    session, principal, login_language(request), self.context.admin_token
                )
                audit.record(session, principal, "sign_in", detail=f"from {address}")
        if principal is None:
            message = (
                _("Too many failed sign-ins. Try again in 15 minutes.")
                if locked or await self._now_locked(username, address)
                else _("Wrong username or password.")
            )
            return self._form(cookie, message, username, 401)
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
