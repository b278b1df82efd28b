"""One notice on the staff page: what it says now, its delivery as it is (a notice whose messages
all failed is shown as failed, with the reasons and their counts), its history (the first
message, updates, power back), and what can be done now (Stop only while sending)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from bot.staff.html import e, facts, link_button, post_button
from bot.staff.labels import DELIVERY, EVENTS, FAILURES, NOTICE_STATUS, STATES, word
from bot.staff.lifecycle_pages import is_current_outage, restore_form, title_of
from locales.i18n import _, current_language
from services.alerts.texts import area_names, free_text
from services.areas import district_name
from services.staff.titles import kind_name, short_time

LANGUAGE_NAMES = {"sq": "Shqip", "en": "English", "sr": "Српски"}


def _time(iso: str | None, missing: str = "–") -> str:
    return short_time(datetime.fromisoformat(iso), current_language()) if iso else missing


def _facts(notice: dict[str, Any], progress: dict[str, Any]) -> str:
    language = current_language()
    current = notice.get("current") or {}
    areas = current.get("areas") or notice["areas"]
    outage = notice["kind"] == "outage"
    ends = current.get("ends_at", notice["ends_at"])
    rows = [
        (_("Kind"), kind_name(notice["kind"], language)),
        (_("District"), district_name(notice["district"], language)),
        (_("Areas"), area_names(areas, language)),
        (_("Starts"), _time(current.get("starts_at") or notice["starts_at"])),
        (_("Power expected back") if outage else _("Ends"), _time(ends, _("not known"))),
    ]
    if current.get("restored_at"):
        rows.append((_("Power back"), _time(current["restored_at"])))
    if notice["status"] != "published":
        rows.append((_("Status"), word(NOTICE_STATUS, notice["status"])))
    if notice["status"] == "scheduled":
        rows.append((_("Publish at"), _time(notice["publish_at"])))
    rows.append((_("By"), notice["created_by"]))
    if notice.get("fast"):
        rows.append((_("Fast delivery"), _("Telegram paid broadcast")))
        rows.append((_("Stars spent (estimated)"), f"{progress.get('stars_spent', 0):g}"))
    texts = current.get("texts") if current else notice["texts"]
    if texts:
        rows.append((_("Reason") if outage else _("Description"), free_text(texts, language)))
    return facts(rows)


def _counts(progress: dict[str, Any]) -> str:
    counts: dict[str, int] = {state: 0 for state in STATES}
    for event in progress["events"] or [{"counts": progress["counts"]}]:
        for state in STATES:
            counts[state] += event["counts"].get(state, 0)
    return "".join(
        f'<div class="count {state}"><span class="n" data-state="{state}">{counts[state]}</span>'
        f"<span>{e(word(STATES, state))}</span></div>"
        for state in STATES
    )


def _failures(progress: dict[str, Any]) -> str:
    items = "".join(
        f'<li data-reason="{reason}"><strong class="n">{progress["failures"].get(reason, 0)}'
        f"</strong> {e(word(FAILURES, reason))}</li>"
        for reason in FAILURES
    )
    hidden = "" if any(progress["failures"].values()) else " hidden"
    title = e(_("Why messages did not arrive"))
    return f'<section class="failures"{hidden}><h3>{title}</h3><ul>{items}</ul></section>'


def _history(progress: dict[str, Any]) -> str:
    if len(progress["events"]) < 2:
        return ""
    rows = []
    for event in progress["events"]:
        sent, failed = event["counts"].get("sent", 0), sum(event["failures"].values())
        counts = _("{sent} sent, {failed} failed, of {n}").format(
            sent=sent, failed=failed, n=event["recipients"])  # fmt: skip
        what = word(EVENTS, event["type"])
        rows.append(f"<li><time>{e(_time(event['occurred_at']))}</time> "
                    f"<strong>{e(what)}</strong> · {e(counts)}</li>")  # fmt: skip
    title = e(_("History"))
    return f'<h2>{title}</h2><ul class="log">{"".join(rows)}</ul>'


def notice_view(notice: dict[str, Any], progress: dict[str, Any], csrf: str) -> str:
    delivery = progress["delivery"]
    labels = {code: _(label) for code, label in DELIVERY.items()}
    actions = ""
    if notice["status"] == "scheduled":
        actions += post_button(f"/staff/notices/{notice['id']}/cancel", _("Cancel notice"), csrf,
                               "danger", _("Cancel this scheduled notice?"))  # fmt: skip
    if notice["status"] == "published" and progress["stoppable"]:
        actions += post_button(
            f"/staff/notices/{notice['id']}/stop", _("Stop sending"), csrf, "danger stop",
            _("Stop sending this notice to the chats that have not received it yet?"))  # fmt: skip
    failed = progress["counts"].get("failed", 0)
    maybe = progress["counts"].get("unconfirmed", 0)
    if notice["status"] == "published" and not notice["stopped_at"] and failed:
        actions += post_button(
            f"/staff/notices/{notice['id']}/resend",
            _("Send again what failed ({n})").format(n=failed), csrf, "",
            _("Send this notice again to the chats it failed for?"))  # fmt: skip
    if notice["status"] == "published" and not notice["stopped_at"] and maybe:
        actions += post_button(
            f"/staff/notices/{notice['id']}/resend?unconfirmed=1",
            _("Send again to the chats that may have got it ({n})").format(n=maybe), csrf, "",
            _("The messenger never answered for these messages: many may have arrived, and "
              "those chats will get a second copy. Send again?"))  # fmt: skip
    if is_current_outage(notice):
        actions += link_button(f"/staff/notices/{notice['id']}/update", _("✏️ Update"))
        actions += restore_form(notice["id"], csrf)
    done = "true" if progress["done"] else "false"
    heading = e(_("Delivery"))
    return (
        f"{_facts(notice, progress)}"
        f'<h2>{heading}: <span id="delivery" class="delivery {e(delivery)}" '
        f'data-labels="{e(json.dumps(labels, ensure_ascii=False))}">'
        f"{e(labels.get(delivery, delivery))}</span></h2>"
        f'<div class="progress" id="progress" data-id="{e(notice["id"])}" data-done="{done}">'
        f"{_counts(progress)}</div>{_failures(progress)}"
        f'<p class="muted" id="progress-note"></p><div class="actions">{actions}</div>'
        f"{_history(progress)}{_texts(notice)}"
    )


def _texts(notice: dict[str, Any]) -> str:
    current = notice.get("current") or {}
    texts = current.get("texts") if current else notice["texts"]
    if not texts:
        return ""
    items = "".join(f"<dt>{e(LANGUAGE_NAMES.get(lang, lang))}</dt><dd>{e(text)}</dd>"
                    for lang, text in texts.items())  # fmt: skip
    title = e(_("The text in every language"))
    return f'<details><summary>{title}</summary><dl class="facts">{items}</dl></details>'


def notice_title(notice: dict[str, Any]) -> str:
    return title_of(notice)
