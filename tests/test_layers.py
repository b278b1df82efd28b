"""The direction of every import between the four packages: bot -> handlers -> services ->
locales. A package may import itself and the packages to its right, never one to its left;
handlers/ and services/ import no messenger SDK and no web server (an HTTP client is fine)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ("bot", "handlers", "services", "locales")
SDKS = ("telegram", "viberbot", "aiohttp.web")


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """Every absolute module ``path`` imports, with its line (lazy imports included)."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return found


def files_of(package: str, root: Path = ROOT) -> list[Path]:
    return sorted(p for p in (root / package).rglob("*.py") if "migrations" not in p.parts)


def violations(package: str, root: Path = ROOT) -> list[str]:
    """One line per import statement of ``package`` that points the wrong way."""
    allowed = set(LAYERS[LAYERS.index(package) :])
    forbidden = set(LAYERS) - allowed
    if package != "bot":
        forbidden |= set(SDKS)
    found: dict[tuple[Path, int], str] = {}
    for path in files_of(package, root):
        for line, module in imported_modules(path):
            wrong = any(module == name or module.startswith(name + ".") for name in forbidden)
            if wrong:
                found.setdefault((path, line), f"{path.relative_to(root)}:{line} imports {module}")
    return list(found.values())


@pytest.mark.parametrize("package", LAYERS)
def test_imports_only_point_down(package: str) -> None:
    assert files_of(package), f"{package}/ has no Python files"
    assert violations(package) == []


def test_the_check_sees_a_wrong_import(tmp_path: Path) -> None:
    (tmp_path / "services").mkdir()
    (tmp_path / "services" / "wrong.py").write_text(
        "import os\nfrom locales import languages\nfrom aiohttp import ClientSession, web\n"
        "def f():\n    from handlers.messages import OutgoingMessage\n"
    )
    assert violations("services", tmp_path) == [
        "services/wrong.py:3 imports aiohttp.web",
        "services/wrong.py:5 imports handlers.messages",
    ]
