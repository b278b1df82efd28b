"""A published outage's life on the staff pages: the *Update* form (a new expected end, more
places or areas, a new reason) and *Power is back*, both through the notice desk."""

from __future__ import annotations

from aiohttp import web

from bot.staff_web.pages.forms import UpdateForm, restoration
from bot.staff_web.pages.messages import field_message
from bot.staff_web.pages.render import title_of
from bot.staff_web.pages.section import PageSection
from bot.staff_web.place_search import choices, search
from locales.i18n import _
from services.db.types import utcnow
from services.notices.changes import OutageChange
from services.notices.errors import NoticeInvalid
from services.notices.inputs import NoticeInput
from services.notices.preview import update_previews
from services.notices.reasons import all_templates
from services.notices.timing import time_warnings
from services.notices.views import NoticeView
from services.notices.where import read_places
from services.staff.accounts import Principal


class LifecyclePages(PageSection):
    """``/staff/notices/{id}/update`` and ``/staff/notices/{id}/restore``."""

    def routes(self) -> list[web.RouteDef]:
        page = self.page
        return [
            web.get("/staff/notices/{id}/update", page(self.update_form)),
            web.post("/staff/notices/{id}/update", page(self.update)),
            web.post("/staff/notices/{id}/restore", page(self.restore)),
        ]

    async def _form(
        self,
        request: web.Request,
        principal: Principal,
        notice: NoticeView,
        form: UpdateForm,
        error: str | None = None,
    ) -> web.Response:
        async with self.context.database.transaction() as session:
            templates = await all_templates(session)
        title = _("Update: {title}").format(title=title_of(notice))
        return self.render(
            request,
            principal,
            "update.html",
            title,
            400 if error else 200,
            notice=notice,
            form=form,
            templates=templates,
            error=error,
            chosen=choices(form.places),
            matches=[
                m
                for m in search(form.place_query, principal)
                if m.id not in form.places and m.id not in notice.areas_now
            ],
        )

    async def _current(self, request: web.Request, principal: Principal) -> NoticeView | None:
        notice = await self.context.desk.get(principal, request.match_info["id"])
        return notice if notice.is_current_outage else None

    def _not_current(self, request: web.Request, principal: Principal) -> web.Response:
        """The outage asked for is not current any more (restored, or not an outage)."""
        text = _("This outage is no longer current: power is back, or it is not an outage.")
        return self.refuse(
            request, principal, _("Not possible"), text, 409, link=("/staff", _("Back"), "")
        )

    async def update_form(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        notice = await self._current(request, principal)
        if notice is None or notice.current is None:
            return self._not_current(request, principal)
        return await self._form(request, principal, notice, UpdateForm.of(notice.current))

    async def update(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        notice = await self._current(request, principal)
        if notice is None or notice.current is None:
            return self._not_current(request, principal)
        post = await request.post()
        form = UpdateForm.from_post(post)
        if post.get("step") == "find":  # the place search without the page's script
            return await self._form(request, principal, notice, form)
        try:
            change = form.change(notice.current)
            read_places(list(change.places), notice.district)
        except NoticeInvalid as error:
            return await self._form(request, principal, notice, form, field_message(error.field))
        step = post.get("step")
        if step == "edit":
            return await self._form(request, principal, notice, form)
        if step != "publish":  # an update is previewed before it goes
            return await self._preview(request, principal, notice, form, change)
        await self.context.desk.update(principal, notice.id, change)
        return self.see_other(f"/staff/notices/{notice.id}")

    async def _preview(
        self,
        request: web.Request,
        principal: Principal,
        notice: NoticeView,
        form: UpdateForm,
        change: OutageChange,
    ) -> web.Response:
        assert notice.current is not None
        heard = (await self.context.desk.progress(principal, notice.id)).heard
        added = 0
        if change.areas or change.places:
            extra = NoticeInput(
                "outage", notice.district, change.areas, utcnow(), None, None, places=change.places
            )
            added = await self.context.desk.count_recipients(extra)
        return self.render(
            request,
            principal,
            "update_preview.html",
            _("Preview of the update: {title}").format(title=title_of(notice)),
            notice=notice,
            form=form,
            recipients=heard + added,
            warnings=time_warnings(notice.current.starts_at, change.ends_at, utcnow()),
            viber_name=self.context.viber_name,
            previews=update_previews(notice.current, change, self.context.channels),
        )

    async def restore(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        notice_id = request.match_info["id"]
        try:
            power_back = restoration(await request.post())
            await self.context.desk.restore(principal, notice_id, power_back)
        except NoticeInvalid as error:
            return self.refuse(
                request, principal, _("Not possible"), field_message(error.field), 400
            )
        return self.see_other(f"/staff/notices/{notice_id}")
