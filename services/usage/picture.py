"""The consumption chart of a code in a chat's language: the words it needs, translated, and
the drawing done off the event loop. Used by ``/usage`` and by the web server's signed
address of the chart (for Viber, which fetches pictures from a URL)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from datetime import date

from babel.dates import format_date

from locales.i18n import _, babel_locale, using_language
from services.backend.base import BillRecord
from services.usage.chart import ChartTexts, render_png
from services.usage.series import UsageSeries, month_back, usage_series

FILENAME = "KESCO-{code}-consumption.png"
MIME_TYPE = "image/png"


def _month(period: str, pattern: str) -> str:
    year, month = (int(part) for part in period.split("-"))
    return format_date(date(year, month, 1), pattern, locale=babel_locale())


def months_span(first: str, last: str) -> str:
    """``nov 2025 – oct 2026``: two periods as short month and year, in the current language."""
    return f"{_month(first, 'LLL y')} – {_month(last, 'LLL y')}"


def chart_texts(series: UsageSeries) -> ChartTexts:
    """The chart's words in the current language."""
    first, last = series.months[0].period, series.latest
    return ChartTexts(
        title=_("{code}: electricity used, kWh per month").format(code=series.code),
        this_year=months_span(first, last),
        year_before=months_span(month_back(first, 12), month_back(last, 12)),
        estimated=_("estimated reading"),
        unit=_("kWh"),
        month_labels=tuple(_month(month.period, "LLL") for month in series.months),
    )


async def chart_png(series: UsageSeries, language: str) -> bytes:
    """The chart of ``series`` drawn with the words of ``language``, as PNG bytes."""
    with using_language(language):
        texts = chart_texts(series)
    return await asyncio.to_thread(render_png, series, texts)


async def chart_of(code: str, records: Iterable[BillRecord], language: str) -> bytes | None:
    """The chart of ``code`` from its bills, or None when no bill says its kWh."""
    series = usage_series(code, records)
    return await chart_png(series, language) if series is not None else None
