"""The faults of ``bench/faults.py``, each a coroutine run right after the outage is posted.

A fault that lasts a while notes its window (``Trial.windows``), one that kills or stalls a
sender notes the moment (``Trial.crashes``), so the report can tell how long nothing was sent
and which copies the sends in flight explain.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

import harness as h
from trial import Fault, Trial, first_alive, restored

from tests.fakes.tcp_proxy import TcpProxy

Toggle = Callable[[Trial], Awaitable[None]]


async def nothing(_trial: Trial) -> None:
    return None


def shares(**rates: float) -> Fault:
    """Faults drawn per message call from the start: ``rate_429=0.07`` and so on."""

    async def fault(trial: Trial) -> None:
        for name, value in rates.items():
            setattr(trial.api.faults, name, value)

    return fault


MIXED = {"rate_429": 0.07, "rate_5xx": 0.07, "rate_hang_delivered": 0.03, "rate_hang_lost": 0.03}


def window(label: str, seconds: float, on: Toggle, off: Toggle) -> Fault:
    """``on`` a third of the way, ``off`` ``seconds`` later."""

    async def fault(trial: Trial) -> None:
        await trial.wait_share(1 / 3)
        started = time.monotonic()
        await on(trial)
        await asyncio.sleep(seconds)
        await off(trial)
        trial.windows.append((label, started, time.monotonic()))

    return fault


async def down_on(trial: Trial) -> None:
    trial.api.faults.down = True


async def down_off(trial: Trial) -> None:
    trial.api.faults.down = False


async def hole_on(trial: Trial) -> None:
    trial.api.faults.black_hole = True


async def hole_off(trial: Trial) -> None:
    trial.api.faults.black_hole = False


async def refuse(trial: Trial) -> None:
    await trial.api.refuse_connections()


async def accept(trial: Trial) -> None:
    await trial.api.accept_connections()


async def restore(trial: Trial) -> None:
    """Mixed faults throughout; once the outage alert has settled, power is back."""
    await shares(**MIXED)(trial)
    await trial.settle()
    trial.cut = False
    await h.post_event(first_alive(trial).port, restored(f"fault-{trial.name}"))
    trial.restore_posted = time.monotonic()


async def one_hung_broadcast(trial: Trial) -> None:
    """The first ``broadcast_message`` call delivers and hangs past the timeout."""
    faults = trial.api.faults
    faults.rate_hang_delivered = 1.0
    while faults.injected["hang_delivered"] < 1 and time.monotonic() - trial.posted < 600:
        await asyncio.sleep(0.01)
    faults.rate_hang_delivered = 0.0


async def sigkill(trial: Trial) -> None:
    await trial.wait_share(1 / 3)
    bot = trial.bots[0]
    killed = time.monotonic()
    bot.kill()
    trial.crashes.append(killed)
    assert bot.process is not None
    await bot.process.wait()
    trial.bots[0] = await trial.start_bot("restarted")
    trial.windows.append(("killed, restarted", killed, time.monotonic()))


async def takeover(trial: Trial) -> None:
    await trial.wait_share(1 / 3)
    leader = next(bot for bot in trial.bots if bot.leading)
    killed = time.monotonic()
    leader.kill()
    trial.crashes.append(killed)
    trial.windows.append(("leader killed", killed, killed))


async def stalled_leader(trial: Trial, seconds: float = 60.0) -> None:
    """SIGSTOP the leader for ``seconds``; note whether and when the standby took over."""
    await trial.wait_share(1 / 3)
    leader = next(bot for bot in trial.bots if bot.leading)
    standby = next(bot for bot in trial.bots if bot is not leader)
    stopped = time.monotonic()
    leader.pause()
    trial.crashes.append(stopped)
    took_over: float | None = None
    while time.monotonic() - stopped < seconds:
        if took_over is None and standby.leading:
            took_over = time.monotonic() - stopped
        await asyncio.sleep(0.2)
    leader.resume()
    trial.deposed = (leader.name, time.monotonic())
    trial.windows.append(("leader stalled", stopped, time.monotonic()))
    trial.notes.append(
        "standby took over after " + h.duration(took_over)
        if took_over is not None
        else f"standby did not take over in {seconds:.0f} s"
    )


def database_away(proxy: TcpProxy, seconds: float = 60.0) -> Fault:
    async def cut(_trial: Trial) -> None:
        proxy.cut()

    async def back(_trial: Trial) -> None:
        proxy.restore()

    return window("database away", seconds, cut, back)
