"""The staff page opens on what is happening now: warnings (many reports and no known outage),
active outages and planned works in the staff member's districts (areas by name, start,
expected end, chats reached, delivery, *Update* / *Power is back*; an outage whose expected end
passed long ago is flagged), and the list of notices by title."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from aiohttp import web

from bot.staff.context import csrf_token
from bot.staff.html import e, link_button
from bot.staff.labels import DELIVERY, FAILURES, NOTICE_STATUS, word
from bot.staff.lifecycle_pages import restore_form
from bot.staff.page_section import PageSection
from bot.staff.report_pages import notice_link
from bot.staff.reports_api import area_reports
from locales.i18n import _, current_language, ngettext
from services import alerts
from services.alerts.history import Delivery
from services.areas import district_name, get_area
from services.db.types import utcnow
from services.power_reports import AreaReports
from services.staff import callbacks
from services.staff.accounts import Principal
from services.staff.board import BoardItem, board
from services.staff.events import subject_id_for
from services.staff.titles import notice_title, short_time


def _delivery_line(delivery: Delivery) -> str:
    state = word(DELIVERY, delivery.state)
    reached = ngettext("{n} chat reached", "{n} chats reached", delivery.reached).format(
        n=delivery.reached)  # fmt: skip
    failed = ", ".join(f"{word(FAILURES, reason)}: {n}"
                       for reason, n in delivery.failures.items() if n)  # fmt: skip
    return " · ".join(part for part in (reached, state, failed) if part)


def item_card(item: BoardItem, now: datetime, csrf: str) -> str:
    language = current_language()
    starts = item.starts_at or now
    title = notice_title(item.kind, item.areas, starts, language, now)
    ends = short_time(item.ends_at, language, now) if item.ends_at else _("not known")
    end_label = _("Power expected back") if item.is_outage else _("Ends")
    district = district_name(item.district, language) if item.district else ""
    names = ", ".join(area.name(language) if (area := get_area(a)) else a for a in item.areas)
    warning = ""
    if item.overdue:
        warning = _("⚠️ The expected end has long passed and nobody said power is back: update "
                    "it or say power is back.")  # fmt: skip
        warning = f'<p class="warning" role="alert">{e(warning)}</p>'
    actions = ""
    if item.notice_id is not None:
        actions = link_button(f"/staff/notices/{item.notice_id}", _("Details"))
        if item.is_outage:
            actions += link_button(f"/staff/notices/{item.notice_id}/update", _("✏️ Update"))
            actions += restore_form(item.notice_id, csrf)
    else:
        source = e(_("From the account backend."))
        actions = f'<p class="muted">{source}</p>'
    css = "card item" + (" overdue" if item.overdue else "")
    css += " failed" if item.delivery.state == "failed" else ""
    words = {"start": e(_("Start")), "end": e(end_label)}
    return (
        f'<article class="{css}" data-subject="{e(item.subject)}"><h2>{e(title)}</h2>'
        f'<p class="areas">{e(district)}: {e(names)}</p>'
        f'<p><span class="label">{words["start"]}</span> {e(short_time(starts, language, now))}'
        f' · <span class="label">{words["end"]}</span> {e(ends)}</p>'
        f'<p class="delivery {e(item.delivery.state)}">{e(_delivery_line(item.delivery))}</p>'
        f'{warning}<div class="actions">{actions}</div></article>'
    )


def warning_card(row: AreaReports, minutes: int) -> str:
    language = current_language()
    area = get_area(row.area_id)
    name = area.name(language) if area else row.area_id
    text = _("⚠️ {n} reports of no power from {area} in {minutes} minutes, and no outage is "
             "known there.").format(n=row.recent, area=name, minutes=minutes)  # fmt: skip
    make = link_button(notice_link(row), _("⚡ Make an outage notice"), "primary")
    return (f'<article class="card warning" data-area="{e(row.area_id)}"><p>{e(text)}</p>'
            f"{make}</article>")  # fmt: skip


def board_view(
    items: list[BoardItem], warnings: list[AreaReports], minutes: int, open_callbacks: int,
    now: datetime, csrf: str,
) -> str:  # fmt: skip
    parts = [warning_card(row, minutes) for row in warnings]
    if open_callbacks:
        label = ngettext("{n} call-back request is waiting", "{n} call-back requests are waiting",
                         open_callbacks).format(n=open_callbacks)  # fmt: skip
        parts.append(f'<p class="card note"><a href="/staff/callbacks">{e(label)}</a></p>')
    parts.append(link_button("/staff/notices/new", _("New notice"), "primary"))
    if items:
        parts += [item_card(item, now, csrf) for item in items]
    else:
        quiet = _("Nothing is happening now in your districts: no outage, and no planned works "
                  "ahead.")  # fmt: skip
        parts.append(f'<p class="card">{e(quiet)}</p>')
    return "".join(parts)


def notices_view(notices: list[dict[str, Any]], deliveries: dict[str, Delivery]) -> str:
    language = current_language()
    new = link_button("/staff/notices/new", _("New notice"), "primary")
    if not notices:
        return new + "<p>" + e(_("No notices yet.")) + "</p>"
    rows = []
    for notice in notices:
        starts = datetime.fromisoformat(notice["starts_at"])
        title = notice_title(notice["kind"], notice["areas"], starts, language)
        if notice["status"] == "published":
            delivery = deliveries.get(notice["id"], Delivery())
            state = word(DELIVERY, delivery.state)
        else:
            state = word(NOTICE_STATUS, notice["status"])
        chats = notice["recipients"]
        reach = "–"
        if chats is not None:
            reach = ngettext("{n} chat", "{n} chats", chats).format(n=chats)
        detail = " · ".join((district_name(notice["district"], language), state, reach,
                             notice["created_by"]))  # fmt: skip
        rows.append(
            f'<li><a href="/staff/notices/{e(notice["id"])}">{e(title)}</a>'
            f'<span class="muted">{e(detail)}</span></li>'
        )
    return new + f'<ul class="log notices">{"".join(rows)}</ul>'


class BoardPages(PageSection):
    """``/staff`` (now) and ``/staff/notices`` (every notice)."""

    def routes(self) -> list[web.RouteDef]:
        page = self.pages.page
        return [web.get("/staff", page(self.board)), web.get("/staff/notices", page(self.notices))]

    async def board(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        now, rule = utcnow(), self.context.report_rule
        async with self.context.database.transaction() as session:
            items = await board(session, principal, now, overdue_after=self.context.overdue_after)
            waiting = len(await callbacks.requests(session, principal, status="open", limit=500))
        reports = await area_reports(self.context, principal, now - rule.within, now)
        minutes = int(rule.within.total_seconds() // 60)
        body = board_view(items, [r for r in reports if r.warning], minutes, waiting, now,
                          csrf_token(request))  # fmt: skip
        return self.pages.render(_("Now"), body, request, principal)

    async def notices(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        notices = await self.context.desk.recent(principal, 100)
        kinds = {"outage": "outage", "planned_work": "planned_work"}
        subjects = {f"{kinds[n['kind']]}:{subject_id_for(n['id'])}": n["id"] for n in notices
                    if n["status"] == "published"}  # fmt: skip
        async with self.context.database.transaction() as session:
            found = await alerts.deliveries_in(session, list(subjects))
        deliveries = {subjects[subject]: delivery for subject, delivery in found.items()}
        body = notices_view(notices, deliveries)
        return self.pages.render(_("Notices"), body, request, principal)

