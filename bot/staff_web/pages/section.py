"""One section of the staff pages (the board, reports, accounts ...), and what every section
shares: a view is ``async (request, principal) -> response``, served through :meth:`page`
(signed in, in the staff member's language, CSRF checked on POST, refusals in words) and
answered with :meth:`render` (a template in the page's frame) or :meth:`see_other`."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from bot.staff_web.context import StaffContext, csrf_ok, csrf_token
from bot.staff_web.pages.messages import forbidden_message
from bot.staff_web.pages.render import html, render, see_other
from locales.i18n import _, using_language
from services.customer_codes import DISTRICTS
from services.staff import accounts
from services.staff.accounts import Principal
from services.staff.errors import Conflict, Forbidden, NotFound

View = Callable[[web.Request, Principal], Awaitable[web.StreamResponse]]
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class PageSection:
    """A section of ``/staff``: it lists its ``routes``, each view wrapped by :meth:`page`
    (the sign-in page's own routes are not)."""

    def __init__(self, context: StaffContext) -> None:
        self.context = context

    def routes(self) -> list[web.RouteDef]:
        raise NotImplementedError

    def page(self, view: View) -> Handler:
        """``view`` for a signed-in staff member, in their language, with a CSRF check on POST
        and errors in words."""

        async def handler(request: web.Request) -> web.StreamResponse:
            principal = await self.context.session_principal(request)
            if principal is None:
                if request.method == "GET" and not request.path.endswith("/progress"):
                    return see_other("/staff/login")
                with using_language(accounts.PAGE_LANGUAGE):
                    link = ("/staff/login", _("Sign in"), "primary")
                    body = render(
                        "message.html",
                        title=_("You are signed out"),
                        principal=None,
                        csrf="",
                        link=link,
                    )
                    return html(body, 401)
            with using_language(principal.language):
                return await self._guarded(view, request, principal)

        return handler

    async def _guarded(
        self, view: View, request: web.Request, principal: Principal
    ) -> web.StreamResponse:
        if request.method == "POST":
            post = await request.post()
            csrf = post.get("csrf")
            if not csrf_ok(request, csrf if isinstance(csrf, str) else None):
                expired = _("The form expired. Reload the page and try again.")
                return self.refuse(request, principal, _("Not possible"), expired, 403)
        try:
            return await view(request, principal)
        except Forbidden as error:
            message = (
                forbidden_message(str(error))
                if str(error) in DISTRICTS
                else _("Only admins can do this.")
            )
            return self.refuse(request, principal, _("Not allowed"), message, 403)
        except NotFound:
            missing = _(
                "There is no such notice or request. It may have been removed, or the "
                "address is wrong."
            )
            return self.refuse(request, principal, _("Not found"), missing, 404)
        except Conflict:
            changed = _(
                "This is no longer possible: the notice has changed meanwhile. Reload the page."
            )
            return self.refuse(request, principal, _("Not possible"), changed, 409)

    def render(
        self,
        request: web.Request,
        principal: Principal,
        template: str,
        title: str,
        status: int = 200,
        **values: Any,
    ) -> web.Response:
        """``template`` in the page's frame (menu, language switch) under ``title``."""
        body = render(
            template, title=title, principal=principal, csrf=csrf_token(request), **values
        )
        return html(body, status)

    def refuse(
        self,
        request: web.Request,
        principal: Principal,
        title: str,
        message: str,
        status: int,
        link: tuple[str, str, str] | None = None,
    ) -> web.Response:
        """A page that says why not (and where to go: ``link`` is href, label, style)."""
        return self.render(
            request, principal, "message.html", title, status, error=message, link=link
        )

    def see_other(self, location: str) -> web.Response:
        return see_other(location)
