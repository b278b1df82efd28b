"""What the answers staff keep cost: building the engine with staff topics (what an instance
does when a new version is published, and at start when one is), the resident memory while the
old and the new engine are both held (the swap), and the time per message with staff topics.

Run: ``python bench/faq_live.py [--topics N]`` (pin it to one core: ``taskset -c 0``). The
topics are synthetic (N topics of six example questions each, in the three languages).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from services.faq import FaqEngine  # noqa: E402
from services.faq.evaluation import read_questions  # noqa: E402
from services.knowledge.building import build_engine  # noqa: E402
from services.knowledge.topics import StaffTopic  # noqa: E402

EVAL = ROOT / "tests" / "faq_eval" / "questions.tsv"


def topics(count: int) -> list[StaffTopic]:
    """``count`` synthetic staff topics, six example questions each."""
    return [
        StaffTopic(
            f"staff-topic-{n}",
            {"sq": f"Tema {n}", "en": f"Topic {n}", "sr": f"Тема {n}"},
            {"sq": f"Përgjigja {n}.", "en": f"Answer {n}.", "sr": f"Одговор {n}."},
            {
                "sq": (f"pyetja numer {n} per zyren", f"ku eshte zyra {n}"),
                "en": (f"question number {n} about the office", f"where is office {n}"),
                "sr": (f"pitanje broj {n} o kancelariji", f"gde je kancelarija {n}"),
            },
        )
        for n in range(count)
    ]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--topics", type=int, default=20)
    args = parser.parse_args(argv)
    started, cpu = time.perf_counter(), time.process_time()
    FaqEngine.load()
    print(
        f"built-in engine (imports included): {time.perf_counter() - started:.2f} s wall, "
        f"{time.process_time() - cpu:.2f} s CPU"
    )
    started, cpu = time.perf_counter(), time.process_time()
    engine = build_engine(topics(args.topics))
    print(
        f"with {args.topics} staff topics: {time.perf_counter() - started:.2f} s wall, "
        f"{time.process_time() - cpu:.2f} s CPU (a version applied)"
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"resident memory, peak, with both engines held: {peak:.0f} MB")
    questions = [q.text for q in read_questions(EVAL)]
    times = []
    for _ in range(3):
        for text in questions:
            start = time.thread_time()
            engine.understand(text)
            times.append((time.thread_time() - start) * 1000)
    times.sort()
    print(
        f"per message with staff topics (CPU): median {statistics.median(times):.2f} ms, "
        f"p99 {times[int(0.99 * len(times))]:.2f} ms"
    )


if __name__ == "__main__":
    main()
