"""Benchmark of delivery in field conditions (issues 13 and 18): the real ``kesco-bot run``
against fakes that misbehave as real services do, at the product's default retry settings; for
each fault, the chats reached once, twice or more, never, the time to reach them all, and how
long nothing was sent around the fault. Copies and losses are judged per chat against what was
in flight (``bench/field.py``).

Run: ``python bench/faults.py postgresql+asyncpg://postgres@127.0.0.1:5432/kesco_bench``
(the database is wiped; its name must contain "bench"). ``--chats N`` (default 1500 Telegram
and as many Viber chats), ``--only NAME`` (repeatable), ``--cap SECONDS`` (a run is cut that
long after its last event; default 1200), ``--outage SECONDS`` (default 600), ``--save FILE``
(every attempt of every scenario, one JSON object a line, to judge again with ``field.py``),
``--logs FOLDER`` (every bot's log, its lines timed from the outage's post). On Telegram each
bot has its own API URL, so every attempt names the bot that sent it: ``stalled-leader`` counts
what the stalled leader sent after it resumed (a deposed leader must send nothing).

Telegram (30 messages a second; the bot's read timeout is 30 s, the fakes hang for 45 s):

* ``mixed``: a fifth of the sends faulted: 429 (7%), 502 (7%), hangs past the timeout (6%,
  half of them delivered);
* ``hang-delivered`` / ``hang-lost``: a tenth of the sends hang past the timeout, delivered /
  never delivered;
* ``outage``: the Bot API answers 502 to everything for ``--outage`` seconds, a third of the way;
* ``refused``: connections refused for 2 minutes, a third of the way;
* ``black-hole``: connections accepted and never answered for 3 minutes, a third of the way;
* ``restore``: mixed faults; once the outage alert has settled, ``outage.restored`` is posted:
  chats told of the outage but never told power is back are counted;
* ``sigkill``: the bot is killed with SIGKILL a third of the way, then started again;
* ``database``: PostgreSQL is taken away for 60 s a third of the way (a TCP proxy is cut);
* ``takeover``: two instances; the one dispatching is killed a third of the way;
* ``stalled-leader``: two instances; the leader is stopped (SIGSTOP) for 60 s a third of the way.

Viber (``KESCO_VIBER_RATE`` 20 a second; delivered callbacks posted to the bot 0.5 s after each
delivery, none from the 5% of receivers offline):

* ``viber``: ``send_message`` with 5% 502s and 6% hangs past the timeout (half delivered);
* ``viber-broadcast``: ``KESCO_VIBER_BROADCAST=on``; the first broadcast call delivers to its
  300 receivers and hangs past the timeout.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import fault_kinds as k  # noqa: E402
import harness as h  # noqa: E402
from field import Tally, first_copies, kind_of, silence, tally  # noqa: E402
from trial import Spec, Trial, run  # noqa: E402

from tests.fakes.holds import DELIVERED  # noqa: E402
from tests.fakes.tcp_proxy import TcpProxy  # noqa: E402

HEADER = (
    "scenario        |  once | 2+ (unans/crash/DEFECT) | never (after unans) | all in    "
    "| silent / next send after fault | faults | notes"
)


def specs(outage: float) -> list[Spec]:
    viber = {"rate_5xx": 0.05, "rate_hang_delivered": 0.03, "rate_hang_lost": 0.03}
    return [
        Spec("mixed", k.shares(**k.MIXED)),
        Spec("hang-delivered", k.shares(rate_hang_delivered=0.10)),
        Spec("hang-lost", k.shares(rate_hang_lost=0.10)),
        Spec("outage", k.window(f"502 for {outage:.0f} s", outage, k.down_on, k.down_off)),
        Spec("refused", k.window("refused 120 s", 120, k.refuse, k.accept)),
        Spec("black-hole", k.window("black hole 180 s", 180, k.hole_on, k.hole_off)),
        Spec("restore", k.restore),
        Spec("sigkill", k.sigkill),
        Spec("database", k.nothing),  # the proxy's fault is added when it runs
        Spec("takeover", k.takeover, bots=2),
        Spec("stalled-leader", k.stalled_leader, bots=2),
        Spec("viber", k.shares(**viber), channel="viber", offline=0.05),
        Spec(
            "viber-broadcast",
            k.one_hung_broadcast,
            channel="viber",
            offline=0.05,
            settings={"KESCO_VIBER_BROADCAST": "on"},
        ),
    ]


def faults_seen(trial: Trial) -> int:
    api = trial.api
    refused = getattr(getattr(api, "flood", None), "refused", 0)
    return sum(api.faults.injected.values()) + refused + getattr(api, "broadcast_refused", 0)


def row(name: str, result: Tally, trial: Trial, extra: str = "") -> str:
    pauses = [silence(trial.api.attempts, start, end) for _label, start, end in trial.windows]
    pause = ", ".join(f"{h.duration(s)} / {h.duration(n)}" for s, n in pauses) or "-"
    all_in = h.duration(result.all_in) if result.all_in is not None else "not all"
    notes = "; ".join(
        [*trial.notes, *([extra] if extra else []), *(["cut at the cap"] if trial.cut else [])]
    )
    return (
        f"{name:15} | {result.once:>5,} | {result.more:>4,} ({result.more_unanswered:,}/"
        f"{result.more_crash:,}/{result.more_defect:,}){'':>9} | {result.never:>5,} "
        f"({result.never_after_unanswered:,}){'':>8} | {all_in:>9} | {pause:30} | "
        f"{faults_seen(trial):>6,} | {notes}"
    )


def report(trial: Trial) -> list[str]:
    attempts = list(trial.api.attempts)
    main = tally(attempts, trial.chats, trial.posted, "outage", trial.crashes)
    receipts = getattr(trial.api, "receipts", None)
    extra = (
        ""
        if receipts is None
        else (
            f"receipts posted {len(receipts.posted):,}, failed {receipts.failed:,}, "
            f"{len(trial.api.offline):,} receivers offline"
        )
    )
    if trial.deposed is not None:
        name, resumed = trial.deposed
        after = [a for a in attempts if a.sender == name and a.at >= resumed]
        extra = (
            f"the stalled leader sent {len(after):,} messages after it resumed "
            f"({sum(a.outcome in DELIVERED for a in after):,} delivered)"
        )
    lines = [row(trial.name, main, trial, extra)]
    if trial.restore_posted is not None:
        told = sorted(first_copies(attempts, "outage").keys() & set(trial.chats))
        back = tally(attempts, told, trial.restore_posted, "restored", trial.crashes)
        lines.append(
            row(
                "  power back",
                back,
                trial,
                f"{back.never:,} of {len(told):,} told of the outage never told power is back",
            )
        )
    return lines


def keep_logs(trial: Trial, folder: str) -> None:
    """Write the log of every bot the trial ran to ``folder/<scenario>-<bot>.log``, each line
    prefixed with its second since the outage was posted (as in ``--save``)."""
    Path(folder).mkdir(parents=True, exist_ok=True)
    for bot in trial.started:
        lines = [f"{at - trial.posted:9.3f} {line}" for at, line in bot.timed_lines]
        Path(folder, f"{trial.name}-{bot.name}.log").write_text("\n".join(lines) + "\n")


def save(trial: Trial, path: str) -> None:
    """Append the trial's attempts (times in seconds from the outage's post) to ``path``."""
    with open(path, "a", encoding="utf-8") as out:
        for chat, outcome, at, message, sender in trial.api.attempts:
            out.write(
                json.dumps(
                    {
                        "scenario": trial.name,
                        "chat": str(chat),
                        "outcome": outcome,
                        "at": round(at - trial.posted, 3),
                        "kind": kind_of(message),
                        "sender": sender,
                    }
                )
                + "\n"
            )
        marks = {
            "windows": [
                (label, start - trial.posted, end - trial.posted)
                for label, start, end in trial.windows
            ],
            "crashes": [c - trial.posted for c in trial.crashes],
        }
        out.write(json.dumps({"scenario": trial.name, **marks}) + "\n")


async def run_one(spec: Spec, url: str, chats: list[str], viber: list[str], cap: float) -> Trial:
    audience = viber if spec.channel == "viber" else chats
    if spec.name != "database":
        return await run(spec, url, url, audience, cap)
    location = url.split("@", 1)[1].split("/", 1)[0]
    host, port = location.split(":") if ":" in location else (location, "5432")
    async with TcpProxy(host, int(port)) as proxy:
        spec = Spec("database", k.database_away(proxy))
        return await run(spec, proxy.url(url), url, audience, cap)


async def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", nargs="?")
    parser.add_argument("--chats", type=int, default=1500)
    parser.add_argument("--cap", type=float, default=1200.0)
    parser.add_argument("--outage", type=float, default=600.0)
    parser.add_argument("--save", metavar="FILE")
    parser.add_argument("--logs", metavar="FOLDER", help="keep every bot's log there")
    names = [spec.name for spec in specs(600)]
    parser.add_argument("--only", action="append", choices=names)
    args = parser.parse_args(argv)
    url = h.database_url(args.url)
    await h.reset(url)
    chats = await h.seed(url, "telegram", "DPR", args.chats)
    viber = await h.seed(url, "viber", "DPZ", args.chats, first=args.chats)
    wanted = set(args.only or names)
    print(
        f"{args.chats:,} Telegram chats (30/s) and {args.chats:,} Viber chats (20/s), one "
        f"outage alert each, default retry settings; load average "
        f"{os.getloadavg()[0]:.2f}\n"
    )
    print(HEADER, flush=True)
    lines = []
    for spec in specs(args.outage):
        if spec.name in wanted:
            started, load = time.monotonic(), os.getloadavg()[0]
            trial = await run_one(spec, url, chats, viber, args.cap)
            if args.save:
                save(trial, args.save)
            if args.logs:
                keep_logs(trial, args.logs)
            for line in report(trial):
                print(line, flush=True)
                lines.append(line)
            print(
                f"    ({spec.name}: {h.duration(time.monotonic() - started)} in all; load "
                f"average {load:.2f} at its start, {os.getloadavg()[0]:.2f} at its end)",
                file=sys.stderr,
                flush=True,
            )
    print("\n" + HEADER)
    print("\n".join(lines))
    print(
        "\nonce/2+/never: chats by the outage message's copies; 2+ split by what explains the "
        "copies (an unanswered send before them / a sender killed or stalled with it in "
        "flight / nothing: a defect); never (after unans): of them, chats whose send was held "
        "and lost; silent: the longest time without a send from a fault's start to the first "
        "send after its end; next send: from its end to that send."
    )


if __name__ == "__main__":
    asyncio.run(main())
