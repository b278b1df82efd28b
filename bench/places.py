"""Benchmark of outages aimed at places (issue 23): 2,000 places, 1,000,000 linked chats on
PostgreSQL, the real ``kesco-bot run``.

Run: ``python bench/places.py postgresql+asyncpg://postgres@127.0.0.1:5432/kesco_places_bench``
(or set ``KESCO_BENCH_DATABASE_URL``; the database is wiped, its name must contain "bench").
``--chats N`` (default 1,000,000), ``--places N`` (default 2,000), ``--idle S`` (default 5:
seconds the bot idles before the first event), ``--keep`` (use the chats an earlier run seeded).

It writes a place file of the shipped places and synthetic settlements (``bench-...``) up to
``--places`` (given to the bot as ``KESCO_PLACES_FILE``), seeds the chats: 90% linked to a code
at a settlement or neighbourhood (a fifth of them in Prishtina's neighbourhoods, the rest spread
over every settlement; each with a street, feeder and station), 3% linked to a code known only
at its municipality (an older backend), 7% following a place of any level. Then it starts the
bot without messengers (the fan-out queues the rows; nothing is sent) and publishes, one after
the other, an outage at a village, at the municipality of Prishtina and at the district of
Prishtina, each waited for to the end of its fan-out; and five more village outages while a
district's fan-out runs. It prints, for each, the events API's answer time and the fan-out's time
and rows. Targets: the events API under 100 ms, the fan-out under 2 minutes.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness as h  # noqa: E402
from sqlalchemy import text  # noqa: E402

from services.db import Database  # noqa: E402
from services.db.types import utcnow  # noqa: E402
from services.places.in_use import use_file  # noqa: E402
from services.places.loader import SHIPPED_FILE  # noqa: E402
from services.places.tree import PlaceTree  # noqa: E402

API_TARGET_MS, FANOUT_TARGET_S = 100.0, 120.0
LEAVES = ("settlement", "neighbourhood", "street")


def place_file(total: int, folder: Path) -> tuple[Path, PlaceTree]:
    """The shipped places and synthetic settlements up to ``total``, spread over the
    municipalities (a tenth of them neighbourhoods of Prishtina)."""
    shipped = SHIPPED_FILE.read_text(encoding="utf-8").rstrip("\n").splitlines()
    tree = use_file(str(SHIPPED_FILE))
    municipalities = [place.id for place in tree.of_level("municipality")]
    missing = max(0, total - len(tree))
    rows = []
    for n in range(missing):
        if n % 10 == 0:
            rows.append(f"bench-n{n}\tneighbourhood\tprishtine\tLagjja {n}\t\t\t\t\t\t\tbench")
        else:
            parent = municipalities[n % len(municipalities)]
            rows.append(f"bench-s{n}\tsettlement\t{parent}\tFshati {n}\t\t\t\t\t\t\tbench")
    path = folder / "places.tsv"
    path.write_text("\n".join([*shipped, *rows]) + "\n", encoding="utf-8")
    return path, use_file(str(path))


def _array(values: list[str]) -> str:
    return "ARRAY[" + ",".join(f"'{value}'" for value in values) + "]"


async def seed(url: str, tree: PlaceTree, count: int) -> None:
    """``count`` Telegram chats, linked or following (see the module's docstring)."""
    leaves = [place.id for place in tree.all() if place.level in LEAVES]
    city = [p for p in leaves if "prishtine" in tree.ancestors(p)]
    towns = [place.id for place in tree.of_level("municipality")]
    following = [place.id for place in tree.all()]

    def district(ids: list[str]) -> str:
        return _array([tree.district_of(i) or "DPR" for i in ids])

    place = (
        f"CASE WHEN g % 5 = 0 THEN ({_array(city)})[1 + (g / 5) % {len(city)}] "
        f"ELSE ({_array(leaves)})[1 + g % {len(leaves)}] END"
    )
    place_district = (
        f"CASE WHEN g % 5 = 0 THEN ({district(city)})[1 + (g / 5) % {len(city)}] "
        f"ELSE ({district(leaves)})[1 + g % {len(leaves)}] END"
    )
    statements = [
        "CREATE TEMP TABLE new_chats AS WITH inserted AS ("
        "INSERT INTO chats (channel, external_id, language, active, pushes, created_at, "
        f"last_seen_at) SELECT 'telegram', ({h.TELEGRAM_FIRST} + g)::text, "
        "(ARRAY['sq','en','sr','sr-Latn',NULL])[1 + g % 5], true, true, now(), now() "
        f"FROM generate_series(0, {count - 1}) g RETURNING id) "
        "SELECT id, (id % 100) AS kind, id AS g FROM inserted",
        "INSERT INTO chat_links (chat_id, customer_code, area_id, place_id, street, feeder, "
        f"station, created_at) SELECT id, {place_district} || lpad(id::text, 8, '0'), NULL, "
        f"{place}, 'rruga ' || (g % 300), 'F-' || (g % 4000), 'TS-' || (g % 20000), now() "
        "FROM new_chats WHERE kind < 90",
        "INSERT INTO chat_links (chat_id, customer_code, area_id, place_id, created_at) "
        f"SELECT id, ({district(towns)})[1 + g % {len(towns)}] || lpad(id::text, 8, '0'), "
        f"({_array(towns)})[1 + g % {len(towns)}], ({_array(towns)})[1 + g % {len(towns)}], "
        "now() FROM new_chats WHERE kind >= 90 AND kind < 93",
        "INSERT INTO area_follows (chat_id, area_id, created_at) "
        f"SELECT id, ({_array(following)})[1 + g % {len(following)}], now() "
        "FROM new_chats WHERE kind >= 93",
        "DROP TABLE new_chats",
        "ANALYZE",
    ]
    database = Database(url)
    try:
        async with database.engine.begin() as connection:
            for statement in statements:
                await connection.execute(text(statement))
    finally:
        await database.dispose()


def _load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


RUN = f"{time.time():.0f}"  # event ids of this run (a --keep run must not repeat the last's)


def outage(event_id: str, district: str, places: list[str]) -> dict[str, Any]:
    now = utcnow().isoformat()
    event_id = f"{event_id}-{RUN}"
    return {
        "id": event_id,
        "type": "outage.started",
        "occurred_at": now,
        "outage_id": f"OUT-{event_id}",
        "district": district,
        "places": places,
        "started_at": now,
        "reason": {"sq": "Defekt në rrjet", "en": "Network fault", "sr": "Квар на мрежи"},
    }


async def fanout_done(
    database: Database, event_id: str, give_up: float = 900.0
) -> tuple[int, bool]:
    """Wait for the fan-out of ``event_id``; its rows, and whether it finished."""
    deadline = time.monotonic() + give_up
    while True:
        async with database.engine.connect() as connection:
            row = (
                await connection.execute(
                    text(
                        "SELECT recipients, done_at IS NOT NULL FROM alert_fanouts "
                        "WHERE event_id = :id"
                    ),
                    {"id": event_id},
                )
            ).first()
        if row is not None and row[1]:
            return int(row[0]), True
        if time.monotonic() > deadline:
            return int(row[0]) if row else 0, False
        await asyncio.sleep(0.2)


async def timed(bot: h.KescoBot, database: Database, label: str, event: dict[str, Any]) -> dict:
    status, answer, took = await h.post_event(bot.port, event)
    posted = time.monotonic()
    rows, finished = await fanout_done(database, event["id"])
    seconds = time.monotonic() - posted
    ms = took * 1000
    verdict = "ok" if ms < API_TARGET_MS and seconds < FANOUT_TARGET_S and finished else "OVER"
    print(
        f"  {label:<34} events API {status} {answer.get('status')} in {ms:6.1f} ms; fan-out "
        f"{rows:>9,} rows in {seconds:6.1f} s{'' if finished else ' (unfinished)'}  [{verdict}]"
    )
    return {"ms": ms, "seconds": seconds, "rows": rows}


async def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", nargs="?")
    parser.add_argument("--chats", type=int, default=1_000_000)
    parser.add_argument("--places", type=int, default=2_000)
    parser.add_argument("--idle", type=float, default=5.0)
    parser.add_argument(
        "--keep", action="store_true", help="use the chats seeded by an earlier run as they are"
    )
    args = parser.parse_args(argv)
    url = h.database_url(args.url)
    folder = Path(tempfile.mkdtemp(prefix="kesco-places-bench-"))
    path, tree = place_file(args.places, folder)
    print(f"places: {len(tree):,} ({path}); chats: {args.chats:,}; load average {_load()}")
    if not args.keep:
        await h.reset(url)
        started = time.perf_counter()
        await seed(url, tree, args.chats)
        print(f"seeded in {time.perf_counter() - started:.0f} s")
    village = next(p.id for p in tree.of_level("settlement") if p.id.startswith("bench-"))
    village_district = tree.district_of(village) or "DPR"
    bot = await h.KescoBot(url, {"KESCO_PLACES_FILE": str(path)}, name="kesco-bot").start()
    database = Database(url)
    try:
        await asyncio.sleep(args.idle)
        events = [
            (f"a village ({village})", outage("v-1", village_district, [village])),
            ("a municipality (prishtine)", outage("m-1", "DPR", ["prishtine"])),
            ("a district (DPR)", outage("d-1", "DPR", ["DPR"])),
        ]
        for label, event in events:
            await timed(bot, database, label, event)
        status, _answer, _took = await h.post_event(bot.port, outage("d-2", "DPE", ["DPE"]))
        answers = []
        for n in range(5):
            _status, _answer, took = await h.post_event(
                bot.port, outage(f"v-busy-{n}", village_district, [village])
            )
            answers.append(took * 1000)
        print(
            f"  village outages during a district's fan-out: events API median "
            f"{statistics.median(answers):.1f} ms, max {max(answers):.1f} ms"
        )
        await fanout_done(database, f"v-busy-4-{RUN}")
        print(f"load average at the end {_load()}")
    finally:
        await database.dispose()
        await bot.stop()


if __name__ == "__main__":
    asyncio.run(main())
