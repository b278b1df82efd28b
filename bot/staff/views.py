"""The staff page's views: sign-in, notices, compose and preview, one notice, audit, staff."""

from __future__ import annotations

from typing import Any

from bot.staff.delivery_estimate import duration
from bot.staff.forms import local_time
from bot.staff.html import csrf_field, e, error_box, hidden, post_button, table
from services.areas import areas_of, district_name
from services.staff.accounts import Principal

KIND_NAMES = {"outage": "Outage", "planned_work": "Planned works"}
LANGUAGE_NAMES = {"sq": "Shqip", "en": "English", "sr": "Српски", "sr-Latn": "Srpski"}
STATES = ("queued", "sending", "sent", "failed", "blocked", "cancelled")


def login_view(token: str, error: str | None = None, username: str = "") -> str:
    return (
        f'{error_box(error)}<form method="post" action="/staff/login" class="card narrow">'
        f"{hidden('login_csrf', token)}"
        f'<label>Username <input name="username" autocomplete="username" required '
        f'value="{e(username)}" autofocus></label>'
        '<label>Password <input name="password" type="password" '
        'autocomplete="current-password" required></label>'
        '<button class="primary" type="submit">Sign in</button></form>'
    )


def notices_view(notices: list[dict[str, Any]], csrf: str) -> str:
    rows = []
    for notice in notices:
        link = f'<a href="/staff/notices/{e(notice["id"])}">{e(notice["id"])}</a>'
        when = notice["published_at"] or notice["publish_at"]
        rows.append(
            (link, e(KIND_NAMES[notice["kind"]]), e(notice["district"]),
             e(", ".join(notice["areas"])), f'<span class="status {e(notice["status"])}">'
             f'{e(notice["status"])}</span>', e(local_time(when)),
             e(notice["recipients"] if notice["recipients"] is not None else "–"),
             e(notice["created_by"]))
        )  # fmt: skip
    headers = ("Notice", "Kind", "District", "Areas", "Status", "Time", "Chats", "By")
    empty = "<p>No notices yet.</p>" if not notices else ""
    new = '<p><a class="button primary" href="/staff/notices/new">New notice</a></p>'
    return new + empty + (table(headers, rows) if notices else "")


def compose_view(
    principal: Principal,
    values: dict[str, Any],
    csrf: str,
    error: str | None,
    field: str | None,
    fast_kinds: tuple[str, ...] = (),
) -> str:
    districts = principal.scope
    kind = "".join(
        f'<label class="choice"><input type="radio" name="kind" value="{k}"'
        f"{' checked' if values['kind'] == k else ''}> {name}</label>"
        for k, name in KIND_NAMES.items()
    )
    options = "".join(
        f'<option value="{d}"{" selected" if values["district"] == d else ""}>'
        f"{d} – {e(district_name(d, 'sq'))}</option>"
        for d in districts
    )
    areas = "".join(
        f'<label class="choice area" data-district="{area.district}"><input type="checkbox" '
        f'name="areas" value="{area.id}"{" checked" if area.id in values["areas"] else ""}> '
        f"{e(area.names['sq'])} / {e(area.names['en'])}</label>"
        for d in districts
        for area in areas_of(d)
    )
    texts = "".join(
        f'<label>Text – {name}<textarea name="text_{lang}" rows="3" maxlength="500">'
        f"{e(values[f'text_{lang}'])}</textarea></label>"
        for lang, name in (("sq", "Shqip"), ("en", "English"), ("sr", "Српски (ћирилица)"))
    )
    when = "".join(
        f'<label class="choice"><input type="radio" name="when" value="{w}"'
        f"{' checked' if values['when'] == w else ''}> {label}</label>"
        for w, label in (("now", "Send now"), ("later", "Schedule"))
    )
    return (
        f"{error_box(error, field)}"
        f'<form method="post" action="/staff/notices/preview" class="card" id="compose">'
        f"{csrf_field(csrf)}{hidden('id', values['id'])}"
        f"<fieldset><legend>Kind</legend>{kind}</fieldset>"
        f'<label>District <select name="district" id="district" required>'
        f'<option value="">Choose…</option>{options}</select></label>'
        f'<fieldset><legend>Areas <button type="button" class="link" id="all-areas">'
        f'all areas</button></legend><div class="areas">{areas}</div></fieldset>'
        f'<div class="row"><label>Starts (Kosovo time) <input type="datetime-local" '
        f'name="starts_at" value="{e(values["starts_at"])}"></label>'
        f'<label>Ends / expected back <input type="datetime-local" name="ends_at" '
        f'value="{e(values["ends_at"])}"></label></div>'
        f"{texts}"
        f'<fieldset><legend>When</legend>{when}<input type="datetime-local" name="publish_at" '
        f'aria-label="Publish at" value="{e(values["publish_at"])}"></fieldset>'
        f"{_fast_choice(values, fast_kinds)}"
        '<button class="primary" type="submit">Preview</button></form>'
    )


def _fast_choice(values: dict[str, Any], fast_kinds: tuple[str, ...]) -> str:
    """The fast-delivery checkbox, when the setting lets staff choose it for some kinds."""
    if not fast_kinds:
        return ""
    which = " and ".join(KIND_NAMES[kind].lower() for kind in fast_kinds)
    checked = " checked" if values.get("fast") == "yes" else ""
    return (
        '<fieldset><legend>Delivery</legend><label class="choice"><input type="checkbox" '
        f'name="fast" value="yes" id="fast"{checked}> Fast delivery: Telegram paid broadcast '
        f"(for {e(which)} notices; the preview shows the time and the cost)</label></fieldset>"
    )


