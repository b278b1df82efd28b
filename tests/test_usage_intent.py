"""``intent:bill-high`` ("why is my bill so high?") as ``kesco-bot faq ask`` understands it, on
phrasings that are not among its training phrases, in Albanian, English and Serbian (Cyrillic
and Latin); a bill of another company stays out of scope, and "my bill" stays the bill."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.fakes.chat import FakeChat
from tests.support.cli import kesco

ASKED = {
    "pse më erdhi kaq e shtrenjtë fatura e nëntorit": "sq",
    "fatura e këtij muaji është shumë më e lartë se zakonisht, pse?": "sq",
    "pse kam me pagu kaq shume rryme kete muaj": "sq",
    "why is this bill so much higher than the last one": "en",
    "my electricity bill is way higher than normal, why": "en",
    "зашто је овај рачун много већи него прошли": "sr",
    "zašto mi je ovaj račun toliko visok": "sr",
    "račun za struju mi je mnogo veći nego inače, zašto": "sr",
}
OTHERS = {
    "my bill": "intent:bill",
    "fatura ime": "intent:bill",
    "My water bill is way too high, who do I complain to?": None,
}


def test_why_so_high_is_understood_in_every_language(tmp_path: Path) -> None:
    texts = [*ASKED, *OTHERS]
    answer = kesco(tmp_path, "faq", "ask", "--json", "-", stdin="\n".join(texts) + "\n")
    assert answer.returncode == 0, answer.stderr
    results = [json.loads(line) for line in answer.stdout.splitlines()]
    assert len(results) == len(texts)
    for text, result in zip(texts, results, strict=True):
        if text in ASKED:
            assert result["id"] == "intent:bill-high", (text, result)
            assert result["lang"] == ASKED[text], (text, result)
        else:
            assert result["id"] == OTHERS[text], (text, result)


@pytest.mark.db
async def test_a_typed_why_so_high_gets_the_explanation_of_the_linked_code(chat: FakeChat) -> None:
    await chat.say("/link DPR100001")
    await chat.say("42.50")
    await chat.say("why is my bill so much higher than last month?")
    assert chat.text.startswith("🔎 ") and "DPR100001" in chat.text, chat.text
    assert "usage:reading:DPR100001" in chat.payloads()
