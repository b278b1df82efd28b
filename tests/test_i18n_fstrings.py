"""A message translated inside an f-string is invisible to the catalog tools (Python 3.11
tokenizes an f-string as one string): every ``_("...")`` must stand outside f-strings."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSLATORS = {"_", "N_", "ngettext"}


def _translations_in_fstrings(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.JoinedStr):
            continue
        for inner in ast.walk(node):
            if (
                isinstance(inner, ast.Call)
                and isinstance(inner.func, ast.Name)
                and inner.func.id in TRANSLATORS
                and inner.args
                and isinstance(inner.args[0], ast.Constant)
            ):
                found.append(f"{path.relative_to(ROOT)}:{inner.lineno}: {inner.args[0].value!r}")
    return found


def test_no_message_is_translated_inside_an_f_string() -> None:
    found = [
        hit
        for package in ("bot", "handlers", "services")
        for path in sorted((ROOT / package).rglob("*.py"))
        for hit in _translations_in_fstrings(path)
    ]
    assert found == []
