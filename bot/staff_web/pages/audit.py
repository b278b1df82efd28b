"""The staff pages' audit log: the newest 200 entries the staff member may read."""

from __future__ import annotations

from aiohttp import web

from bot.staff_web.pages.section import PageSection
from locales.i18n import _
from services.staff import audit
from services.staff.accounts import Principal


class AuditPages(PageSection):
    """``/staff/audit``."""

    def routes(self) -> list[web.RouteDef]:
        return [web.get("/staff/audit", self.page(self.audit_log))]

    async def audit_log(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        async with self.context.database.transaction() as session:
            entries = await audit.entries(session, principal, limit=200)
        return self.render(request, principal, "audit.html", _("Audit log"), entries=entries)
