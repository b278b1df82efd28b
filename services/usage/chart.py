"""The consumption chart as a PNG: kWh per month for the last 12 months, each month beside the
same month a year earlier, estimated months hatched.

This is the one module that imports matplotlib, and only when the first chart is drawn (Agg,
no pyplot, no display), so that start-up and memory do not grow for chats that never ask.
Drawing is serialised by a lock (matplotlib's font cache is shared) and kept for the last few
charts (:func:`render_png` is pure: the same series and texts give the same bytes), so that the
picture Viber fetches from the bot's signed address is the one the chat was just shown.
"""

from __future__ import annotations

import io
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from services.usage.series import UsageSeries

WIDTH_PX, HEIGHT_PX, DPI = 800, 450, 100
THIS_YEAR_COLOUR = "#1f6fb2"
YEAR_BEFORE_COLOUR = "#b9c7d6"
CACHED_CHARTS = 32
PNG_OPTIONS = {"compress_level": 3}  # a little larger, much quicker than the default 6
_lock = threading.Lock()


@dataclass(frozen=True)
class ChartTexts:
    """The chart's words, in the chat's language (the drawing module translates nothing)."""

    title: str
    this_year: str
    year_before: str
    estimated: str
    unit: str
    month_labels: tuple[str, ...]


def _matplotlib() -> tuple[Any, Any]:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    return Figure, FigureCanvasAgg


def _value(kwh: Any) -> float:
    return float(kwh) if kwh is not None else float("nan")


@lru_cache(maxsize=CACHED_CHARTS)
def render_png(series: UsageSeries, texts: ChartTexts) -> bytes:
    """The chart of ``series`` as PNG bytes (:data:`WIDTH_PX` by :data:`HEIGHT_PX`)."""
    with _lock:
        return _draw(series, texts)


def _draw(series: UsageSeries, texts: ChartTexts) -> bytes:
    figure_class, canvas_class = _matplotlib()
    figure = figure_class(figsize=(WIDTH_PX / DPI, HEIGHT_PX / DPI), dpi=DPI)
    figure.subplots_adjust(left=0.08, right=0.98, top=0.9, bottom=0.1)
    canvas_class(figure)
    axes = figure.add_subplot()
    positions = list(range(len(series.months)))
    width = 0.4
    if series.has_year_before:
        axes.bar(
            [x - width / 2 for x in positions],
            [_value(month.year_before_kwh) for month in series.months],
            width,
            color=YEAR_BEFORE_COLOUR,
            label=texts.year_before,
        )
    shift = width / 2 if series.has_year_before else 0.0
    bars = axes.bar(
        [x + shift for x in positions],
        [_value(month.kwh) for month in series.months],
        width if series.has_year_before else 0.6,
        color=THIS_YEAR_COLOUR,
        label=texts.this_year,
    )
    estimated = [bar for bar, month in zip(bars, series.months, strict=True) if month.estimated]
    for bar in estimated:
        bar.set_hatch("///")
        bar.set_edgecolor("white")
    if estimated:
        axes.bar([0], [float("nan")], color=THIS_YEAR_COLOUR, hatch="///", label=texts.estimated)
    axes.set_xticks(positions, texts.month_labels, fontsize=9)
    axes.set_ylabel(texts.unit)
    axes.set_title(texts.title, fontsize=12)
    axes.grid(axis="y", alpha=0.3)
    axes.set_axisbelow(True)
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(frameon=False, fontsize=9, loc="upper left", ncols=3)
    axes.margins(y=0.15)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None}, pil_kwargs=PNG_OPTIONS)
    return buffer.getvalue()
