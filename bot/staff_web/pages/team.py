"""The staff pages' team, for admins: every member, adding one, and one member's view where
they are disabled or enabled and their password reset (each action is in the audit log).

``/staff/team/{username}`` speaks English: its words are not in the catalogs yet.
"""

from __future__ import annotations

from aiohttp import web

from bot.staff_web.pages.section import PageSection
from locales.i18n import _
from services.customer_codes import DISTRICTS
from services.staff import accounts, admin, audit
from services.staff.accounts import Principal, StaffError


def _staff_error(error: StaffError) -> str:
    messages = {
        "username": _(
            "The username takes 2 to 64 of a-z, 0-9, '.', '_' and '-', and must not "
            "be taken already."
        ),
        "role": _("Choose operator or admin."),
        "districts": _("An operator needs at least one district."),
        "password": _("The password needs at least 10 characters."),
    }
    return messages.get(error.field, str(error))


class TeamPages(PageSection):
    """``/staff/team`` (list, add) and ``/staff/team/{username}`` (``.../disable``,
    ``.../enable``, ``.../password``); admins only."""

    def routes(self) -> list[web.RouteDef]:
        page = self.page
        return [
            web.get("/staff/team", page(self.team)),
            web.post("/staff/team", page(self.add_member)),
            web.get("/staff/team/{username}", page(self.member)),
            web.post("/staff/team/{username}/disable", page(self.disable)),
            web.post("/staff/team/{username}/enable", page(self.enable)),
            web.post("/staff/team/{username}/password", page(self.password)),
        ]

    def _only_admins(self, request: web.Request, principal: Principal) -> web.Response:
        return self.refuse(request, principal, _("Not allowed"), _("Only admins can do this."), 403)

    async def team(
        self, request: web.Request, principal: Principal, error: str | None = None
    ) -> web.StreamResponse:
        if not principal.is_admin:
            return self._only_admins(request, principal)
        async with self.context.database.transaction() as session:
            members = await accounts.list_staff(session)
        return self.render(
            request,
            principal,
            "team.html",
            _("Staff"),
            400 if error else 200,
            members=members,
            districts=DISTRICTS,
            error=error,
        )

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
                audit.record(
                    session, principal, "staff.created", detail=f"{member.username} ({member.role})"
                )
        except StaffError as error:
            return await self.team(request, principal, _staff_error(error))
        return await self.team(request, principal)

    async def member(
        self,
        request: web.Request,
        principal: Principal,
        message: str | None = None,
        error: str | None = None,
    ) -> web.StreamResponse:
        if not principal.is_admin:
            return self.render(
                request, principal, "message.html", "Forbidden", 403, note="Only admins."
            )
        try:
            async with self.context.database.read() as session:
                member = await admin.find_member(session, request.match_info["username"])
        except admin.StaffNotFound:
            return self.render(
                request, principal, "message.html", "Not found", 404, note="No such staff member."
            )
        status = 400 if error else 409 if message and "cannot" in message else 200
        return self.render(
            request,
            principal,
            "member.html",
            f"Staff: {member.username}",
            status,
            member=member,
            message=message,
            error=error,
        )

    async def disable(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        return await self._set_active(request, principal, False)

    async def enable(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        return await self._set_active(request, principal, True)

    async def _set_active(
        self, request: web.Request, principal: Principal, active: bool
    ) -> web.StreamResponse:
        if not principal.is_admin:
            return await self.member(request, principal)
        try:
            async with self.context.database.transaction() as session:
                await admin.set_active(session, principal, request.match_info["username"], active)
        except admin.SelfLockout:
            return await self.member(request, principal, "You cannot disable your own account.")
        except admin.StaffNotFound:
            return await self.member(request, principal)
        return await self.member(request, principal, "Enabled." if active else "Disabled.")

    async def password(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        if not principal.is_admin:
            return await self.member(request, principal)
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
