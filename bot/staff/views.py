"""The staff page's views: sign-in, compose (with reason templates) and preview, audit log.

Every word is translated in the page's language; names, not ids: districts and areas by name.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from bot.staff.delivery_estimate import duration
from bot.staff.forms import KOSOVO
from bot.staff.html import csrf_field, e, error_box, hidden, language_switch
from bot.staff.labels import ACTIONS, word
from locales import languages
from locales.i18n import _, current_language, ngettext
from services.areas import areas_of, district_name
from services.staff.accounts import Principal
from services.staff.templates import Template
from services.staff.titles import area_list, kind_name, short_time

TEXT_LABELS = (("sq", "Shqip"), ("en", "English"), ("sr", "Српски (ћирилица)"))


def login_view(token: str, error: str | None = None, username: str = "") -> str:
    words = {key: e(text) for key, text in (("user", _("Username")), ("password", _("Password")),
                                            ("sign_in", _("Sign in")))}  # fmt: skip
    return (
        f'{error_box(error)}<form method="post" action="/staff/login" class="card narrow">'
        f"{hidden('login_csrf', token)}"
        f'<label>{words["user"]} <input name="username" autocomplete="username" required '
        f'value="{e(username)}" autofocus></label>'
        f'<label>{words["password"]} <input name="password" type="password" '
        'autocomplete="current-password" required></label>'
        f'<button class="primary" type="submit">{words["sign_in"]}</button></form>'
        f'{language_switch("", "/staff/login/language")}'
    )


def template_picker(templates: list[Template]) -> str:
    """Buttons that fill the three reason texts from a template (staff.js)."""
    if not templates:
        return ""
    language = current_language()
    buttons = "".join(
        f'<button type="button" class="chip" data-texts="{e(json.dumps(t.texts))}">'
        f"{e(t.name(language))}</button>"
        for t in templates
    )
    label = e(_("Start from a common reason:"))
    return f'<div class="templates"><span class="muted">{label}</span> {buttons}</div>'


def text_fields(values: dict[str, Any], label: str) -> str:
    return "".join(
        f'<label>{e(label)} – {name}<textarea name="text_{lang}" rows="3" maxlength="500">'
        f"{e(values[f'text_{lang}'])}</textarea></label>"
        for lang, name in TEXT_LABELS
    )


def _choices(name: str, current: str, options: list[tuple[str, str]]) -> str:
    return "".join(
        f'<label class="choice"><input type="radio" name="{name}" value="{e(value)}"'
        f"{' checked' if current == value else ''}> {e(label)}</label>"
        for value, label in options
    )


def compose_view(
    principal: Principal, values: dict[str, Any], csrf: str, error: str | None, field: str | None,
    templates: list[Template],
    fast_kinds: tuple[str, ...] = (),
) -> str:  # fmt: skip
    language = current_language()
    kinds = _choices("kind", values["kind"], [(k, kind_name(k, language))
                                              for k in ("outage", "planned_work")])  # fmt: skip
    options = "".join(
        f'<option value="{d}"{" selected" if values["district"] == d else ""}>'
        f"{e(district_name(d, language))}</option>"
        for d in principal.scope
    )
    areas = "".join(
        f'<label class="choice area" data-district="{area.district}"><input type="checkbox" '
        f'name="areas" value="{area.id}"{" checked" if area.id in values["areas"] else ""}> '
        f"{e(area.name(language))}</label>"
        for d in principal.scope
        for area in areas_of(d)
    )
    when = _choices("when", values["when"], [("now", _("Send now")), ("later", _("Schedule"))])
    texts = text_fields(values, _("Text"))
    words = {key: e(text) for key, text in (
        ("kind", _("Kind")), ("district", _("District")), ("choose", _("Choose…")),
        ("areas", _("Areas")), ("all", _("all areas")), ("starts", _("Starts (Kosovo time)")),
        ("ends", _("Ends, or power expected back (Kosovo time)")), ("when", _("When")),
        ("publish_at", _("Publish at")), ("preview", _("Preview")))}  # fmt: skip
    return (
        f"{error_box(error, field)}"
        f'<form method="post" action="/staff/notices/preview" class="card" id="compose">'
        f"{csrf_field(csrf)}{hidden('id', values['id'])}"
        f'<fieldset><legend>{words["kind"]}</legend>{kinds}</fieldset>'
        f'<label>{words["district"]} <select name="district" id="district" required>'
        f'<option value="">{words["choose"]}</option>{options}</select></label>'
        f'<fieldset><legend>{words["areas"]} <button type="button" class="link" id="all-areas">'
        f'{words["all"]}</button></legend><div class="areas">{areas}</div></fieldset>'
        f'<div class="row"><label>{words["starts"]} <input type="datetime-local" '
        f'name="starts_at" value="{e(values["starts_at"])}"></label>'
        f'<label>{words["ends"]} <input type="datetime-local" name="ends_at" '
        f'value="{e(values["ends_at"])}"></label></div>'
        f"{template_picker(templates)}{texts}"
        f'<fieldset><legend>{words["when"]}</legend>{when}<input type="datetime-local" '
        f'name="publish_at" aria-label="{words["publish_at"]}" '
        f'value="{e(values["publish_at"])}"></fieldset>'
        f"{_fast_choice(values, fast_kinds)}"
        f'<button class="primary" type="submit">{words["preview"]}</button></form>'
    )


def _fast_choice(values: dict[str, Any], fast_kinds: tuple[str, ...]) -> str:
    """The fast-delivery checkbox, when the setting lets staff choose it for some kinds."""
    if not fast_kinds:
        return ""
    language = current_language()
    which = ", ".join(kind_name(kind, language) for kind in fast_kinds)
    checked = " checked" if values.get("fast") == "yes" else ""
    legend = _("Delivery")
    label = _("Fast delivery: Telegram paid broadcast (for: {kinds}; the preview shows the time "
              "and the cost)").format(kinds=which)  # fmt: skip
    return (
        f'<fieldset><legend>{e(legend)}</legend><label class="choice"><input type="checkbox" '
        f'name="fast" value="yes" id="fast"{checked}> {e(label)}</label></fieldset>'
    )


def _delivery(delivery: dict[str, Any] | None, values: dict[str, Any]) -> str:
    """Time to reach everyone with and without fast delivery, and what fast delivery costs."""
    if delivery is None:
        return ""
    rows = "".join(
        f'<li data-channel="{e(c["channel"])}">{e(c["channel"].capitalize())}: '
        + e(ngettext("{n} chat", "{n} chats", c["recipients"]).format(n=c["recipients"]))
        + f", {e(duration(c['seconds']))}</li>"
        for c in delivery["channels"]
    )
    reach = _("Time to reach everyone:")
    text = (f'<p>{e(reach)} <strong id="eta">{e(duration(delivery["seconds"]))}'
            f"</strong></p><ul>{rows}</ul>")  # fmt: skip
    if delivery["fast"]:
        fast = _("With fast delivery (Telegram paid broadcast):")
        cost = _("about {stars} Stars ({n} paid messages, within today's budget).").format(
            stars=f'<strong id="stars">{delivery["stars"]:g}</strong>',
            n=delivery["fast_messages"],
        )
        chosen = _("Chosen.") if values.get("fast") == "yes" else _("Not chosen.")
        text += (
            f'<p>{e(fast)} <strong id="eta-fast">{e(duration(delivery["fast_seconds"]))}'
            f"</strong>, {cost} {e(chosen)}</p>"
        )
    return f'<section class="card delivery" id="delivery">{text}</section>'



def _bubbles(language: str, preview: dict[str, Any], viber_name: str) -> str:
    text = e(preview["text"])
    too_long = e(_("Too long for one message"))
    fits = preview["telegram_ok"] and preview["viber_ok"]
    warn = "" if fits else f'<p class="error">{too_long}</p>'
    keys = "".join(
        '<div class="keys">' + "".join(f"<span>{e(label)}</span>" for label in row) + "</div>"
        for row in preview["buttons"]
    )
    return (
        f'<section class="lang" lang="{e(language)}"><h3>{e(languages.get(language).name)}'
        f"</h3>{warn}"
        f'<div class="phones"><div class="phone telegram"><div class="app">Telegram</div>'
        f'<div class="bubble" data-channel="telegram" data-lang="{e(language)}">{text}</div>'
        f"{keys}</div>"
        f'<div class="phone viber"><div class="app">Viber</div><div class="sender">'
        f'{e(viber_name)}</div><div class="bubble" data-channel="viber" '
        f'data-lang="{e(language)}">{text}</div>{keys}</div></div></section>'
    )


def preview_view(
    values: dict[str, Any],
    previews: dict[str, dict[str, Any]],
    recipients: int,
    confirm_needed: bool,
    csrf: str,
    viber_name: str,
    delivery: dict[str, Any] | None = None,
) -> str:
    fields = "".join(
        hidden(name, item)
        for name, value in values.items()
        for item in (value if isinstance(value, list) else [value])
    )
    if values["when"] == "now":
        when = _("It is sent now.")
    else:
        publish_at = datetime.fromisoformat(values["publish_at"]).replace(tzinfo=KOSOVO)
        when = _("It is sent {time}.").format(time=short_time(publish_at, current_language()))
    reach = e(_("Chats it reaches:"))
    confirm = ""
    if confirm_needed:
        sure = e(_("Yes, send this to {n} chats").format(n=recipients))
        confirm = (f'<label class="confirm"><input type="checkbox" name="confirm" value="yes" '
                   f"required> {sure}</label>")  # fmt: skip
    bubbles = "".join(_bubbles(lang, p, viber_name) for lang, p in previews.items())
    send, edit = e(_("Send")), e(_("Edit"))
    return (
        f'<p class="reach">{reach} <strong id="recipients">{recipients}</strong>. {e(when)}</p>'
        f"{_delivery(delivery, values)}{bubbles}"
        f'<form method="post" action="/staff/notices" class="card actions">{csrf_field(csrf)}'
        f"{fields}{confirm}"
        f'<button class="primary" type="submit" data-once>{send}</button>'
        f'<button type="submit" formaction="/staff/notices/edit" formnovalidate>{edit}</button>'
        "</form>"
    )


def audit_view(entries: list[dict[str, Any]]) -> str:
    if not entries:
        return "<p>" + e(_("The log is empty.")) + "</p>"
    language = current_language()
    notice = e(_("the notice"))
    items = []
    for entry in entries:
        at = short_time(datetime.fromisoformat(entry["at"]), language)
        what = [word(ACTIONS, entry["action"])]
        if entry["district"]:
            what.append(district_name(entry["district"], language))
        if entry["areas"]:
            what.append(area_list(entry["areas"], language))
        if entry["recipients"] is not None:
            n = entry["recipients"]
            what.append(ngettext("{n} chat", "{n} chats", n).format(n=n))
        link = ""
        if entry["notice_id"]:
            link = f' <a href="/staff/notices/{e(entry["notice_id"])}">{notice}</a>'
        detail = f'<span class="muted">{e(entry["detail"])}</span>' if entry["detail"] else ""
        items.append(
            f'<li><time>{e(at)}</time> <strong>{e(entry["actor"])}</strong> '
            f"<span class=via>({e(entry['via'])})</span> {e(' · '.join(what))}{link} {detail}"
            "</li>"
        )
    return f'<ul class="log audit">{"".join(items)}</ul>'

