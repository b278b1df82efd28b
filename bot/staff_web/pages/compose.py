"""Composing a notice on the staff pages: the form (from a reason template, or prefilled from
the reports page; places picked by searching as one types, ``/staff/places?q=``), its preview
in every language for Telegram and Viber with reach (per chosen place and in all), time and
cost, then send or schedule (a confirmation above the desk's limit)."""

from __future__ import annotations

from aiohttp import web

from bot.staff_web.delivery_preview import delivery_preview
from bot.staff_web.pages.forms import ComposeForm, form_field
from bot.staff_web.pages.messages import field_message
from bot.staff_web.pages.section import PageSection
from bot.staff_web.place_search import choices, label_of, search
from locales.i18n import _
from services.db.types import utcnow
from services.notices.errors import NoticeForbidden, NoticeInvalid
from services.notices.inputs import NoticeInput
from services.notices.preview import render_previews
from services.notices.reach import ReachByPlace, reach_by_place
from services.notices.reasons import all_templates
from services.notices.timing import time_warnings
from services.staff.accounts import Principal


class ComposePages(PageSection):
    """``/staff/notices/new``, and the form posted to ``.../edit``, ``.../preview`` and
    ``/staff/notices`` (send)."""

    def routes(self) -> list[web.RouteDef]:
        page = self.page
        return [
            web.get("/staff/notices/new", page(self.compose)),
            web.post("/staff/notices/edit", page(self.edit)),
            web.post("/staff/notices/preview", page(self.preview)),
            web.post("/staff/notices", page(self.send)),
            web.get("/staff/places", page(self.places)),
        ]

    async def _form(
        self,
        request: web.Request,
        principal: Principal,
        form: ComposeForm,
        error: NoticeInvalid | None = None,
    ) -> web.Response:
        async with self.context.database.transaction() as session:
            templates = await all_templates(session)
        desk = self.context.desk
        fast_kinds = tuple(kind for kind in ("outage", "planned_work") if desk.may_be_fast(kind))
        return self.render(
            request,
            principal,
            "compose.html",
            _("New notice"),
            400 if error else 200,
            form=form,
            templates=templates,
            fast_kinds=fast_kinds,
            error=field_message(error.field) if error else None,
            field=form_field(error.field) if error else None,
            chosen=choices(form.places),
            matches=[m for m in search(form.place_query, principal) if m.id not in form.places],
        )

    async def _preview(
        self,
        request: web.Request,
        principal: Principal,
        form: ComposeForm,
        data: NoticeInput,
        title: str,
        reach: ReachByPlace,
        confirm_needed: bool,
        status: int = 200,
    ) -> web.Response:
        return self.render(
            request,
            principal,
            "preview.html",
            title,
            status,
            form=form,
            publish_time=form.publish_time(),
            recipients=reach.total,
            by_place=[(p.place_id, label_of(p.place_id), p.recipients) for p in reach.places],
            confirm_needed=confirm_needed,
            viber_name=self.context.viber_name,
            previews=render_previews(data, self.context.channels),
            delivery=await delivery_preview(self.context, data),
            warnings=time_warnings(data.starts_at, data.ends_at, utcnow(), kind=data.kind),
        )

    async def places(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        """``?q=``: the places of the staff member's districts that a typed text names, as the
        page's script shows them while the person types (JSON)."""
        found = search(request.query.get("q", ""), principal)
        return web.json_response(
            {"places": [place.json() for place in found]}, headers={"Cache-Control": "no-store"}
        )

    async def compose(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        scope = principal.scope
        form = ComposeForm(district=scope[0] if len(scope) == 1 else "")
        return await self._form(request, principal, form.prefilled(request.query, scope))

    async def edit(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        """The form again, as posted: to be edited, or with the places its search names."""
        return await self._form(request, principal, ComposeForm.from_post(await request.post()))

    async def preview(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        form = ComposeForm.from_post(await request.post())
        try:
            data = form.notice()
        except NoticeInvalid as error:
            return await self._form(request, principal, form, error)
        if not principal.may_act_in(data.district):
            raise NoticeForbidden(data.district)
        async with self.context.database.transaction() as session:
            reach = await reach_by_place(session, data)
        confirm_needed = reach.total > self.context.desk.confirm_above
        return await self._preview(
            request, principal, form, data, _("Preview"), reach, confirm_needed
        )

    async def send(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        post = await request.post()
        form = ComposeForm.from_post(post)
        try:
            data = form.notice(confirm=post.get("confirm") == "yes")
        except NoticeInvalid as error:
            return await self._form(request, principal, form, error)
        result = await self.context.desk.submit(principal, data)
        if result.confirm_needed:
            async with self.context.database.transaction() as session:
                reach = await reach_by_place(session, data)
            return await self._preview(
                request, principal, form, data, _("Confirm"), reach, True, 409
            )
        return self.see_other(f"/staff/notices/{form.id}")
