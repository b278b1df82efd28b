"""The staff page's account and team views: link a chat, an API token, staff members."""

from __future__ import annotations

from aiohttp import web

from bot.staff.context import csrf_token
from bot.staff.html import csrf_field, e, error_box
from bot.staff.labels import ROLES, word
from bot.staff.page_section import PageSection
from locales.i18n import _, current_language
from services.areas import district_name
from services.customer_codes import DISTRICTS
from services.staff import accounts, audit
from services.staff.accounts import Principal, StaffError


def _districts(codes: list[str] | tuple[str, ...]) -> str:
    language = current_language()
    return ", ".join(district_name(code, language) for code in codes)


def _account_view(principal: Principal, csrf: str) -> str:
    if principal.staff_id is None:
        return "<p>" + e(_("You are signed in with the admin token. Add staff members on the "
                           "Staff page; each of them can link a chat and get an API token "
                           "here.")) + "</p>"  # fmt: skip
    words = {key: e(text) for key, text in (
        ("chat", _("Publish from Telegram or Viber")),
        ("chat_how", _("Get a one-time code, then send /notice CODE to the KESCO bot from your "
                       "chat within 10 minutes. After that, /notice in that chat publishes an "
                       "outage notice, updates it and says power is back.")),
        ("code", _("Get a code")), ("token", _("API token")),
        ("token_how", _("For Authorization: Bearer … on the staff API. A new token replaces "
                        "the old one.")),
        ("new_token", _("New API token")))}  # fmt: skip
    who = f"{principal.username}, {word(ROLES, principal.role)}: {_districts(principal.scope)}."
    return (
        f"<p>{e(who)}</p>"
        f'<section class="card"><h2>{words["chat"]}</h2><p>{words["chat_how"]}</p>'
        f'<form method="post" action="/staff/account/chat-code">{csrf_field(csrf)}'
        f'<button class="primary">{words["code"]}</button></form></section>'
        f'<section class="card"><h2>{words["token"]}</h2><p>{words["token_how"]} '
        '<a href="/api/v1/openapi.json">OpenAPI</a></p>'
        f'<form method="post" action="/staff/account/api-token">{csrf_field(csrf)}'
        f'<button class="primary">{words["new_token"]}</button></form></section>'
    )


def _team_view(members: list, csrf: str, error: str | None = None) -> str:
    everywhere = _("all districts")
    token_words = {True: _("has an API token"), False: _("no API token")}
    disabled = _("disabled")
    rows = "".join(
        f'<li><a href="/staff/team/{e(m.username)}"><strong>{e(m.username)}</strong></a>'
        f"{'' if m.active else ' (' + e(disabled) + ')'} <span class=muted>"
        f"{e(word(ROLES, m.role))} · {e(_districts(m.districts or []) or everywhere)} · "
        f"{e(token_words[m.api_token_hash is not None])}</span></li>"
        for m in members
    )
    boxes = "".join(
        f'<label class="choice"><input type="checkbox" name="districts" value="{d}"> '
        f"{e(district_name(d, current_language()))}</label>"
        for d in DISTRICTS
    )
    words = {key: e(text) for key, text in (
        ("add", _("Add a staff member")), ("user", _("Username")), ("role", _("Role")),
        ("operator", word(ROLES, "operator")), ("admin", word(ROLES, "admin")),
        ("districts", _("Districts (operators)")),
        ("password", _("Password (10 characters or more)")), ("button", _("Add")))}  # fmt: skip
    return (
        f'<ul class="log">{rows}</ul>'
        + error_box(error)
        + f'<form method="post" action="/staff/team" class="card"><h2>{words["add"]}</h2>'
        + csrf_field(csrf)
        + f'<label>{words["user"]} <input name="username" required></label>'
        f'<label>{words["role"]} <select name="role"><option value="operator">'
        f'{words["operator"]}</option><option value="admin">{words["admin"]}</option>'
        "</select></label>"
        f"<fieldset><legend>{words['districts']}</legend>{boxes}</fieldset>"
        f'<label>{words["password"]} <input name="password" type="password" '
        'autocomplete="new-password" required minlength="10"></label>'
        f'<button class="primary">{words["button"]}</button></form>'
    )


def _staff_error(error: StaffError) -> str:
    messages = {
        "username": _("The username takes 2 to 64 of a-z, 0-9, '.', '_' and '-', and must not "
                      "be taken already."),
        "role": _("Choose operator or admin."),
        "districts": _("An operator needs at least one district."),
        "password": _("The password needs at least 10 characters."),
    }  # fmt: skip
    return messages.get(error.field, str(error))


class AccountPages(PageSection):
    """``/staff/account`` and ``/staff/team``."""

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
        return self.pages.render(_("My account"), body, request, principal)

    async def chat_code(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        if principal.staff_id is None:
            return await self.account(request, principal)
        async with self.context.database.transaction() as session:
            code = await accounts.issue_link_code(session, principal.staff_id)
            audit.record(session, principal, "chat_code.issued")
        send = e(_("Send this from your Telegram or Viber chat with the KESCO bot within 10 "
                   "minutes:"))  # fmt: skip
        body = f'<p>{send}</p><p class="secret" id="chat-code">/notice {e(code)}</p>'
        return self.pages.render(_("Link a chat"), body, request, principal)

    async def api_token(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        if principal.staff_id is None:
            return await self.account(request, principal)
        async with self.context.database.transaction() as session:
            token = await accounts.issue_api_token(session, principal.staff_id)
            audit.record(session, principal, "api_token.issued")
        shown = e(_("Your new API token. It is shown only now: copy it to a safe place."))
        body = f'<p>{shown}</p><p class="secret" id="api-token">{e(token)}</p>'
        return self.pages.render(_("API token"), body, request, principal)

    def _only_admins(self, request: web.Request, principal: Principal) -> web.Response:
        body = error_box(_("Only admins can do this."))
        return self.pages.render(_("Not allowed"), body, request, principal, 403)

    async def team(
        self, request: web.Request, principal: Principal, error: str | None = None
    ) -> web.StreamResponse:
        if not principal.is_admin:
            return self._only_admins(request, principal)
        async with self.context.database.transaction() as session:
            members = await accounts.list_staff(session)
        body = _team_view(members, csrf_token(request), error)
        return self.pages.render(_("Staff"), body, request, principal, 400 if error else 200)

    async def add_member(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        if not principal.is_admin:
            return self._only_admins(request, principal)
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
            return await self.team(request, principal, _staff_error(error))
        return await self.team(request, principal)
