"""Round 10 of issue 20: blind-10's kinds of miss (docs/faq-engine.md, "Round 10").

A bill that "is fire" is dear, not burning; "reduktime" now are the cuts (the outages and the
rotating cuts), a timetable of them ahead is the planned works; "send me a message every time"
in Gheg is the alerts; a private electrician is not KESCO's matter, a meter to be checked is.
The phrasings are the lead's own, not blind-10's rows."""

from __future__ import annotations

import pytest

from services.faq import FaqEngine
from services.faq.safety import is_hazard


@pytest.fixture(scope="module")
def engine() -> FaqEngine:
    return FaqEngine.load()


@pytest.mark.parametrize(
    "text", ["fatura osht zjarr kete muaj, kush e lexon sahatin", "racun je vatra ovaj mesec"]
)
def test_a_bill_that_is_fire_is_no_hazard(text: str) -> None:
    assert not is_hazard(text)


def test_a_meter_on_fire_is_still_a_hazard() -> None:
    assert is_hazard("fatura e pagume, po njehsori po digjet")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pse ka reduktime tash ne lagjen tone", "intent:outage"),
        ("orari i reduktimeve per javen tjeter", "intent:planned-work"),
        ("ma qoni nje mesazh sa her ka punime ne rrugen tone", "intent:alerts"),
        ("sa kushton nje elektricist privat per instalimin e rrymes", None),
        ("brojilo mi pogresno meri struju, hocu da neko proveri", "contact"),
    ],
)
def test_round_10_readings(engine: FaqEngine, text: str, expected: str | None) -> None:
    assert engine.understand(text).id == expected
