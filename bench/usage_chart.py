"""How long drawing one consumption chart takes, and what it costs in memory.

    .venv/bin/python bench/usage_chart.py [--charts N]

Draws the demo customer DPR100001's chart (the last 12 months beside the year before, Serbian
Cyrillic words) N times, bypassing the cache, and prints the first chart's time (matplotlib's
import and font cache included), the median and worst of the others in ms (wall and CPU),
the PNG's size, and the process's memory before matplotlib is imported and after (MB, peak
resident set). The bar: under 300 ms a chart.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from datetime import date
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from locales.i18n import using_language  # noqa: E402
from services.backend.base import BillRecord  # noqa: E402
from services.backend.demo_history import history  # noqa: E402
from services.usage import chart  # noqa: E402
from services.usage.picture import chart_texts  # noqa: E402
from services.usage.series import usage_series  # noqa: E402


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--charts", type=int, default=20)
    charts = parser.parse_args().charts
    dates = (date(2026, 12, 1), date(2026, 12, 22), None)
    specs = history("DPR100001", "2026-11", Decimal("42.50"), dates)
    records = [
        BillRecord(
            "DPR100001",
            s.period,
            s.amount,
            "EUR",
            s.due_date,
            s.paid_on,
            MappingProxyType({k: Decimal(v) for k, v in s.consumption_kwh.items()}),
            s.reading,
            s.period_start,
            s.period_end,
        )
        for s in specs
    ]
    series = usage_series("DPR100001", records)
    assert series is not None
    with using_language("sr"):
        texts = chart_texts(series)
    before = peak_mb()
    assert "matplotlib" not in sys.modules
    walls, cpus, size = [], [], 0
    for _ in range(charts + 1):
        wall, cpu = time.perf_counter(), time.process_time()
        size = len(chart._draw(series, texts))
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    first, rest, rest_cpu = walls[0], walls[1:], cpus[1:]
    print(f"first chart (import included): {first:.0f} ms")
    print(
        f"per chart over {charts}: median {statistics.median(rest):.0f} ms wall, "
        f"{statistics.median(rest_cpu):.0f} ms CPU; worst {max(rest):.0f} ms wall"
    )
    print(f"PNG: {size / 1024:.0f} KB, {chart.WIDTH_PX}x{chart.HEIGHT_PX}")
    print(f"memory: {before:.0f} MB before matplotlib, {peak_mb():.0f} MB after (peak RSS)")


if __name__ == "__main__":
    main()
