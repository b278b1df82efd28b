"""Benchmark of the FAQ engine: figures per language and script, time per question, memory.

Run: ``python bench/faq.py [--rounds N] [--errors]``. Loads the engine once under tracemalloc
(the memory figure is what the loaded model keeps allocated), runs every evaluation question
``N`` times and prints the median and 99th percentile time per question, then the top-1
accuracy, refusal and language detection per language and script (sq, en, sr-Cyrl, sr-Latn)
on the whole set and on the held-out half. ``--errors`` lists the misses of the tuning half
(never those of the held-out half: tune on the half you may look at). ``--dev FILE...`` also
prints the figures of development question files (``tests/faq_eval/dev-*.tsv``), figures only.
``--blind FILE`` prints the aggregate figures of a blind set (five columns: text, expected id(s),
lang, style, kind) and its sha256, never a row: the way to score a sealed set once.
"""

from __future__ import annotations

import argparse
import hashlib
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from services.faq import blind_figures  # noqa: E402
from services.faq.engine import FaqEngine  # noqa: E402
from services.faq.evaluation import evaluate, read_questions, table, tuning_half  # noqa: E402
from services.faq.knowledge import (  # noqa: E402
    load_entries,
    load_everyday_words,
    load_examples,
)

EVAL = ROOT / "tests" / "faq_eval" / "questions.tsv"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20, help="runs of the whole eval set")
    parser.add_argument("--errors", action="store_true", help="list the tuning half's misses")
    parser.add_argument("--dev", nargs="*", default=[], help="development question files")
    parser.add_argument("--blind", help="a blind set: aggregate figures only, no rows")
    args = parser.parse_args(argv)
    if args.blind:
        path = Path(args.blind)
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        figures = blind_figures.score(FaqEngine.load(), read_questions(path))
        print(f"{path.name} sha256 {digest}\n\n{blind_figures.table(figures)}")
        return

    tracemalloc.start()
    before = tracemalloc.take_snapshot()
    started = time.perf_counter()
    engine = FaqEngine(load_entries(), load_everyday_words(), load_examples())  # a fresh build
    load_seconds = time.perf_counter() - started
    after = tracemalloc.take_snapshot()
    tracemalloc.stop()
    model_bytes = sum(stat.size_diff for stat in after.compare_to(before, "filename"))

    questions = read_questions(EVAL)
    wall: list[float] = []
    cpu: list[float] = []
    for _ in range(args.rounds):
        for question in questions:
            start, start_cpu = time.perf_counter(), time.thread_time()
            engine.understand(question.text)
            cpu.append((time.thread_time() - start_cpu) * 1000)
            wall.append((time.perf_counter() - start) * 1000)
    print(f"questions: {len(questions)} x {args.rounds} rounds = {len(wall)} calls")
    print(f"load: {load_seconds * 1000:.0f} ms, model memory: {model_bytes / 1e6:.2f} MB")
    print(f"per question (wall clock): {_spread(wall)}")
    print(f"per question (CPU time of this thread, without waits for other jobs): {_spread(cpu)}")
    print(f"resident memory of this process, peak: {_peak_rss_mb():.0f} MB")
    print(_startup())
    print(table(engine, questions))
    for path in args.dev:
        print(f"{Path(path).name}: {evaluate(engine, read_questions(Path(path))).summary()}")
    if args.errors:
        print("\n".join(evaluate(engine, tuning_half(questions)).errors))


STARTUP = (
    "import resource, time; t = time.perf_counter(); c = time.process_time(); "
    "from services.faq import FaqEngine; FaqEngine.load(); "
    "print(f'{time.perf_counter() - t:.2f} {time.process_time() - c:.2f} '"
    "f'{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}')"
)


def _startup() -> str:
    """What the engine adds to a fresh process's start-up: imports and building, and the
    process's peak resident memory with the engine loaded."""
    out = subprocess.run(
        [sys.executable, "-c", STARTUP], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    return (
        f"start-up in a fresh process (imports and build): {out[0]} s wall, {out[1]} s CPU; "
        f"peak resident memory there: {out[2]} MB"
    )


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _spread(timings: list[float]) -> str:
    ordered = sorted(timings)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return f"median {statistics.median(ordered):.3f} ms, p99 {p99:.3f} ms"


if __name__ == "__main__":
    main()
