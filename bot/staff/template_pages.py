"""The staff page's reason templates (storm, fault on the line, maintenance, and those admins
add), in Albanian, English and Serbian; admins edit them, everyone starts a notice from them."""

from __future__ import annotations

from aiohttp import web

from bot.staff.context import csrf_token
from bot.staff.errors import field_message
from bot.staff.html import csrf_field, e, error_box, hidden
from bot.staff.page_section import PageSection
from bot.staff.views import TEXT_LABELS
from locales.i18n import _, current_language
from services.staff import audit
from services.staff.accounts import Principal
from services.staff.notice_input import NoticeInvalid
from services.staff.templates import Template, all_templates, save_template


def template_form(template: Template | None, csrf: str, editable: bool) -> str:
    names = template.names if template else {}
    texts = template.texts if template else {}
    disabled = "" if editable else " disabled"
    name_label, text_label = _("Name"), _("Text")
    fields = "".join(
        f'<label>{e(name_label)} – {label}<input name="name_{lang}" maxlength="60" required '
        f'value="{e(names.get(lang, ""))}"{disabled}></label>'
        f'<label>{e(text_label)} – {label}<textarea name="text_{lang}" rows="3" maxlength="500" '
        f"required{disabled}>{e(texts.get(lang, ''))}</textarea></label>"
        for lang, label in TEXT_LABELS
    )
    if template is None:
        key_label = e(_("Short name for the address (a-z, 0-9, -)"))
        key = (f'<label>{key_label} <input name="key" pattern="[a-z0-9][a-z0-9\\-]{{1,31}}" '
               "required></label>")
        title = e(_("Add a template"))
    else:
        key = hidden("key", template.key)
        title = e(template.name(current_language()))
    save = e(_("Save"))
    button = f'<button class="primary" type="submit" data-once>{save}</button>' if editable else ""
    return (
        f'<form method="post" action="/staff/templates" class="card template" '
        f'data-key="{e(template.key if template else "")}"><h2>{title}</h2>{csrf_field(csrf)}'
        f"{key}{fields}{button}</form>"
    )


def templates_view(
    templates: list[Template], principal: Principal, csrf: str, error: str | None
) -> str:
    only = e(_("Only admins edit templates."))
    note = "" if principal.is_admin else f'<p class="muted">{only}</p>'
    forms = "".join(template_form(t, csrf, principal.is_admin) for t in templates)
    add = template_form(None, csrf, True) if principal.is_admin else ""
    return error_box(error) + note + forms + add


class TemplatePages(PageSection):
    """``/staff/templates``."""

    def routes(self) -> list[web.RouteDef]:
        page = self.pages.page
        return [
            web.get("/staff/templates", page(self.show)),
            web.post("/staff/templates", page(self.save)),
        ]

    async def show(
        self, request: web.Request, principal: Principal, error: str | None = None
    ) -> web.StreamResponse:
        async with self.context.database.transaction() as session:
            templates = await all_templates(session)
        body = templates_view(templates, principal, csrf_token(request), error)
        return self.pages.render(_("Reason templates"), body, request, principal,
                                 400 if error else 200)  # fmt: skip

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
            message = (_("Give a name of 1 to 60 characters in every language.")
                       if error.field.startswith("names") else field_message(error.field))
            if error.field == "key":
                message = _("The short name takes 2 to 32 of a-z, 0-9 and -.")
            return await self.show(request, principal, message)
        return self.pages.see_other("/staff/templates")
