""" "I have no power": a customer's report. When a known outage covers the chat's areas, the bot
says so, with the expected end, and offers to tell the chat when power is back; otherwise it
asks which area (the chat's own areas first, any area by district), records the report, and the
alerts engine tells the chat when an outage or power back is published there.

Reports have budgets, per chat and per area within an hour (:mod:`services.budgets`): past
them the bot answers politely and records nothing.

Areas are places of any level (:mod:`services.places`): an outage known in a place that
contains the one reported (its municipality) is the outage reported.

Buttons: ``rep:start``; ``rep:w`` (tell me when power is back, the chat's areas) or
``rep:w:<place>``; ``rep:other`` (which place); ``rep:d`` / ``rep:d:<place>[:<page>]`` (the
place picker); ``rep:s:<place>`` (type a name); ``rep:a:<place>`` (no power there).
"""

from __future__ import annotations

from datetime import datetime

from handlers import keyboards, place_names, place_picker
from handlers.messages import Button, OutgoingMessage
from handlers.turn import Turn
from locales.i18n import _, current_language
from services import budgets, power_reports
from services.alerts import chat_settings
from services.alerts.texts import area_names, reason_line, when
from services.db.alert_models import Interruption
from services.db.types import utcnow

PREFIX = "rep"
MAX_OUTAGES = 3
STATE_SEARCH = "report_place_search"

PAYLOADS = place_picker.PickerPayloads(
    level=lambda place, page: f"{PREFIX}:d:{place or ''}" + (f":{page}" if page else ""),
    choose=lambda place: f"{PREFIX}:a:{place}",
    search=lambda place: f"{PREFIX}:s:{place or ''}",
)


def _button(text: str, argument: str) -> Button:
    return Button(text, payload=f"{PREFIX}:{argument}")


def _pairs(buttons: list[Button]) -> list[tuple[Button, ...]]:
    return [tuple(buttons[i : i + 2]) for i in range(0, len(buttons), 2)]


async def _chat_areas(turn: Turn) -> list[str]:
    """The areas of the chat's linked codes first, then those it follows or reported."""
    session, chat_id = turn.session, turn.chat.id
    areas = await chat_settings.linked_areas(session, chat_id)
    for area in [
        *await chat_settings.followed_areas(session, chat_id),
        *await power_reports.open_reports_of(session, chat_id, utcnow()),
    ]:
        if area not in areas:
            areas.append(area)
    return areas


def expected_back(outage: Interruption, now: datetime) -> str:
    """When power is expected back, honestly: not known, a time, or a time that has passed."""
    language = current_language()
    if outage.ends_at is None:
        return _("We do not know yet when power will be back.")
    if outage.ends_at > now:
        return _("Power is expected back {time}.").format(time=when(outage.ends_at, language))
    return _("Power was expected back {time}; we have had no news since {updated}.").format(
        time=when(outage.ends_at, language), updated=when(outage.updated_at, language)
    )


def _known(outages: list[Interruption], watch: str, now: datetime) -> OutgoingMessage:
    language = current_language()
    parts = []
    for outage in outages[:MAX_OUTAGES]:
        head = _("⚡ We know about the outage in {areas}, since {time}.").format(
            areas=area_names(outage.areas, language),
            time=when(outage.starts_at or outage.created_at, language),
        )
        lines = [head, expected_back(outage, now), reason_line(outage.texts, language)]
        parts.append("\n".join(lines))
    rows = (
        (_button(_("🔔 Tell me when power is back"), watch),),
        (_button(_("📍 No power in another area"), "other"),),
    )
    return OutgoingMessage("\n\n".join(parts), rows)


async def on_report(turn: Turn) -> list[OutgoingMessage]:
    """Free text "I have no power", ``rep:start`` or ``/report``."""
    now = utcnow()
    areas = await _chat_areas(turn)
    over = sorted({place for area in areas for place in place_names.coarser(area)})
    outages, _works = await chat_settings.interruptions_in(turn.session, over, now)
    if outages:
        return [_known(outages, "w", now)]
    return [_which_area(turn, areas)]


def _which_area(turn: Turn, areas: list[str]) -> OutgoingMessage:
    if not areas:
        return _level(turn, None, 0)
    language = current_language()
    buttons = [
        _button(str(place_names.name(area, language)), f"a:{area}")
        for area in areas
        if place_names.get(area) is not None
    ]
    rows = [*_pairs(buttons), (_button(_("Another area"), "d"),)]
    return OutgoingMessage(_("Which area has no power?"), tuple(rows))


def _level(turn: Turn, place_id: str | None, page: int, text: str | None = None) -> OutgoingMessage:
    """The place picker; a name typed now is looked for there."""
    if text is None and place_id is None:
        text = _("In which district is the place without power? You can also type its name.")
    elif text is None:
        text = _("{place}: where is there no power? Choose the place, or type its name.").format(
            place=place_names.name(place_id or "", current_language())
        )
    own = None
    if place_id is not None:
        own = _button(
            _("📍 Somewhere else in {place}").format(
                place=place_names.name(place_id, current_language())
            ),
            f"a:{place_id}",
        )
    turn.set_state(STATE_SEARCH, within=place_id or "")
    return place_picker.level_view(PAYLOADS, place_id, page, text, own=own)


