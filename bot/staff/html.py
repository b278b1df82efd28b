"""Server-rendered HTML of the staff page: the layout and small pieces shared by the views.

Every word on the page comes from the gettext catalogs, in the language of the request (the
staff member's choice; Albanian by default), set by the page's wrapper before a view runs.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from html import escape
from typing import Any

from bot.staff.labels import ROLES, word
from locales import languages
from locales.i18n import N_, _, current_language
from services.staff.accounts import Principal

NAV = (
    ("/staff", N_("Now")),
    ("/staff/notices", N_("Notices")),
    ("/staff/notices/new", N_("New notice")),
    ("/staff/reports", N_("Reports")),
    ("/staff/callbacks", N_("Call-backs")),
    ("/staff/templates", N_("Templates")),
    ("/staff/audit", N_("Audit log")),
    ("/staff/account", N_("My account")),
)
# Words of the page's script (staff.js), given to it in the page's language.
SCRIPT_WORDS = {
    "sending": N_("Sending…"),
    "finished": N_("Finished."),
    "updated": N_("Updated {time}."),
    "retrying": N_("Cannot update now; trying again."),
}


def e(value: Any) -> str:
    return escape("" if value is None else str(value), quote=True)


def language_switch(csrf: str, action: str = "/staff/language") -> str:
    """One button per language of the registry; the current one is marked."""
    current = current_language()
    buttons = "".join(
        f'<button name="language" value="{e(lang.code)}" lang="{e(lang.code)}"'
        f'{" aria-current=true class=on" if lang.code == current else ""}>{e(lang.name)}</button>'
        for lang in languages.LANGUAGES
    )
    field = csrf_field(csrf) if csrf else ""
    label = e(_("Language"))
    return (
        f'<form method="post" action="{e(action)}" class="languages" aria-label="{label}">'
        f"{field}{buttons}</form>"
    )


def _nav(principal: Principal, csrf: str) -> str:
    links = [(href, _(label)) for href, label in NAV]
    if principal.is_admin:
        links.append(("/staff/team", _("Staff")))
    items = "".join(f'<a href="{href}">{e(text)}</a>' for href, text in links)
    who = f"{e(principal.username)} ({e(word(ROLES, principal.role))})"
    sign_out = e(_("Sign out"))
    return (
        f'<nav>{items}</nav><div class="who"><span>{who}</span>'
        f'<form method="post" action="/staff/logout" class="inline">{csrf_field(csrf)}'
        f'<button class="link">{sign_out}</button></form></div>'
    )


def layout(title: str, body: str, principal: Principal | None = None, csrf: str = "") -> str:
    nav = _nav(principal, csrf) if principal is not None else ""
    switch = language_switch(csrf) if principal is not None else ""
    words = json.dumps({key: _(text) for key, text in SCRIPT_WORDS.items()}, ensure_ascii=False)
    staff = e(_("KESCO staff"))
    return (
        f'<!doctype html><html lang="{e(current_language())}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{e(title)} – {staff}</title>"
        '<link rel="stylesheet" href="/staff/static/staff.css">'
        '<script src="/staff/static/staff.js" defer></script></head>'
        f"<body data-words=\"{e(words)}\"><header><a class=\"brand\" href=\"/staff\">{staff}</a>"
        f"{nav}</header><main><h1>{e(title)}</h1>{body}</main>"
        f"<footer>{switch}</footer></body></html>"
    )


def csrf_field(csrf: str) -> str:
    return f'<input type="hidden" name="csrf" value="{e(csrf)}">'


def hidden(name: str, value: Any) -> str:
    return f'<input type="hidden" name="{e(name)}" value="{e(value)}">'


def error_box(message: str | None, field: str | None = None) -> str:
    if not message:
        return ""
    data = f' data-field="{e(field)}"' if field else ""
    return f'<p class="error" role="alert"{data}>{e(message)}</p>'


def facts(rows: Iterable[tuple[str, str]]) -> str:
    """A definition list of (label, value), already translated; values are escaped here."""
    items = "".join(f"<dt>{e(label)}</dt><dd>{e(value)}</dd>" for label, value in rows)
    return f'<dl class="facts">{items}</dl>'


def post_button(action: str, label: str, csrf: str, css: str = "", confirm: str = "") -> str:
    data = f' data-confirm="{e(confirm)}"' if confirm else ""
    return (
        f'<form method="post" action="{e(action)}" class="inline"{data}>{csrf_field(csrf)}'
        f'<button class="{e(css)}">{e(label)}</button></form>'
    )


def link_button(href: str, label: str, css: str = "") -> str:
    return f'<a class="button {e(css)}" href="{e(href)}">{e(label)}</a>'
