"""``kesco-bot faq ask``: what the bot understands from a message, for people and scripts."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable

from locales import languages
from services.faq import FaqEngine, Understanding


def _line(understanding: Understanding, as_json: bool) -> str:
    """One line: JSON with ``choices`` (the ids the bot would ask back with), or tab-separated
    id, score, language and, when it would ask back, the choices joined by ``|``."""
    if as_json:
        return json.dumps(
            {
                "id": understanding.id,
                "score": understanding.score,
                "lang": understanding.lang,
                "choices": list(understanding.choices),
            },
            ensure_ascii=False,
        )
    line = f"{understanding.id or 'null'}\t{understanding.score:.4f}\t{understanding.lang}"
    return f"{line}\t{'|'.join(understanding.choices)}" if understanding.choices else line


def ask(text: str, language: str | None, as_json: bool) -> int:
    """Print what ``text`` is understood as; ``-`` reads one message per line from stdin."""
    engine = FaqEngine.load()
    hint = languages.catalog_of(language) if language else None
    if text == "-":
        _answer_lines(engine, sys.stdin, hint, as_json)
        return 0
    understanding = engine.understand(text, hint)
    print(_line(understanding, as_json))
    if not as_json and understanding.id in engine.topic_ids:
        answer = engine.answer(understanding.id, language or understanding.lang)
        print(answer.text)
        for button in answer.buttons:
            print(f"  [{button.label}] {button.url or button.action}")
    return 0


def _answer_lines(engine: FaqEngine, lines: Iterable[str], hint: str | None, as_json: bool) -> None:
    for line in lines:
        print(_line(engine.understand(line.rstrip("\n"), hint), as_json), flush=True)
