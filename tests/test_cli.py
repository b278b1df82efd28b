"""The ``kesco-bot`` command line, run as a newcomer would, in a fresh working folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.channels.console import render, to_incoming
from handlers.messages import Button, OutgoingMessage
from tests.support.cli import kesco
from tests.support.faq import INTENTS, TOPICS, unsure_message

UNSURE = unsure_message()


def test_chat_is_scriptable_on_the_embedded_default(tmp_path: Path) -> None:
    script = "2\n/link dpr 100-001\n42.50\n/bill\n/pay\n"
    result = kesco(tmp_path, "chat", stdin=script)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "[1] Shqip" in out and "[2] English" in out
    assert "Done! DPR100001 (A*** K***) is linked to this chat." in out
    assert "Bill of DPR100001" in out and "€42.50" in out
    assert "code=DPR100001&amount=42.50" in out
    assert (tmp_path / "kesco.db").exists()
    again = kesco(tmp_path, "chat", stdin="/accounts\n")
    assert "DPR100001 – A*** K***" in again.stdout


def test_db_upgrade_and_demo_seed(tmp_path: Path) -> None:
    upgrade = kesco(tmp_path, "db", "upgrade")
    assert upgrade.returncode == 0 and "up to date" in upgrade.stdout
    seed = kesco(tmp_path, "demo", "seed", "--customers", "30")
    assert seed.returncode == 0 and "30 synthetic customers added" in seed.stdout
    seed_again = kesco(tmp_path, "demo", "seed", "--customers", "30")
    assert "0 synthetic customers added" in seed_again.stdout
    assert kesco(tmp_path, "demo", "seed", "--customers", "-1").returncode == 2


def test_faq_ask_json_and_stdin(tmp_path: Path) -> None:
    one = kesco(tmp_path, "faq", "ask", "--json", "where is my customer code on the bill")
    assert json.loads(one.stdout) == {
        "id": "customer-code",
        "score": json.loads(one.stdout)["score"],
        "lang": "en",
        "choices": [],
    }
    lines = kesco(
        tmp_path, "faq", "ask", "--json", "-", stdin="кад ће струја\nwho won the football match\n\n"
    ).stdout.splitlines()
    assert len(lines) == 3
    assert json.loads(lines[0])["id"] == "intent:outage" and json.loads(lines[0])["lang"] == "sr"
    assert json.loads(lines[1])["id"] is None
    unsure = json.loads(kesco(tmp_path, "faq", "ask", "--json", UNSURE).stdout)
    assert unsure["id"] is None and 2 <= len(unsure["choices"]) <= 3
    assert set(unsure["choices"]) <= set(TOPICS) | set(INTENTS)
    plain = kesco(tmp_path, "faq", "ask", "--lang", "sr-Latn", "how can I contact you")
    assert plain.stdout.startswith("contact\t") and "0800 791 00" in plain.stdout
    assert "Кол" not in plain.stdout


@pytest.mark.parametrize("args", [["--help"], ["faq", "ask", "--lang", "de", "x"], []])
def test_usage_errors_are_reported(tmp_path: Path, args: list[str]) -> None:
    result = kesco(tmp_path, *args)
    assert (result.returncode == 0) == (args == ["--help"])
    assert "usage: kesco-bot" in result.stdout + result.stderr


def test_console_renders_buttons_as_numbered_choices() -> None:
    replies = [
        OutgoingMessage("Hello", ((Button("Bill", payload="cmd:bill"),),)),
        OutgoingMessage("Pay", ((Button("Pay now", url="https://pay.test/x"),),)),
    ]
    text, buttons = render(replies)
    assert "  [1] Bill" in text and "  [2] Pay now → https://pay.test/x" in text
    pressed = to_incoming("1", buttons, "c")
    assert pressed is not None and pressed.payload == "cmd:bill" and pressed.text is None
    assert to_incoming("2", buttons, "c") is None
    typed = to_incoming(" 7 ", buttons, "c")
    assert typed is not None and typed.text == "7"
    assert to_incoming("   ", buttons, "c") is None


def test_an_amount_typed_during_the_proof_is_the_amount_not_a_button(tmp_path: Path) -> None:
    script = "2\n/link DPR100001\n1\n42.50\n/accounts\n"
    out = kesco(tmp_path, "chat", stdin=script).stdout
    assert "[#1] ✖ Cancel" in out  # while an amount is awaited, buttons are pressed with #n
    assert "Cancelled" not in out
    assert "That amount does not match the latest bill of DPR100001." in out
    assert "Done! DPR100001 (A*** K***) is linked to this chat." in out
