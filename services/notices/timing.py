"""Times an operator should look at twice before a notice or an update goes: flagged on the
preview, in the operator's language (a wrong time reaches every chat of the areas)."""

from __future__ import annotations

from datetime import datetime, timedelta

from locales.i18n import N_, current_language, translate
from services.notices.titles import short_time

FAR_END = timedelta(days=3)  # an outage's end further away than this is probably a typo
LONG_AGO = timedelta(hours=12)  # an outage's start longer ago than this is probably a typo


def time_warnings(
    starts_at: datetime | None,
    ends_at: datetime | None,
    now: datetime,
    *,
    kind: str = "outage",
    language: str | None = None,
) -> list[str]:
    """What is odd about the times of a notice or an update: an end in the past or before the
    start, an end more than three days away, a planned work that starts in the past, an outage
    that started more than twelve hours ago."""
    language = language or current_language()
    warnings: list[str] = []
    if starts_at is not None and ends_at is not None and ends_at <= starts_at:
        warnings.append(translate(N_("The end is before the start: check both times."), language))
    elif ends_at is not None and ends_at < now:
        warnings.append(
            translate(N_("The end, {time}, has already passed: check it."), language).format(
                time=short_time(ends_at, language, now)
            )
        )
    if ends_at is not None and ends_at - now > FAR_END:
        warnings.append(
            translate(
                N_("The end, {time}, is more than three days away: is that right?"), language
            ).format(time=short_time(ends_at, language, now))
        )
    if starts_at is not None and kind == "planned_work" and starts_at < now:
        warnings.append(
            translate(N_("Planned works that start in the past: check the start."), language)
        )
    if starts_at is not None and kind == "outage" and now - starts_at > LONG_AGO:
        warnings.append(
            translate(
                N_("The outage started {time}, more than twelve hours ago: is that right?"),
                language,
            ).format(time=short_time(starts_at, language, now))
        )
    return warnings
