"""The staff page's account and team views: link a chat, an API token, staff members."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiohttp import web

from bot.staff.context import StaffContext, csrf_token
from bot.staff.html import csrf_field, e, error_box, table
from services.customer_codes import DISTRICTS
from services.staff import accounts, audit
from services.staff.accounts import Principal, StaffError

if TYPE_CHECKING:
    from bot.staff.pages import StaffPages


def _account_view(principal: Principal, csrf: str) -> str:
    if principal.staff_id is None:
        return (
            "<p>You are signed in with the admin token. Add staff members on the "
            '<a href="/staff/team">Staff</a> page; each of them can link a chat and get an '
            "API token here.</p>"
        )
    districts = ", ".join(principal.scope)
    return (
        f"<p>{e(principal.username)}, {e(principal.role)}: {e(districts)}.</p>"
        '<section class="card"><h2>Publish from Telegram or Viber</h2>'
        "<p>Get a one-time code, then send <code>/notice CODE</code> to the KESCO bot from "
        "your chat within 10 minutes. After that, <code>/notice</code> in that chat publishes "
        "an outage notice.</p>"
        f'<form method="post" action="/staff/account/chat-code">{csrf_field(csrf)}'
        '<button class="primary">Get a code</button></form></section>'
        '<section class="card"><h2>API token</h2><p>For <code>Authorization: Bearer …</code> '
        'on the <a href="/api/v1/openapi.json">staff API</a>. A new token replaces the old '
        "one.</p>"
        f'<form method="post" action="/staff/account/api-token">{csrf_field(csrf)}'
        '<button class="primary">New API token</button></form></section>'
    )


def _team_view(members: list, csrf: str, error: str | None = None) -> str:
    rows = [
        (f'<a href="/staff/team/{e(m.username)}">{e(m.username)}</a>'
         + ("" if m.active else " (disabled)"), e(m.role), e(", ".join(m.districts or []) or "all"),
         "yes" if m.api_token_hash else "no")
        for m in members
    ]  # fmt: skip
    boxes = "".join(
        f'<label class="choice"><input type="checkbox" name="districts" value="{d}"> {d}</label>'
        for d in DISTRICTS
    )
    return (
        table(("Username", "Role", "Districts", "API token"), rows)
        + error_box(error)
        + '<form method="post" action="/staff/team" class="card"><h2>Add a staff member</h2>'
        + csrf_field(csrf)
        + '<label>Username <input name="username" required></label>'
        '<label>Role <select name="role"><option value="operator">operator</option>'
        '<option value="admin">admin</option></select></label>'
        f"<fieldset><legend>Districts (operators)</legend>{boxes}</fieldset>"
        '<label>Password (10 characters or more) <input name="password" type="password" '
        'autocomplete="new-password" required minlength="10"></label>'
        '<button class="primary">Add</button></form>'
    )


class AccountPages:
    """``/staff/account`` and ``/staff/team``."""

    def __init__(self, context: StaffContext, pages: StaffPages) -> None:
        self.context = context
        self.pages = pages

    def routes(self) -> list[web.RouteDef]:
        page = self.pages.page
        return [
            web.get("/staff/account", page(self.account)),
            web.post("/staff/account/chat-code", page(self.chat_code)),
            web.post("/staff/account/api-token", page(self.api_token)),
            web.get("/staff/team", page(self.team)),
            web.post("/staff/team", page(self.add_member)),
        ]

    async def account(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        body = _account_view(principal, csrf_token(request))
        return self.pages.render("My account", body, request, principal)

    async def chat_code(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        if principal.staff_id is None:
            return await self.account(request, principal)
        async with self.context.database.transaction() as session:
            code = await accounts.issue_link_code(session, principal.staff_id)
            audit.record(session, principal, "chat_code.issued")
        body = (
            f"<p>Send this from your Telegram or Viber chat with the KESCO bot within 10 minutes:"
            f'</p><p class="secret" id="chat-code">/notice {e(code)}</p>'
        )
        return self.pages.render("Link a chat", body, request, principal)

    async def api_token(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        if principal.staff_id is None:
            return await self.account(request, principal)
        async with self.context.database.transaction() as session:
            token = await accounts.issue_api_token(session, principal.staff_id)
            audit.record(session, principal, "api_token.issued")
        body = (
            "<p>Your new API token. It is shown only now: copy it to a safe place.</p>"
            f'<p class="secret" id="api-token">{e(token)}</p>'
        )
        return self.pages.render("API token", body, request, principal)

    async def team(
        self, request: web.Request, principal: Principal, error: str | None = None
    ) -> web.StreamResponse:
        if not principal.is_admin:
            return self.pages.render("Forbidden", "<p>Only admins.</p>", request, principal, 403)
        async with self.context.database.transaction() as session:
            members = await accounts.list_staff(session)
        body = _team_view(members, csrf_token(request), error)
        return self.pages.render("Staff", body, request, principal, 400 if error else 200)

    async def add_member(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        if not principal.is_admin:
            return self.pages.render("Forbidden", "<p>Only admins.</p>", request, principal, 403)
        post = await request.post()
        districts = [d for d in post.getall("districts", []) if isinstance(d, str)]
        try:
            async with self.context.database.transaction() as session:
                member = await accounts.create_staff(
                    session,
                    str(post.get("username", ""))[:64],
                    str(post.get("role", "")),
                    districts,
                    str(post.get("password", ""))[:1000],
                )
                audit.record(session, principal, "staff.created",
                             detail=f"{member.username} ({member.role})")  # fmt: skip
        except StaffError as error:
            return await self.team(request, principal, str(error))
        return await self.team(request, principal)
