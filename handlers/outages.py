"""``/outages``: current outages, planned works and the next rotating cuts (today and tomorrow)
in the chat's areas.

The chat's areas are those of its linked codes, the places it follows and those it reported
no power in; an outage or planned work is shown when it names one of them, a place that
contains one (the municipality of a followed village) or a place inside one. Following places
is :mod:`handlers.follow_places`.
"""

from __future__ import annotations

from datetime import datetime

from handlers import keyboards, place_names
from handlers.messages import Button, OutgoingMessage
from handlers.turn import Turn
from locales.i18n import _, current_language
from services import power_reports
from services.alerts import chat_settings
from services.alerts.texts import area_names, when
from services.db.alert_models import Interruption
from services.db.types import utcnow
from services.rotation.chats import cuts_of_chat
from services.rotation.texts import clock
from services.rotation.upcoming import DayCut


def outage_line(outage: Interruption, language: str, now: datetime) -> str:
    line = _("• {areas}: since {time}").format(
        areas=area_names(outage.areas, language), time=when(outage.starts_at or now, language)
    )
    if outage.ends_at is not None and outage.ends_at > now:
        line += _(", expected back {time}").format(time=when(outage.ends_at, language))
    elif outage.ends_at is not None:
        line += _(
            ", expected back {time}: that time has passed, and we have had no news since {updated}"
        ).format(time=when(outage.ends_at, language), updated=when(outage.updated_at, language))
    return line


def work_line(work: Interruption, language: str) -> str:
    return _("• {areas}: from {start} to {end}").format(
        areas=area_names(work.areas, language),
        start=when(work.starts_at or utcnow(), language),
        end=when(work.ends_at or utcnow(), language),
    )


def _buttons() -> keyboards.Rows:
    return (
        (Button(_("🔦 Report no power"), payload="rep:start"),),
        (
            Button(_("➕ Follow an area"), payload="follow:"),
            keyboards.command_button(_("🔔 Alerts"), "alerts"),
        ),
    )


async def on_outages(turn: Turn) -> list[OutgoingMessage]:
    language = current_language()
    session, chat_id = turn.session, turn.chat.id
    now = turn.deps.clock()
    linked = await chat_settings.linked_areas(session, chat_id)
    followed = await chat_settings.followed_areas(session, chat_id)
    reported = await power_reports.open_reports_of(session, chat_id, now)
    areas = sorted(set(linked) | set(followed))
    rotation = await cuts_of_chat(session, chat_id, now)
    if not areas and not reported and not rotation.groups:
        text = _(
            "You follow no area yet. Link a customer code with /link, or follow an area to hear "
            "about outages and planned works there."
        )
        return [OutgoingMessage(text, _buttons())]
    reach = place_names.reach([*areas, *reported])
    outages, works = await chat_settings.interruptions_in(session, reach, now)
    updated = await chat_settings.data_updated_at(session)
    lines = [_("Your areas: {areas}").format(areas=area_names(areas, language))] if areas else []
    if reported:
        lines.append(
            _(
                "You told us there is no power in {areas}: we will tell you here when we know more."
            ).format(areas=area_names(reported, language))
        )
    lines.append("")
    if outages:
        lines.append(_("⚡ Outages now:"))
        lines += [outage_line(outage, language, now) for outage in outages]
    else:
        lines += _no_outage_known(reported, updated is None)
    lines.append("")
    if works:
        lines.append(_("🛠 Planned works:"))
        lines += [work_line(work, language) for work in works]
    else:
        lines.append(_("No planned works ahead in your areas."))
    if rotation.groups:
        lines += ["", *_rotation_lines(rotation.cuts)]
    if updated is not None:
        lines += ["", _("Last updated: {time}").format(time=when(updated, language))]
    return [OutgoingMessage("\n".join(lines), _buttons())]


def _rotation_lines(cuts: list[DayCut]) -> list[str]:
    """The chat's rotating cuts today and tomorrow, one a line, in Kosovo time."""
    if not cuts:
        return [_("🔄 Rotating power cuts: none for you today or tomorrow.")]
    texts = {
        "now": _("• Now, until {end} (group {group})"),
        "today": _("• Today, {start}–{end} (group {group})"),
        "tomorrow": _("• Tomorrow, {start}–{end} (group {group})"),
    }
    lines = [_("🔄 Your next rotating power cuts:")]
    for item in cuts:
        start, end = clock(item.cut.starts_at), clock(item.cut.ends_at)
        lines.append(texts[item.when].format(start=start, end=end, group=item.cut.group))
    return lines


def _no_outage_known(reported: list[str], no_data_yet: bool) -> list[str]:
    """No outage known: said so, without asking a chat that has just told us of its own power
    cut to tell us again (it is asked about anywhere else instead)."""
    if reported:
        lines = [_("We know of no outage in your areas yet: we are looking into what you told us.")]
    else:
        lines = [_("We know of no outage in your areas.")]
    if no_data_yet:
        lines.append(_("We have not received any outage information yet."))
    if reported:
        lines.append(_("If power is out somewhere else too, tell us with the button below."))
    else:
        lines.append(_("If you have no power, tell us with the button below."))
    return lines
