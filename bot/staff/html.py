"""Server-rendered HTML of the staff page: the layout and small pieces shared by the views."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import Any

from services.staff.accounts import Principal


def e(value: Any) -> str:
    return escape("" if value is None else str(value), quote=True)


def layout(title: str, body: str, principal: Principal | None = None, csrf: str = "") -> str:
    nav = ""
    if principal is not None:
        links = [("/staff", "Notices"), ("/staff/notices/new", "New notice"),
                 ("/staff/reports", "Reports"), ("/staff/audit", "Audit log"),
                 ("/staff/account", "My account")]  # fmt: skip
        if principal.is_admin:
            links.append(("/staff/team", "Staff"))
        items = "".join(f'<a href="{href}">{text}</a>' for href, text in links)
        who = f"{e(principal.username)} ({e(principal.role)})"
        nav = (
            f'<nav>{items}<span class="who">{who}</span>'
            f'<form method="post" action="/staff/logout" class="inline">{csrf_field(csrf)}'
            '<button class="link">Sign out</button></form></nav>'
        )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{e(title)} – KESCO staff</title>"
        '<link rel="stylesheet" href="/staff/static/staff.css">'
        '<script src="/staff/static/staff.js" defer></script></head>'
        f'<body><header><a class="brand" href="/staff">KESCO staff</a>{nav}</header>'
        f"<main><h1>{e(title)}</h1>{body}</main></body></html>"
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


def table(headers: Iterable[str], rows: Iterable[Iterable[str]], css: str = "") -> str:
    head = "".join(f"<th>{e(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f'<div class="scroll"><table class="{css}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'  # noqa: E501


def post_button(action: str, label: str, csrf: str, css: str = "", confirm: str = "") -> str:
    data = f' data-confirm="{e(confirm)}"' if confirm else ""
    return (
        f'<form method="post" action="{e(action)}" class="inline"{data}>{csrf_field(csrf)}'
        f'<button class="{e(css)}">{e(label)}</button></form>'
    )
