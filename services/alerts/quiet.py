"""Quiet hours, in Kosovo time: a chat picks one of a few presets (or none).

During quiet hours bill, payment and planned-work alerts wait for the morning, outage alerts
and the last reminder before a planned work are sent silently (no notification sound).
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

KOSOVO = ZoneInfo("Europe/Belgrade")
DEFAULT_QUIET_HOURS = "22-07"
OFF = "off"
# preset -> (start hour, end hour); the window runs from start to end, across midnight.
PRESETS: dict[str, tuple[int, int]] = {"22-07": (22, 7), "23-07": (23, 7), "21-08": (21, 8)}
CHOICES = (*PRESETS, OFF)

WAIT = "wait"
SILENT = "silent"
NONE = "none"


def quiet_until(preset: str | None, now: datetime) -> datetime | None:
    """When the quiet hours around ``now`` end (UTC), or None when ``now`` is not quiet."""
    window = PRESETS.get(preset or DEFAULT_QUIET_HOURS) if preset != OFF else None
    if window is None:
        return None
    start, end = window
    local = now.astimezone(KOSOVO)
    hour = local.hour
    quiet = hour >= start or hour < end if start > end else start <= hour < end
    if not quiet:
        return None
    end_day = local.date() if hour < end else local.date() + timedelta(days=1)
    ending = datetime.combine(end_day, time(end), tzinfo=KOSOVO)
    return ending.astimezone(UTC)


def deliver_at(quiet: str, preset: str | None, now: datetime) -> tuple[datetime, bool]:
    """When a message of quiet-hours kind ``quiet`` (:data:`WAIT`, :data:`SILENT`, :data:`NONE`)
    goes to a chat with quiet hours ``preset``, at ``now``: not before the returned time, and
    silently or not. The one place quiet hours are decided: when alerts are queued and again
    when they are sent (the chat may have changed its quiet hours meanwhile)."""
    ending = quiet_until(preset, now)
    if ending is None or quiet == NONE:
        return now, False
    if quiet == WAIT:
        return ending, False
    return now, True


def next_step(preset: str | None) -> str:
    """The preset after ``preset`` in :data:`CHOICES`, for a button that cycles through them."""
    current = preset or DEFAULT_QUIET_HOURS
    index = CHOICES.index(current) if current in CHOICES else -1
    return CHOICES[(index + 1) % len(CHOICES)]


def label(preset: str | None) -> str:
    """``22:00–07:00``, or ``off``."""
    window = PRESETS.get(preset or DEFAULT_QUIET_HOURS) if preset != OFF else None
    if window is None:
        return OFF
    return f"{window[0]:02d}:00–{window[1]:02d}:00"
