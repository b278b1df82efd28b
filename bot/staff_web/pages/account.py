"""The staff member's own account on the staff pages: link a chat (a one-time code for
``/notice CODE``), and a new API token, each shown once."""

from __future__ import annotations

from aiohttp import web

from bot.staff_web.pages.section import PageSection
from locales.i18n import _
from services.staff import accounts, audit
from services.staff.accounts import Principal


class AccountPages(PageSection):
    """``/staff/account``, ``POST .../chat-code`` and ``POST .../api-token``."""

    def routes(self) -> list[web.RouteDef]:
        page = self.page
        return [
            web.get("/staff/account", page(self.account)),
            web.post("/staff/account/chat-code", page(self.chat_code)),
            web.post("/staff/account/api-token", page(self.api_token)),
        ]

    async def account(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        return self.render(request, principal, "account.html", _("My account"))

    async def chat_code(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        if principal.staff_id is None:
            return await self.account(request, principal)
        async with self.context.database.transaction() as session:
            code = await accounts.issue_link_code(session, principal.staff_id)
            audit.record(session, principal, "chat_code.issued")
        text = _("Send this from your Telegram or Viber chat with the KESCO bot within 10 minutes:")
        return self.render(
            request,
            principal,
            "secret.html",
            _("Link a chat"),
            text=text,
            secret=f"/notice {code}",
            secret_id="chat-code",
        )

    async def api_token(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        if principal.staff_id is None:
            return await self.account(request, principal)
        async with self.context.database.transaction() as session:
            token = await accounts.issue_api_token(session, principal.staff_id)
            audit.record(session, principal, "api_token.issued")
        text = _("Your new API token. It is shown only now: copy it to a safe place.")
        return self.render(
            request,
            principal,
            "secret.html",
            _("API token"),
            text=text,
            secret=token,
            secret_id="api-token",
        )
