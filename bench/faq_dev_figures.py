"""Compact figures of development sets written like the blind sets (five columns), one line each.

Run: ``python bench/faq_dev_figures.py FILE... [--misses]``. For each file: right outright and
right at most one tap away (all rows), right outright in scope per language and script, danger
recall, false alarms and out-of-scope refused (:mod:`services.faq.blind_figures`). ``--misses``
also lists the rows it gets wrong (what was expected, what the engine did): for development
sets only, never for a sealed blind set.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from services.faq import blind_figures  # noqa: E402
from services.faq.engine import FaqEngine  # noqa: E402
from services.faq.evaluation import GROUPS, read_questions  # noqa: E402


def line(name: str, figures: blind_figures.BlindFigures) -> str:
    """One line of a set's figures."""
    every = figures.slices["all"]
    languages = " ".join(
        f"{group} {cell.right}/{cell.rows}"
        for group in GROUPS
        if (cell := figures.slices.get(f"in-scope {group}")) is not None
    )
    return (
        f"{name}: right {every.right}/{every.rows}, one tap {every.one_tap}/{every.rows}; "
        f"in scope {languages}; danger {figures.danger[0]}/{figures.danger[1]}, "
        f"false alarms {figures.false_alarms[0]}/{figures.false_alarms[1]}, "
        f"refused {figures.refused[0]}/{figures.refused[1]}"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+")
    parser.add_argument("--misses", action="store_true", help="list the misses (dev sets only)")
    args = parser.parse_args(argv)
    engine = FaqEngine.load()
    for path in map(Path, args.files):
        questions = read_questions(path)
        print(line(path.name, blind_figures.score(engine, questions)))
        if not args.misses:
            continue
        for question in questions:
            result = engine.understand(question.text)
            if question.accepts(result.id) and not result.choices:
                continue
            tap = "tap" if blind_figures.one_tap(question, result) else "MISS"
            expected = "|".join(str(one) for one in (question.expected, *question.also))
            print(
                f"  {tap} [{question.group} {question.style}] {question.text!r}: want {expected}, "
                f"got {result.id} {result.score:.2f} {list(result.choices)}"
            )


if __name__ == "__main__":
    main()