def _search_prompt(turn: Turn, within: str) -> OutgoingMessage:
    place = place_names.get(within)
    turn.set_state(STATE_SEARCH, within=place.id if place else "")
    text = _("Type the name of the place without power (a town, a village or a neighbourhood):")
    back = _button(_("⬅ Back"), f"d:{place.id}" if place else "d")
    return OutgoingMessage(text, ((back, keyboards.command_button(_("✖ Cancel"), "cancel")),))


async def on_search_reply(turn: Turn) -> list[OutgoingMessage]:
    """A place's name typed while the picker is shown: reported when it names one place,
    asked back when several, said so when none; other text goes on to free text."""
    text = (turn.message.text or "").strip()
    within = turn.state.get("within") or None
    found = place_picker.typed(turn, text, within)
    if found is None:
        turn.clear_state()
        return []
    if not found:
        message = _(
            "I found no place called “{name}”. Check the spelling, or choose from the list."
        )
        return [_level(turn, within, 0, message.format(name=text))]
    turn.clear_state()
    if len(found) == 1:
        return await report_in(turn, found[0])
    question = _("Several places are called that. Which one do you mean?")
    return [place_picker.choices(PAYLOADS, found, question)]


async def on_button(turn: Turn) -> list[OutgoingMessage]:
    action, _sep, value = turn.args.partition(":")
    if action == "other":
        return [_which_area(turn, await _chat_areas(turn))]
    if action == "d":
        return [_level(turn, *place_picker.read_level(value))]
    if action == "s":
        return [_search_prompt(turn, value)]
    if action == "a" and place_names.get(value) is not None:
        return await report_in(turn, value)
    if action == "w":
        known = place_names.get(value) is not None
        return await _watch(turn, [value] if known else await _chat_areas(turn))
    return await on_report(turn)


async def _covering(turn: Turn, area_id: str, now: datetime) -> list[Interruption]:
    """The outages now in ``area_id`` or in a place that contains it."""
    over = place_names.coarser(area_id)
    outages, _works = await chat_settings.interruptions_in(turn.session, sorted(over), now)
    return outages


async def report_in(turn: Turn, area_id: str) -> list[OutgoingMessage]:
    """No power in ``area_id`` (a place of any level): the outage known there, or the report
    recorded."""
    now = utcnow()
    outages = await _covering(turn, area_id, now)
    if outages:
        return [_known(outages, f"w:{area_id}", now)]
    language = current_language()
    name = area_names([area_id], language)
    if not await _reported(turn, area_id, now):  # saying it again costs nothing
        over = await budgets.exceeded(
            turn.session, budgets.REPORT, turn.deps.budgets.reports, turn.chat.id, area_id, now
        )
        if over is not None:
            return [_busy(over, name)]
    recorded = await power_reports.record(turn.session, turn.chat.id, area_id, now)
    if recorded.new:
        budgets.spend(turn.session, budgets.REPORT, turn.chat.id, area_id, now)
        text = _(
            "Thank you. We have noted that there is no power in {area}. We will tell you "
            "here when an outage there is published, and when power is back."
        ).format(area=name)
    else:
        text = _(
            "You told us at {time} that there is no power in {area}. We will tell you "
            "here as soon as we know more."
        ).format(time=when(recorded.created_at, language), area=name)
    return [OutgoingMessage(text, keyboards.menu())]


async def _reported(turn: Turn, area_id: str, now: datetime) -> bool:
    return area_id in await power_reports.open_reports_of(turn.session, turn.chat.id, now)


def _busy(over: budgets.Over, area: str) -> OutgoingMessage:
    if over is budgets.Over.CHAT:
        text = _(
            "You have told us about many areas in the last hour. We have your reports, and "
            "we will tell you here when we know more."
        )
    else:
        text = _(
            "Many customers have told us in the last hour that there is no power in {area}: "
            "our colleagues know. Follow the area in /outages to hear when power is back."
        ).format(area=area)
    return OutgoingMessage(text, keyboards.menu())


async def _watch(turn: Turn, areas: list[str]) -> list[OutgoingMessage]:
    now = utcnow()
    covered: dict[str, Interruption] = {}
    for area in areas:
        outages = await _covering(turn, area, now)
        if outages:
            covered[area] = outages[0]
    if not covered:
        text = _(
            "There is no outage we know of there now: power may be back. If you still "
            "have no power, tell us which area."
        )
        return [OutgoingMessage(text, ((_button(_("🔦 Report no power"), "other"),),))]
    reports = turn.deps.budgets.reports
    for area, outage in covered.items():
        over = None
        if not await _reported(turn, area, now):
            over = await budgets.exceeded(
                turn.session, budgets.REPORT, reports, turn.chat.id, area, now
            )
        if over is not None:
            return [_busy(over, area_names([area], current_language()))]
        recorded = await power_reports.record(turn.session, turn.chat.id, area, now, outage.subject)
        if recorded.new:
            budgets.spend(turn.session, budgets.REPORT, turn.chat.id, area, now)
    text = _("We will tell you here when power is back in {areas}.").format(
        areas=area_names(list(covered), current_language())
    )
    return [OutgoingMessage(text, keyboards.menu())]
