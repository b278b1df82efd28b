"""The staff page's member view for admins: disable or enable a member, reset a password.

``/staff/team/{username}``; the forms post to ``.../disable``, ``.../enable`` and
``.../password`` with the session's CSRF token. Each action is in the audit log.
"""

from __future__ import annotations

from aiohttp import web

from bot.staff.context import csrf_token
from bot.staff.html import csrf_field, e, error_box, post_button
from bot.staff.page_section import PageSection
from services.staff import admin
from services.staff.accounts import Principal, StaffError


def member_view(member: object, csrf: str, message: str | None = None,
                error: str | None = None) -> str:  # fmt: skip
    username = e(getattr(member, "username", ""))
    active = bool(getattr(member, "active", False))
    districts = ", ".join(getattr(member, "districts", None) or []) or "all"
    facts = [
        ("Role", getattr(member, "role", "")),
        ("Districts", districts),
        ("Status", "active" if active else "disabled"),
        ("API token", "yes" if getattr(member, "api_token_hash", None) else "no"),
    ]
    dl = "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in facts)
    base = f"/staff/team/{username}"
    toggle = (
        post_button(f"{base}/disable", "Disable", csrf, "danger",
                    "Disable this account? Its sessions end, its API token and chats stop.")
        if active
        else post_button(f"{base}/enable", "Enable", csrf, "primary")
    )  # fmt: skip
    notice = f'<p class="ok" role="status">{e(message)}</p>' if message else ""
    return (
        f"{notice}{error_box(error, 'password' if error else None)}"
        f'<dl class="facts">{dl}</dl><div class="actions">{toggle}</div>'
        f'<form method="post" action="{base}/password" class="card">'
        f"<h2>Reset the password</h2>{csrf_field(csrf)}"
        '<label>New password (10 characters or more) <input name="password" type="password" '
        'autocomplete="new-password" required minlength="10"></label>'
        '<button class="primary">Set the password</button></form>'
        '<p><a href="/staff/team">All staff</a></p>'
    )


class TeamAdminPages(PageSection):
    """Routes of the member view; admins only."""

    def routes(self) -> list[web.RouteDef]:
        page = self.pages.page
        return [
            web.get("/staff/team/{username}", page(self.member)),
            web.post("/staff/team/{username}/disable", page(self.disable)),
            web.post("/staff/team/{username}/enable", page(self.enable)),
            web.post("/staff/team/{username}/password", page(self.password)),
        ]

    def _forbidden(self, request: web.Request, principal: Principal) -> web.Response:
        return self.pages.render("Forbidden", "<p>Only admins.</p>", request, principal, 403)

    async def member(
        self,
        request: web.Request,
        principal: Principal,
        message: str | None = None,
        error: str | None = None,
    ) -> web.StreamResponse:
        if not principal.is_admin:
            return self._forbidden(request, principal)
        try:
            async with self.context.database.read() as session:
                member = await admin.find_member(session, request.match_info["username"])
        except admin.StaffNotFound:
            return self.pages.render("Not found", "<p>No such staff member.</p>", request,
                                     principal, 404)  # fmt: skip
        body = member_view(member, csrf_token(request), message, error)
        status = 400 if error else 409 if message and "cannot" in message else 200
        return self.pages.render(f"Staff: {member.username}", body, request, principal, status)

    async def disable(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        return await self._set_active(request, principal, False)

    async def enable(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        return await self._set_active(request, principal, True)

    async def _set_active(
        self, request: web.Request, principal: Principal, active: bool
    ) -> web.StreamResponse:
        if not principal.is_admin:
            return self._forbidden(request, principal)
        try:
            async with self.context.database.transaction() as session:
                await admin.set_active(session, principal, request.match_info["username"],
                                       active)  # fmt: skip
        except admin.SelfLockout:
            return await self.member(request, principal, "You cannot disable your own account.")
        except admin.StaffNotFound:
            return await self.member(request, principal)
        return await self.member(request, principal, "Enabled." if active else "Disabled.")

    async def password(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        if not principal.is_admin:
            return self._forbidden(request, principal)
        post = await request.post()
        password = post.get("password")
        password = password if isinstance(password, str) else ""
        username = request.match_info["username"]
        try:
            async with self.context.database.transaction() as session:
                await admin.reset_password(session, principal, username, password)
        except StaffError as error:
            return await self.member(request, principal, error=str(error))
        except admin.StaffNotFound:
            return await self.member(request, principal)
        return await self.member(request, principal, "The password was changed.")
