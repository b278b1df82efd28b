"""``kesco-bot staff add|token|list``: the password from standard input, never an argument."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from bot.cli.main import main


@pytest.fixture
def cli_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "cli.db"
    monkeypatch.setenv("KESCO_DATABASE_URL", f"sqlite+aiosqlite:///{path}")
    monkeypatch.chdir(tmp_path)
    return path


def run(argv: list[str], stdin: str, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return main(argv)


def test_staff_add_token_and_list(
    cli_database: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    add = [
        "staff",
        "add",
        "--username",
        "Ana",
        "--role",
        "operator",
        "--districts",
        "dpr,DMI",
        "--password-stdin",
    ]
    assert run(add, "a good long password\n", monkeypatch) == 0
    assert "ana added: operator, DMI,DPR" in capsys.readouterr().out
    assert run(add, "a good long password\n", monkeypatch) == 2
    assert "username" in capsys.readouterr().err
    short = ["staff", "add", "--username", "bob", "--role", "admin", "--password-stdin"]
    assert run(short, "short\n", monkeypatch) == 2
    assert "password" in capsys.readouterr().err
    assert run(["staff", "token", "--username", "ana"], "", monkeypatch) == 0
    assert capsys.readouterr().out.startswith("kst_")
    assert run(["staff", "list"], "", monkeypatch) == 0
    out = capsys.readouterr().out
    assert out.startswith("ana\toperator\tDMI,DPR")
    assert "a good long password" not in out


def test_password_is_not_an_argument() -> None:
    with pytest.raises(SystemExit):
        main(["staff", "add", "--username", "x1", "--role", "admin", "--password", "secret123456"])
