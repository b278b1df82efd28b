"""The messages of rotating cuts, rendered once per language (the fan-out picks one per chat):
a timetable published or changed (for one group), no longer included, ended, a cut soon.
Times are Kosovo wall-clock times, 24-hour (``22:00–02:00``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from babel.lists import format_list

from locales.translation import N_, babel_locale, translate, weekday_and_date
from services.alerts.texts import (
    OUTAGE_BUTTONS,
    Rendered,
    area_names,
    lines,
    reason_line,
    render,
)
from services.rotation.timetable import KOSOVO, MIDNIGHT, Group, Slot, Timetable

_HEADS = {
    (False, True): N_("🔄 Rotating power cuts in {places}."),
    (False, False): N_("🔄 Rotating power cuts."),
    (True, True): N_("🔄 New timetable of the rotating power cuts in {places}."),
    (True, False): N_("🔄 New timetable of the rotating power cuts."),
}
_EVERY_DAY = N_("You are in group {group}: no power every day {slots}, from {first} to {last}.")
_ONE_DAY = N_("You are in group {group}: no power {slots} on {day}.")
_REMIND = N_("We will remind you before each cut.")
_DROPPED = N_(
    "✅ The new timetable of the rotating power cuts leaves you out: no more cuts for you."
)
_ENDED = N_("✅ The rotating power cuts are over: no more cuts on the timetable.")
_SOON = N_("⏰ Rotating power cut soon: no power from {start} to {end} (group {group}).")


def clock(value: datetime) -> str:
    """``22:00``: the Kosovo wall-clock time of ``value``."""
    return f"{value.astimezone(KOSOVO):%H:%M}"


def slot_text(slot: Slot) -> str:
    """``22:00–02:00`` (``24:00`` for the midnight that ends a slot)."""
    end = "24:00" if slot.end == MIDNIGHT else f"{slot.end:%H:%M}"
    return f"{slot.start:%H:%M}–{end}"


def slots_text(slots: Sequence[Slot], language: str) -> str:
    """``08:00–10:00 and 22:00–02:00`` as ``language`` lists things."""
    return format_list([slot_text(slot) for slot in slots], locale=babel_locale(language))


def place_names(places: Sequence[str], language: str) -> str:
    """The names of places of any level, each in the form its preposition asks for."""
    return area_names(places, language)


def timetable_message(
    timetable: Timetable, group: Group, reason: dict[str, str] | None, *, changed: bool
) -> Rendered:
    """What the chats of ``group`` are told of a new (or ``changed``) timetable."""

    def build(language: str) -> str:
        head = translate(_HEADS[(changed, bool(group.places))], language)
        slots = slots_text(group.slots, language)
        if timetable.starts_on == timetable.ends_on:
            day = weekday_and_date(timetable.starts_on, language)
            body = translate(_ONE_DAY, language).format(group=group.id, slots=slots, day=day)
        else:
            body = translate(_EVERY_DAY, language).format(
                group=group.id,
                slots=slots,
                first=weekday_and_date(timetable.starts_on, language),
                last=weekday_and_date(timetable.ends_on, language),
            )
        return lines(
            head.format(places=place_names(group.places, language)),
            body,
            reason_line(reason, language),
            translate(_REMIND, language),
        )

    return render(build, OUTAGE_BUTTONS)


def dropped_message() -> Rendered:
    return render(lambda language: translate(_DROPPED, language))


def ended_message(reason: dict[str, str] | None) -> Rendered:
    return render(
        lambda language: lines(translate(_ENDED, language), reason_line(reason, language))
    )


def reminder_message(group: str, starts_at: datetime, ends_at: datetime) -> Rendered:
    def build(language: str) -> str:
        return translate(_SOON, language).format(
            start=clock(starts_at), end=clock(ends_at), group=group
        )

    return render(build, OUTAGE_BUTTONS)
