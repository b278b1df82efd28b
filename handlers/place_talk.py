"""Free text that names a place is answered for that place: "is there an outage in Dragodan",
"a ka rrymë në Podujevë" get the outages and planned works there (those that cover the whole
place, from a place that contains it, and those in part of it), with a button to follow it
and one to report no power there; "s'ka rrymë në Bregun e Diellit", "nema struje u Kosovo
Polje", "fush kosov pa drita" go straight to reporting no power in that place. A name that
fits several places is asked back first, each named with its parent.

Payloads: ``pl:<place>`` answers for a place (a place asked back).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from handlers import follow_places, keyboards, outages, place_names, place_picker, report
from handlers.messages import Button, OutgoingMessage
from handlers.turn import Turn
from locales.i18n import _, current_language
from services.alerts import chat_settings
from services.alerts.texts import when
from services.db.alert_models import Interruption
from services.db.types import utcnow

PREFIX = "pl"
OUTAGE_INTENTS = ("intent:outage", "intent:planned-work")
NO_POWER = "intent:report-outage"
MAX_NAME_WORDS = 4

ANSWER = place_picker.PickerPayloads(
    level=follow_places.PAYLOADS.level,
    choose=lambda place: f"{PREFIX}:{place}",
    search=follow_places.PAYLOADS.search,
)
REPORT = place_picker.PickerPayloads(
    level=lambda place, page: f"{report.PREFIX}:d:{place or ''}" + (f":{page}" if page else ""),
    choose=lambda place: f"{report.PREFIX}:a:{place}",
    search=lambda place: f"{report.PREFIX}:s:{place or ''}",
)


def places_in(text: str, intent: str | None, choices: Sequence[str] = ()) -> list[str]:
    """The places a message names, when it is about outages or power at a place (``intent``,
    or the ``choices`` the bot would ask back between), or when the bot does not otherwise
    understand it (``intent`` None) and it is no more than a place's name; none otherwise."""
    about_power = (*OUTAGE_INTENTS, NO_POWER)
    if intent in about_power or (choices and set(choices) <= set(about_power)):
        return place_names.named_in(text)
    if intent is None and len(text.split()) <= MAX_NAME_WORDS:
        return place_names.search(text)
    return []


async def answer(turn: Turn, place_ids: list[str], intent: str | None) -> list[OutgoingMessage]:
    """The answer for the places a message names (asked back when they are several)."""
    if len(place_ids) > 1:
        payloads = REPORT if intent == NO_POWER else ANSWER
        question = _("Several places are called that. Which one do you mean?")
        return [place_picker.choices(payloads, place_ids, question)]
    if intent == NO_POWER:
        return await report.report_in(turn, place_ids[0])
    return [await outages_at(turn, place_ids[0])]


async def on_button(turn: Turn) -> list[OutgoingMessage]:
    """``pl:<place>``: the outages and planned works there."""
    place_id = turn.args.strip()
    if place_names.get(place_id) is None:
        return await outages.on_outages(turn)
    return [await outages_at(turn, place_id)]


def _covers(row: Interruption, over: set[str]) -> bool:
    """Whether ``row`` names the place or a place that contains it (``over``)."""
    return bool(over & set(row.areas or []))


async def outages_at(turn: Turn, place_id: str) -> OutgoingMessage:
    """The outages now and planned works ahead that touch ``place_id``, and what to do."""
    language, now = current_language(), utcnow()
    over = place_names.coarser(place_id)
    found_outages, found_works = await chat_settings.interruptions_in(
        turn.session, place_names.reach([place_id]), now
    )
    lines = ["📍 " + place_names.label(place_id, language), ""]
    lines += _section(found_outages, over, now, outage=True)
    lines += _section(found_works, over, now, outage=False)
    if not found_outages and not found_works:
        lines.append(_("We know of no outage here now, and no planned works ahead."))
        lines.append(_("If you have no power, tell us with the button below."))
    updated = await chat_settings.data_updated_at(turn.session)
    if updated is not None:
        lines += ["", _("Last updated: {time}").format(time=when(updated, language))]
    followed = place_id in await chat_settings.followed_areas(turn.session, turn.chat.id)
    follow = Button(
        _("🔕 Stop following this place") if followed else _("🔔 Follow this place"),
        payload=f"area:{place_id}",
    )
    rows = (
        (Button(_("🔦 No power here"), payload=f"{report.PREFIX}:a:{place_id}"),),
        (follow, keyboards.command_button(_("⚡ Outages"), "outages")),
    )
    return OutgoingMessage("\n".join(lines).rstrip(), rows)


def _section(rows: list[Interruption], over: set[str], now: datetime, *, outage: bool) -> list[str]:
    lines: list[str] = []
    language = current_language()
    whole = [row for row in rows if _covers(row, over)]
    part = [row for row in rows if not _covers(row, over)]
    for group, heading in (
        (
            whole,
            _("⚡ Outages now that cover this place:")
            if outage
            else _("🛠 Planned works that cover this place:"),
        ),
        (
            part,
            _("⚡ Outages now in part of this place:")
            if outage
            else _("🛠 Planned works in part of this place:"),
        ),
    ):
        if not group:
            continue
        lines.append(heading)
        for row in group:
            line = (
                outages.outage_line(row, language, now)
                if outage
                else outages.work_line(row, language)
            )
            lines.append(line)
        lines.append("")
    return lines
