"""What a fault benchmark saw, per chat, from the fakes' record of every message attempt
(``api.attempts``: chat, outcome, when, text; :mod:`tests.fakes.holds`).

A chat got a message *once*, *twice or more*, or *never*. Copies beyond the first are judged
against what was in flight before them:

* ``after unanswered``: an earlier send to the chat was delivered but never answered (a hang
  past the client's timeout); the product's policy allows this copy for urgent messages;
* ``after crash``: an earlier copy was delivered within ``IN_FLIGHT`` seconds before its
  sender was killed or stalled, or ``ON_THE_WIRE`` after (the answer may never have been
  recorded);
* ``defect``: nothing explains it.

A chat never reached is ``lost after unanswered`` when a send to it was held and lost (a hang
or the black hole), else ``lost`` (refused, rejected or never tried).
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tests.fakes.holds import DELIVERED, Attempt

IN_FLIGHT = 35.0  # the bot's read timeout (30 s) and some
ON_THE_WIRE = 1.0  # a request written before the kill may reach the fake just after it
RESTORED_MARK = "💡"  # outage_restored's first character; outage messages start with "⚡"


def kind_of(text: str) -> str:
    return "restored" if text.startswith(RESTORED_MARK) else "outage"


@dataclass
class Tally:
    """Per-chat outcome counts of one message kind."""

    chats: int
    once: int = 0
    more: int = 0
    more_unanswered: int = 0
    more_crash: int = 0
    more_defect: int = 0
    never: int = 0
    never_after_unanswered: int = 0
    all_in: float | None = None  # seconds from ``since`` to the last chat's first copy
    extra_copies: int = 0


def by_chat(attempts: Iterable[Attempt], kind: str) -> dict[str, list[Attempt]]:
    chats: dict[str, list[Attempt]] = defaultdict(list)
    for attempt in attempts:
        if kind_of(attempt.text) == kind:
            chats[str(attempt.chat_id)].append(attempt)
    return chats


def first_copies(attempts: Iterable[Attempt], kind: str = "outage") -> dict[str, float]:
    """When each chat first got a message of ``kind``."""
    first: dict[str, float] = {}
    for attempt in attempts:
        if attempt.outcome in DELIVERED and kind_of(attempt.text) == kind:
            first.setdefault(str(attempt.chat_id), attempt.at)
    return first


def _copy_class(history: Sequence[Attempt], copy: Attempt, crashes: Sequence[float]) -> str:
    before = [a for a in history if a.at < copy.at]
    if any(a.outcome == "delivered_unanswered" for a in before):
        return "unanswered"
    delivered = [a.at for a in before if a.outcome in DELIVERED]
    crashed = [c for c in crashes if c <= copy.at]
    if any(c - IN_FLIGHT <= t <= c + ON_THE_WIRE for t in delivered for c in crashed):
        return "crash"
    return "defect"


def tally(
    attempts: Sequence[Attempt],
    chats: Sequence[str],
    since: float,
    kind: str = "outage",
    crashes: Sequence[float] = (),
) -> Tally:
    """Count ``chats`` by what reached them; a chat with copies counts in its worst class."""
    histories = by_chat(attempts, kind)
    result = Tally(len(chats))
    last_first = 0.0
    rank = {"unanswered": 0, "crash": 1, "defect": 2}
    for chat in chats:
        history = sorted(histories.get(chat, []), key=lambda a: a.at)
        copies = [a for a in history if a.outcome in DELIVERED]
        if not copies:
            result.never += 1
            if any(a.outcome in ("lost_unanswered", "black_hole") for a in history):
                result.never_after_unanswered += 1
            continue
        last_first = max(last_first, copies[0].at)
        if len(copies) == 1:
            result.once += 1
            continue
        result.more += 1
        result.extra_copies += len(copies) - 1
        worst = max((_copy_class(history, c, crashes) for c in copies[1:]), key=rank.__getitem__)
        setattr(result, f"more_{worst}", getattr(result, f"more_{worst}") + 1)
    if result.never == 0 and chats:
        result.all_in = last_first - since
    return result


def silence(attempts: Sequence[Attempt], start: float, end: float) -> tuple[float, float]:
    """For a fault from ``start`` to ``end``: the longest time without a send from ``start`` to
    the first send after ``end``, and the time from ``end`` to that send (``nan``: none).
    When nothing was sent after ``end`` (everything went out during the fault, as when a
    standby took over a stalled leader), the longest time without a send from ``start`` to
    the last send. Sends held by the black hole do not count as sends."""
    times = sorted(a.at for a in attempts if a.outcome != "black_hole" and a.at >= start)
    after = next((t for t in times if t >= end), None)
    if after is None:
        if not times:
            return float("nan"), float("nan")
        return max(b - a for a, b in itertools.pairwise([start, *times])), float("nan")
    points = [start, *[t for t in times if t < after], after]
    longest = max(b - a for a, b in itertools.pairwise(points))
    return longest, after - end
