"""One table of place names: every district and area in Albanian, English and Serbian (both
scripts), used by the district picker, alerts, /outages and the staff page."""

from __future__ import annotations

import re

import pytest

from locales.languages import CODES
from services.areas import all_areas, district_name, places
from services.customer_codes import DISTRICTS


def test_every_district_and_area_is_named_in_every_language() -> None:
    for code in DISTRICTS:
        for language in CODES:
            assert district_name(code, language)
    for area in all_areas().values():
        assert area.district in DISTRICTS
        assert set(area.names) == {"sq", "en", "sr", "sq_in", "sr_gen", "sr_loc"}, area.id
        for serbian in ("sr", "sr_gen", "sr_loc"):
            assert re.search("[\u0400-\u04ff]", area.names[serbian]), area.id
        assert not re.search("[\u0400-\u04ff]", area.name("sr-Latn")), area.id


@pytest.mark.parametrize(
    ("code", "language", "name"),
    [
        ("DPR", "sr", "Приштина"),
        ("DPE", "sr", "Пећ"),
        ("DGL", "sr-Latn", "Gnjilane"),
        ("DGJ", "sr", "Ђаковица"),
        ("DGJ", "sq", "Gjakovë"),
        ("DPR", "en", "Prishtina"),
    ],
)
def test_district_names_are_in_the_readers_language(code: str, language: str, name: str) -> None:
    assert district_name(code, language) == name


def test_albanian_names_read_naturally() -> None:
    names = {area.id: area.name("sq") for area in all_areas().values()}
    assert names["mitrovice-jug"] == "Mitrovicë e Jugut"
    assert names["mitrovice-veri"] == "Mitrovicë e Veriut"
    assert set(places().districts) == set(DISTRICTS)


@pytest.mark.parametrize(
    ("language", "written"),
    [
        ("sq", "e diel, 29 nëntor, 14:05"),
        ("en", "Sunday, 29 November, 14:05"),
        ("sr", "недеља, 29. новембар, 14:05"),
        ("sr-Latn", "nedelja, 29. novembar, 14:05"),
    ],
)
def test_alert_times_write_weekday_and_month_in_full(language: str, written: str) -> None:
    from datetime import UTC, datetime

    from services.alerts.texts import when

    assert when(datetime(2026, 11, 29, 13, 5, tzinfo=UTC), language) == written


def test_short_times_in_kosovo_time_in_each_language() -> None:
    from datetime import UTC, datetime

    from services.notices.titles import notice_title, short_time

    now = datetime(2026, 11, 20, 21, 30, tzinfo=UTC)  # 22:30 in Kosovo
    assert short_time(datetime(2026, 11, 20, 23, 15, tzinfo=UTC), "en", now) == "tomorrow 00:15"
    assert short_time(datetime(2026, 11, 20, 6, 0, tzinfo=UTC), "sq", now) == "sot 07:00"
    assert short_time(datetime(2026, 11, 19, 22, 0, tzinfo=UTC), "sr", now) == "јуче 23:00"
    assert short_time(datetime(2026, 11, 1, 9, 0, tzinfo=UTC), "en", now) == "Sun 1 Nov, 10:00"
    assert short_time(datetime(2030, 1, 1, 17, 0, tzinfo=UTC), "en", now) == "Tue 1 Jan 2030, 18:00"
    title = notice_title(
        "outage",
        ["kodra-e-diellit", "dardania", "ulpiana", "lipjan"],
        datetime(2026, 11, 20, 20, 0, tzinfo=UTC),
        "sr-Latn",
        now,
    )
    assert title == "Nestanak struje · Sunčani Breg, Dardanija, Ulpijana +1 · danas 21:00"
