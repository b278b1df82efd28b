"""Staff API: ``GET /api/v1/links/{code}``, the signed deep links of a customer code for its
bill, and their QR codes as SVG and PNG; ``POST /api/v1/links/{code}/revoke``, which voids
every link printed for the code so far (without touching ``KESCO_LINK_SECRET``).

A signed link links the code with no proof: it is handed out like the bill itself. Operators
get and revoke links for the codes of their districts only (403 otherwise); a link that never
ends (``valid_until=never``) only admins may make. Every link made or revoked is in the audit
log.
"""

from __future__ import annotations

from datetime import date

from aiohttp import web

from bot.staff_web.api.guard import ApiGuard, json_error
from bot.staff_web.bodies import bill_links_json
from bot.staff_web.context import StaffContext
from services import link_grants
from services.customer_codes import CustomerCode, parse_customer_code
from services.deep_links import DEFAULT, InvalidExpiry
from services.staff import audit
from services.staff.accounts import Principal
from services.staff.errors import Forbidden, Invalid


def _code(raw: str, principal: Principal) -> CustomerCode:
    parsed = parse_customer_code(raw[:40])
    if parsed.code is None:
        raise Invalid("code", "code: a KESCO customer code, e.g. DPR100001")
    if not principal.may_act_in(parsed.code.district):
        raise Forbidden(parsed.code.district)
    return parsed.code


class LinksApi:
    """The signed bill links, made with the context's :class:`~services.deep_links.DeepLinks`."""

    def __init__(self, context: StaffContext) -> None:
        self.context = context

    def routes(self, guard: ApiGuard) -> list[web.RouteDef]:
        return [
            web.get("/api/v1/links/{code}", guard(self.links)),
            web.post("/api/v1/links/{code}/revoke", guard(self.revoke)),
        ]

    async def links(self, request: web.Request, principal: Principal) -> web.Response:
        parsed = _code(request.match_info["code"], principal)
        code = str(parsed)
        until = _valid_until(request.query.get("valid_until"))
        if until is None and not principal.is_admin:
            return json_error(403, "only admins may make a link that never ends", "valid_until")
        maker = self.context.links
        if maker is None or not maker.can_sign:
            return json_error(503, "signed links are not configured (KESCO_LINK_SECRET)")
        if not maker.urls("x"):
            return json_error(
                503,
                "no messenger link is configured (KESCO_TELEGRAM_BOT_USERNAME, "
                "KESCO_VIBER_CHAT_URI)",
            )
        try:
            made = await link_grants.signed_links(self.context.database, maker, code, until)  # type: ignore[arg-type]
        except InvalidExpiry as error:
            raise Invalid("valid_until", f"valid_until: {error}") from None
        async with self.context.database.transaction() as session:
            audit.record(
                session,
                principal,
                "bill_link_made",
                district=parsed.district,
                detail=f"{code}, valid until {made.valid_until or 'never'}",
            )
        return web.json_response(bill_links_json(made))

    async def revoke(self, request: web.Request, principal: Principal) -> web.Response:
        parsed = _code(request.match_info["code"], principal)
        code = str(parsed)
        async with self.context.database.transaction() as session:
            generation = await link_grants.revoke(session, code, link_grants.STAFF)
            audit.record(
                session,
                principal,
                "bill_links_revoked",
                district=parsed.district,
                detail=f"{code}: every printed link so far",
            )
        return web.json_response({"code": code, "revoked": True, "generation": generation})


def _valid_until(value: str | None) -> date | None | object:
    if value is None or value == "":
        return DEFAULT
    if value == "never":
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise Invalid("valid_until", "valid_until: a date YYYY-MM-DD, or never") from error
