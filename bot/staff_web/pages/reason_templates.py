"""The staff pages' reason templates (storm, fault on the line, maintenance, and those admins
add), in Albanian, English and Serbian; admins edit them, everyone starts a notice from them."""

from __future__ import annotations

from aiohttp import web

from bot.staff_web.pages.forms import TEXT_LABELS
from bot.staff_web.pages.messages import field_message
from bot.staff_web.pages.section import PageSection
from locales.i18n import _
from services.notices.errors import NoticeInvalid
from services.notices.reasons import all_templates, save_template
from services.staff import audit
from services.staff.accounts import Principal


class ReasonTemplatePages(PageSection):
    """``/staff/templates``."""

    def routes(self) -> list[web.RouteDef]:
        page = self.page
        return [
            web.get("/staff/templates", page(self.show)),
            web.post("/staff/templates", page(self.save)),
        ]

    async def show(
        self, request: web.Request, principal: Principal, error: str | None = None
    ) -> web.StreamResponse:
        async with self.context.database.transaction() as session:
            templates = await all_templates(session)
        return self.render(
            request,
            principal,
            "reason_templates.html",
            _("Reason templates"),
            400 if error else 200,
            templates=templates,
            error=error,
        )

    async def save(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        post = await request.post()
        key = str(post.get("key", ""))[:32]
        names = {lang: str(post.get(f"name_{lang}", ""))[:100] for lang, _label in TEXT_LABELS}
        texts = {lang: str(post.get(f"text_{lang}", ""))[:600] for lang, _label in TEXT_LABELS}
        try:
            async with self.context.database.transaction() as session:
                await save_template(session, principal, key, names, texts)
                audit.record(session, principal, "template.saved", detail=key)
        except NoticeInvalid as error:
            message = (
                _("Give a name of 1 to 60 characters in every language.")
                if error.field.startswith("names")
                else field_message(error.field)
            )
            if error.field == "key":
                message = _("The short name takes 2 to 32 of a-z, 0-9 and -.")
            return await self.show(request, principal, message)
        return self.see_other("/staff/templates")