def _delivery(delivery: dict[str, Any] | None, values: dict[str, Any]) -> str:
    """Time to reach everyone with and without fast delivery, and what fast delivery costs."""
    if delivery is None:
        return ""
    rows = "".join(
        f'<li data-channel="{e(c["channel"])}">{e(c["channel"].capitalize())}: {c["recipients"]} '
        f"chats, {e(duration(c['seconds']))}</li>"
        for c in delivery["channels"]
    )
    text = (f'<p>Time to reach everyone: <strong id="eta">{e(duration(delivery["seconds"]))}'
            f"</strong></p><ul>{rows}</ul>")  # fmt: skip
    if delivery["fast"]:
        text += (
            '<p>With fast delivery (Telegram paid broadcast): <strong id="eta-fast">'
            f'{e(duration(delivery["fast_seconds"]))}</strong>, about <strong id="stars">'
            f'{delivery["stars"]:g}</strong> Stars ({delivery["fast_messages"]} paid messages, '
            "within today's budget). "
            + ("<strong>Chosen.</strong>" if values.get("fast") == "yes" else "Not chosen.")
            + "</p>"
        )
    return f'<section class="card delivery" id="delivery">{text}</section>'



def _bubbles(language: str, preview: dict[str, Any], viber_name: str) -> str:
    text = e(preview["text"])
    warn = "" if preview["telegram_ok"] and preview["viber_ok"] else '<p class="error">Too long</p>'
    keys = "".join(
        '<div class="keys">' + "".join(f"<span>{e(label)}</span>" for label in row) + "</div>"
        for row in preview["buttons"]
    )
    return (
        f'<section class="lang" lang="{e(language)}"><h3>{e(LANGUAGE_NAMES[language])}</h3>{warn}'
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
    when = "now" if values["when"] == "now" else f"at {e(values['publish_at'])} (Kosovo time)"
    confirm = (
        f'<label class="confirm"><input type="checkbox" name="confirm" value="yes" required> '
        f"Yes, send this to {recipients} chats</label>"
        if confirm_needed
        else ""
    )
    bubbles = "".join(_bubbles(lang, p, viber_name) for lang, p in previews.items())
    return (
        f'<p class="reach">This notice reaches <strong id="recipients">{recipients}</strong> '
        f"chats; it is sent {when}.</p>{_delivery(delivery, values)}{bubbles}"
        f'<form method="post" action="/staff/notices" class="card actions">{csrf_field(csrf)}'
        f"{fields}{confirm}"
        '<button class="primary" type="submit" data-once>Send</button>'
        '<button type="submit" formaction="/staff/notices/edit" formnovalidate>Edit</button>'
        "</form>"
    )


def notice_view(notice: dict[str, Any], progress: dict[str, Any], csrf: str) -> str:
    facts = [
        ("Kind", KIND_NAMES[notice["kind"]]),
        ("District", notice["district"]),
        ("Areas", ", ".join(notice["areas"])),
        ("Starts", local_time(notice["starts_at"])),
        ("Ends", local_time(notice["ends_at"]) or "–"),
        ("Status", notice["status"]),
        ("Publish at", local_time(notice["publish_at"])),
        ("Event id", notice["event_id"]),
        ("By", notice["created_by"]),
        ("Fast delivery", "yes (Telegram paid broadcast)" if notice.get("fast") else "no"),
    ]
    if notice.get("fast"):
        facts.append(("Stars spent (estimated)", f"{progress.get('stars_spent', 0):g}"))
    dl = "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in facts)
    texts = "".join(
        f"<dt>{e(LANGUAGE_NAMES[lang])}</dt><dd>{e(text)}</dd>"
        for lang, text in (notice["texts"] or {}).items()
    )
    counts = progress["counts"]
    cells = "".join(
        f'<div class="count {state}"><span class="n" data-state="{state}">{counts.get(state, 0)}'
        f"</span><span>{state}</span></div>"
        for state in STATES
    )
    actions = ""
    if notice["status"] == "scheduled":
        actions += post_button(
            f"/staff/notices/{notice['id']}/cancel", "Cancel notice", csrf, "danger",
            "Cancel this scheduled notice?")  # fmt: skip
    if notice["status"] in ("published", "publishing") and not notice["stopped_at"]:
        actions += post_button(
            f"/staff/notices/{notice['id']}/stop", "Stop broadcast", csrf, "danger",
            "Stop sending this notice to the chats that have not received it yet?")  # fmt: skip
        if counts.get("failed"):
            actions += post_button(
                f"/staff/notices/{notice['id']}/resend",
                f"Send again what failed ({counts['failed']})", csrf, "",
                "Send this notice again to the chats it failed for? Some may have got it "
                "already (a send without an answer).")  # fmt: skip
    done = "true" if progress["done"] else "false"
    return (
        f'<dl class="facts">{dl}{texts}</dl>'
        f'<h2>Delivery</h2><div class="progress" id="progress" data-id="{e(notice["id"])}" '
        f'data-done="{done}">{cells}</div><p class="muted" id="progress-note"></p>'
        f'<div class="actions">{actions}</div>'
    )


def audit_view(entries: list[dict[str, Any]]) -> str:
    rows = [
        (e(local_time(x["at"])), e(x["actor"]), e(x["via"]), e(x["action"]),
         e(x["district"] or ""), e(", ".join(x["areas"] or [])), e(x["event_id"] or ""),
         e(x["recipients"] if x["recipients"] is not None else ""), e(x["detail"] or ""))
        for x in entries
    ]  # fmt: skip
    headers = ("When", "Who", "Via", "What", "District", "Areas", "Event", "Chats", "Detail")
    return table(headers, rows, "audit") if rows else "<p>The log is empty.</p>"
