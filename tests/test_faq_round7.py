"""Round 7 of issue 20: blind-7's kind of miss (docs/faq-engine.md, "Round 7").

A device or a metal thing that was touched and struck or shook the one who touched it is an
electric shock, whether the power is named or not; a touch that did nothing, a blow one gave
oneself, a phone screen, are not. The phrasings are the lead's own, not blind-7's rows."""

from __future__ import annotations

import pytest

from services.faq.safety import is_hazard


@pytest.mark.parametrize(
    "text",
    [
        "I touched the metal gate next to the transformer and it shook me",
        "touched the fence by the pole and it kicked me hard",
        "e preka kangjellen afer shtylles dhe me shkundi",
        "djali preku kutine e njehsorit dhe e hodhi prapa",
        "када сам дотакао славину тресло ме је",
        "dirnuo sam vrata ormarica brojila i udarilo me",
    ],
)
def test_a_touch_that_struck_back_is_a_shock(text: str) -> None:
    assert is_hazard(text)


@pytest.mark.parametrize(
    "text",
    [
        "I touched the meter screen and nothing happened",
        "e preka njehsorin po nuk me goditi",
        "dodirnuo sam ogradu, pa sam se udario u koleno",
        "kur e preka ekranin e telefonit u dridh",
    ],
)
def test_a_touch_that_did_nothing_is_no_hazard(text: str) -> None:
    assert not is_hazard(text)
