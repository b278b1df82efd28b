"""The staff page's side of a published outage's life: the *Update* form (a new expected end,
more areas, a new reason) and *Power is back*, both through the notice desk."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from aiohttp import web

from bot.staff.context import csrf_token
from bot.staff.errors import field_message
from bot.staff.forms import KOSOVO, TEXT_FIELDS, local_input, to_iso
from bot.staff.html import csrf_field, e, error_box, hidden
from bot.staff.page_section import PageSection
from bot.staff.views import template_picker, text_fields
from locales.i18n import _, current_language
from services.areas import areas_of
from services.staff.accounts import Principal
from services.staff.notice_changes import read_change, read_restoration
from services.staff.notice_input import NoticeInvalid
from services.staff.templates import all_templates
from services.staff.titles import notice_title


def is_current_outage(notice: dict[str, Any]) -> bool:
    current = notice.get("current") or {}
    return notice["kind"] == "outage" and current.get("status") == "active"


def title_of(notice: dict[str, Any]) -> str:
    current = notice.get("current") or notice
    starts = datetime.fromisoformat(current.get("starts_at") or notice["starts_at"])
    return notice_title(notice["kind"], current.get("areas") or notice["areas"], starts,
                        current_language())  # fmt: skip


def update_view(
    notice: dict[str, Any], values: dict[str, Any], csrf: str, templates: str,
    error: str | None = None,
) -> str:  # fmt: skip
    covered = set(notice["current"]["areas"])
    language = current_language()
    areas = "".join(
        f'<label class="choice area"><input type="checkbox" name="areas" value="{area.id}"'
        f'{" checked" if area.id in values["areas"] else ""}> {e(area.name(language))}</label>'
        for area in areas_of(notice["district"]) if area.id not in covered
    ) or e(_("Every area of the district is covered already."))  # fmt: skip
    texts = text_fields(values, _("Reason"))
    words = {key: e(text) for key, text in (
        ("end", _("Expected back (Kosovo time)")), ("add", _("Add areas")),
        ("publish", _("Publish the update")), ("back", _("Back")))}  # fmt: skip
    return (
        f"{error_box(error)}"
        f'<form method="post" action="/staff/notices/{e(notice["id"])}/update" class="card" '
        f'id="update">{csrf_field(csrf)}{hidden("id", values["id"])}'
        f'<label>{words["end"]} <input type="datetime-local" '
        f'name="ends_at" value="{e(values["ends_at"])}"></label>'
        f'<fieldset><legend>{words["add"]}</legend><div class="areas">{areas}</div></fieldset>'
        f"{templates}{texts}"
        f'<div class="actions"><button class="primary" type="submit" data-once>'
        f'{words["publish"]}</button>'
        f'<a class="button" href="/staff/notices/{e(notice["id"])}">{words["back"]}</a></div>'
        "</form>"
    )


def restore_form(notice_id: str, csrf: str) -> str:
    now = datetime.now(KOSOVO).strftime("%Y-%m-%dT%H:%M")
    words = {key: e(text) for key, text in (
        ("confirm", _("Tell the chats that power is back?")),
        ("at", _("Power back at (Kosovo time)")), ("back", _("💡 Power is back")))}  # fmt: skip
    return (
        f'<form method="post" action="/staff/notices/{e(notice_id)}/restore" class="card" '
        f'data-confirm="{words["confirm"]}">{csrf_field(csrf)}'
        f'<label>{words["at"]} <input type="datetime-local" '
        f'name="restored_at" value="{now}"></label>'
        f'<button class="primary" type="submit" data-once>{words["back"]}</button>'
        "</form>"
    )


class LifecyclePages(PageSection):
    """``/staff/notices/{id}/update`` and ``/staff/notices/{id}/restore``."""

    def routes(self) -> list[web.RouteDef]:
        page = self.pages.page
        return [
            web.get("/staff/notices/{id}/update", page(self.update_form)),
            web.post("/staff/notices/{id}/update", page(self.update)),
            web.post("/staff/notices/{id}/restore", page(self.restore)),
        ]

    async def _render_form(
        self, request: web.Request, principal: Principal, notice: dict[str, Any],
        values: dict[str, Any], error: str | None = None,
    ) -> web.Response:  # fmt: skip
        async with self.context.database.transaction() as session:
            picker = template_picker(await all_templates(session))
        body = update_view(notice, values, csrf_token(request), picker, error)
        title = _("Update: {title}").format(title=title_of(notice))
        return self.pages.render(title, body, request, principal, 400 if error else 200)

    async def _current(self, request: web.Request, principal: Principal) -> dict[str, Any] | None:
        notice = await self.context.desk.get(principal, request.match_info["id"])
        return notice if is_current_outage(notice) else None

    async def update_form(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        notice = await self._current(request, principal)
        if notice is None:
            return self.pages.not_current(request, principal)
        current = notice["current"]
        values = {"id": secrets.token_hex(8), "ends_at": local_input(current["ends_at"]),
                  "areas": [], **{f: (current["texts"] or {}).get(f[5:], "")
                                  for f in TEXT_FIELDS}}  # fmt: skip
        return await self._render_form(request, principal, notice, values)

    async def update(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        notice = await self._current(request, principal)
        if notice is None:
            return self.pages.not_current(request, principal)
        post = await request.post()
        values = {
            "id": str(post.get("id", ""))[:40],
            "ends_at": str(post.get("ends_at", ""))[:20],
            "areas": [a for a in post.getall("areas", []) if isinstance(a, str)][:50],
            **{field: str(post.get(field, ""))[:600] for field in TEXT_FIELDS},
        }
        try:
            change = read_change(_change_body(notice["current"], values))
        except NoticeInvalid as error:
            return await self._render_form(request, principal, notice, values,
                                           field_message(error.field))  # fmt: skip
        await self.context.desk.update(principal, notice["id"], change)
        return self.pages.see_other(f"/staff/notices/{notice['id']}")

    async def restore(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        notice_id = request.match_info["id"]
        post = await request.post()
        try:
            restored_at = to_iso(str(post.get("restored_at", ""))[:20], "restored_at")
            restoration = read_restoration({"restored_at": restored_at})
            await self.context.desk.restore(principal, notice_id, restoration)
        except NoticeInvalid as error:
            return self.pages.render(_("Not possible"), error_box(field_message(error.field)),
                                     request, principal, 400)  # fmt: skip
        return self.pages.see_other(f"/staff/notices/{notice_id}")


def _change_body(current: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """The API body of what the form changes (what is as it was is left out)."""
    body: dict[str, Any] = {"id": values["id"] or None}
    if values["ends_at"] and values["ends_at"] != local_input(current["ends_at"]):
        body["ends_at"] = to_iso(values["ends_at"], "ends_at")
    if values["areas"]:
        body["areas"] = values["areas"]
    texts = {field[5:]: values[field].strip() for field in TEXT_FIELDS}
    if any(texts.values()) and texts != (current["texts"] or {}):
        body["texts"] = texts
    return body
