"""Revoking the signed links printed on one customer code's bills, from the staff pages
(``POST /staff/links/revoke``; the card is on *My account*). Operators for the codes of their
districts, admins any; audited. The secret is not touched: links made afterwards work."""

from __future__ import annotations

from aiohttp import web

from bot.staff_web.pages.section import PageSection
from locales.i18n import _
from services import link_grants
from services.customer_codes import parse_customer_code
from services.staff import audit
from services.staff.accounts import Principal
from services.staff.errors import Forbidden


class LinkPages(PageSection):
    """``POST /staff/links/revoke`` with the field ``code``."""

    def routes(self) -> list[web.RouteDef]:
        return [web.post("/staff/links/revoke", self.page(self.revoke))]

    async def revoke(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        post = await request.post()
        parsed = parse_customer_code(str(post.get("code", ""))[:40])
        back = ("/staff/account", _("Back"), "")
        if parsed.code is None:
            message = _("That is not a customer code. It is at the top of the bill: DPR100001.")
            return self.refuse(request, principal, _("Not possible"), message, 400, back)
        if not principal.may_act_in(parsed.code.district):
            raise Forbidden(parsed.code.district)
        code = str(parsed.code)
        async with self.context.database.transaction() as session:
            await link_grants.revoke(session, code, link_grants.STAFF)
            audit.record(
                session,
                principal,
                "bill_links_revoked",
                district=parsed.code.district,
                detail=f"{code}: every printed link so far",
            )
        note = _(
            "The links printed so far on the bills of {code} no longer work. Whoever opens one "
            "is asked for the amount of the bill instead; links made from now on work."
        ).format(code=code)
        return self.render(
            request, principal, "message.html", _("Links revoked"), note=note, link=back
        )
