"""How the method generalises: each blind-authored set scored by an engine that never learnt it.

Run: ``python bench/faq_holdout.py [--rows]``. For each of ``tests/faq_eval/dev-blind-*.tsv``
(sets written blind, by someone who never saw the training data; their misses were looked at
afterwards, so they are development material now), builds the engine from the knowledge base
and every example except that set's own rows (``examples/development.tsv`` holds the rows of
the blind-1 set; blind-2 was never added), and prints the set's aggregate figures
(:mod:`services.faq.blind_figures`). ``--rows`` also lists the rows it gets wrong: for
development sets only, never for a sealed blind set. Also prints the safety check's figures
over every evaluation set but the blind sets (danger recall and false alarms).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from services.faq import blind_figures  # noqa: E402
from services.faq.engine import DANGER, FaqEngine  # noqa: E402
from services.faq.evaluation import read_questions  # noqa: E402
from services.faq.knowledge import load_entries, load_everyday_words, load_examples  # noqa: E402

EVAL_DIR = ROOT / "tests" / "faq_eval"


def engine_without(texts: set[str]) -> FaqEngine:
    """An engine built from every example except those whose text is in ``texts``."""
    examples = [(text, label) for text, label in load_examples() if text not in texts]
    return FaqEngine(load_entries(), load_everyday_words(), examples)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", action="store_true", help="list the misses (dev sets only)")
    args = parser.parse_args(argv)
    for path in sorted(EVAL_DIR.glob("dev-blind-*.tsv")):
        questions = read_questions(path)
        engine = engine_without({q.text for q in questions})
        figures = blind_figures.score(engine, questions)
        print(f"## {path.name}, never learnt\n\n{blind_figures.table(figures)}\n")
        if args.rows:
            for question in questions:
                result = engine.understand(question.text)
                if not (question.accepts(result.id) and not result.choices):
                    tap = "tap " if blind_figures.one_tap(question, result) else "MISS"
                    print(
                        f"{tap} {question.group:7} {question.kind:12} {question.expected} "
                        f"-> {result.id} {list(result.choices)}: {question.text}"
                    )
            print()
    engine = FaqEngine.load()
    sets = [path for path in sorted(EVAL_DIR.glob("*.tsv")) if not path.name.startswith("blind-")]
    every = [q for path in sets for q in read_questions(path)]
    danger = [q for q in every if q.accepts(DANGER)]
    others = [q for q in every if not q.accepts(DANGER)]
    found = sum(engine.understand(q.text).id == DANGER for q in danger)
    alarms = [q for q in others if engine.understand(q.text).id == DANGER]
    print(
        f"safety over every set: danger {found}/{len(danger)}, "
        f"false alarms {len(alarms)}/{len(others)}"
    )
    if args.rows:
        for question in alarms:
            print(f"ALARM {question.text}")


if __name__ == "__main__":
    main()
