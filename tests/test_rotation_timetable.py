"""The rotating timetable's arithmetic: slots across midnight, ending at midnight, the days the
clocks change in Europe/Belgrade, and what ``/outages`` lists at 23:59 and 00:01."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from services.rotation.parse import (
    TimetableError,
    parse_groups,
    parse_slot,
    timetable_json,
    timetable_of,
)
from services.rotation.timetable import KOSOVO, Group, Slot, Timetable, local_instant
from services.rotation.upcoming import today_and_tomorrow

SPRING = date(2026, 3, 29)  # clocks go 02:00 -> 03:00 in Kosovo
AUTUMN = date(2026, 10, 25)  # clocks go 03:00 -> 02:00
WINTER = date(2026, 11, 20)


def kosovo(day: date, hour: int, minute: int = 0, fold: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=KOSOVO).replace(fold=fold)


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def timetable(*slots: str, first: date = WINTER, last: date | None = None) -> Timetable:
    groups = [{"id": "A", "places": ["dardania"], "slots": list(slots)}]
    return parse_groups(groups, first, last or first + timedelta(days=2), lambda _p: True)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("08:00-10:00", time(8), time(10)),
        ("22:00-02:00", time(22), time(2)),
        (" 22:00 – 24:00 ", time(22), time(0)),
        ("22:00-00:00", time(22), time(0)),
        ("00:00-24:00", time(0), time(0)),
    ],
)
def test_slots_are_read(text: str, start: time, end: time) -> None:
    assert parse_slot(text) == Slot(start, end)


@pytest.mark.parametrize(
    "text",
    ["8-10", "08:00", "24:00-02:00", "10:00-10:00", "25:00-01:00", "22:00-24:30", 2200, None],
)
def test_malformed_slots_are_refused(text: object) -> None:
    with pytest.raises(TimetableError):
        parse_slot(text)


def test_an_ordinary_slot_is_on_its_day() -> None:
    assert parse_slot("08:00-10:00").on(WINTER) == (utc(2026, 11, 20, 7), utc(2026, 11, 20, 9))


def test_a_slot_across_midnight_ends_the_next_day() -> None:
    start, end = parse_slot("22:00-02:00").on(WINTER)
    assert (start, end) == (kosovo(WINTER, 22), kosovo(WINTER + timedelta(days=1), 2))
    assert end - start == timedelta(hours=4)


@pytest.mark.parametrize("text", ["22:00-24:00", "22:00-00:00"])
def test_a_slot_ending_at_midnight_ends_as_the_next_day_starts(text: str) -> None:
    start, end = parse_slot(text).on(WINTER)
    assert end == kosovo(date(2026, 11, 21), 0) == utc(2026, 11, 20, 23)
    assert end - start == timedelta(hours=2)


def test_the_whole_day() -> None:
    start, end = parse_slot("00:00-24:00").on(WINTER)
    assert (start, end - start) == (kosovo(WINTER, 0), timedelta(hours=24))


def test_spring_forward_a_time_in_the_skipped_hour_is_when_clocks_jump() -> None:
    assert local_instant(SPRING, time(2, 30)) == utc(2026, 3, 29, 1) == kosovo(SPRING, 3)
    start, end = parse_slot("01:00-04:00").on(SPRING)
    assert (start, end) == (utc(2026, 3, 29, 0), utc(2026, 3, 29, 2))
    assert end - start == timedelta(hours=2)  # one hour of the wall clock never happens


def test_spring_forward_a_slot_inside_the_skipped_hour_does_not_happen() -> None:
    table = timetable("02:15-02:45", first=SPRING, last=SPRING)
    assert table.cuts(kosovo(SPRING, 0), kosovo(SPRING, 23)) == []


def test_spring_forward_a_slot_across_midnight_into_the_change() -> None:
    start, end = parse_slot("22:00-04:00").on(SPRING - timedelta(days=1))
    assert start == utc(2026, 3, 28, 21)  # 22:00 winter time
    assert end == utc(2026, 3, 29, 2)  # 04:00 summer time
    assert end - start == timedelta(hours=5)


def test_fall_back_a_time_in_the_repeated_hour_is_its_first_occurrence() -> None:
    assert local_instant(AUTUMN, time(2, 30)) == utc(2026, 10, 25, 0, 30)  # summer time
    start, end = parse_slot("00:00-04:00").on(AUTUMN)
    assert end - start == timedelta(hours=5)
    start, end = parse_slot("02:30-03:30").on(AUTUMN)
    assert (start, end) == (utc(2026, 10, 25, 0, 30), utc(2026, 10, 25, 2, 30))


def test_fall_back_a_slot_across_midnight_into_the_change() -> None:
    start, end = parse_slot("22:00-02:00").on(AUTUMN - timedelta(days=1))
    assert (start, end) == (utc(2026, 10, 24, 20), utc(2026, 10, 25, 0))
    assert parse_slot("22:00-02:00").on(AUTUMN)[1] - parse_slot("22:00-02:00").on(AUTUMN)[0] == (
        timedelta(hours=4)
    )


def test_cuts_every_day_of_the_range_only() -> None:
    table = timetable("08:00-10:00", "22:00-02:00", first=WINTER, last=WINTER + timedelta(days=1))
    cuts = table.cuts(utc(2026, 11, 1), utc(2026, 12, 1))
    assert [(cut.day, cut.slot.label()) for cut in cuts] == [
        (WINTER, "08:00-10:00"),
        (WINTER, "22:00-02:00"),
        (WINTER + timedelta(days=1), "08:00-10:00"),
        (WINTER + timedelta(days=1), "22:00-02:00"),
    ]
    assert cuts[-1].ends_at == kosovo(WINTER + timedelta(days=2), 2)  # past the last day
    assert table.first_start() == kosovo(WINTER, 8)
    assert table.last_end() == kosovo(WINTER + timedelta(days=2), 2)


def test_cuts_starting_in_a_window() -> None:
    table = timetable("08:00-10:00", "22:00-02:00")
    starting = table.starting(kosovo(WINTER, 21, 30), kosovo(WINTER, 22))
    assert [cut.starts_at for cut in starting] == [kosovo(WINTER, 22)]
    assert table.starting(kosovo(WINTER, 22), kosovo(WINTER, 22, 30)) == []


@pytest.mark.parametrize(
    ("groups", "field"),
    [
        ([{"id": "A", "places": ["dardania"], "slots": ["08:00-10:00", "09:00-11:00"]}], "groups"),
        ([{"id": "A", "places": ["dardania"], "slots": ["22:00-02:00", "01:00-03:00"]}], "groups"),
        ([{"id": "A", "slots": ["08:00-10:00"]}], "groups"),
        ([{"id": "A", "places": ["x"], "slots": ["08:00-10:00"]}] * 2, "groups"),
        ([{"id": "A b", "places": ["x"], "slots": ["08:00-10:00"]}], "groups"),
        ([{"id": "A", "places": ["x"], "slots": []}], "groups"),
        ([], "groups"),
    ],
)
def test_bad_groups_are_refused(groups: list, field: str) -> None:
    with pytest.raises(TimetableError) as error:
        parse_groups(groups, WINTER, WINTER, lambda _p: True)
    assert error.value.path.startswith(field)


def test_back_to_back_slots_and_midnight_are_not_overlaps() -> None:
    table = timetable("22:00-24:00", "00:00-02:00", "02:00-04:00")
    assert len(table.groups[0].slots) == 3


def test_the_range_is_checked() -> None:
    with pytest.raises(TimetableError) as error:
        timetable("08:00-10:00", first=WINTER, last=WINTER - timedelta(days=1))
    assert error.value.path == "ends_on"
    with pytest.raises(TimetableError):
        timetable("08:00-10:00", first=WINTER, last=WINTER + timedelta(days=400))


def test_unknown_places_and_codes_are_refused() -> None:
    groups = [{"id": "A", "places": ["nowhere"], "slots": ["08:00-10:00"]}]
    with pytest.raises(TimetableError) as error:
        parse_groups(groups, WINTER, WINTER, lambda place: place == "dardania")
    assert error.value.path == "groups[0].places[0]"
    groups = [{"id": "A", "customer_codes": ["XYZ1"], "slots": ["08:00-10:00"]}]
    with pytest.raises(TimetableError):
        parse_groups(groups, WINTER, WINTER, lambda _p: True)


def test_a_stored_timetable_reads_back_the_same() -> None:
    groups = [
        {"id": "A", "places": ["dardania"], "slots": ["22:00-24:00", "08:00-10:00"]},
        {
            "id": "B",
            "customer_codes": ["dpr 100-001"],
            "feeders": ["F-12"],
            "slots": ["10:00-12:00"],
        },
    ]
    table = parse_groups(groups, WINTER, WINTER, lambda _p: True)
    assert table.groups[1] == Group("B", (Slot(time(10), time(12)),), (), ("F-12",), ("DPR100001",))
    assert timetable_of(timetable_json(table)) == table


# ``/outages``: today and tomorrow, at 23:59 and at 00:01 (Kosovo time).


def listed(table: Timetable, now: datetime) -> list[tuple[str, str]]:
    return [(item.when, item.cut.slot.label()) for item in today_and_tomorrow(table, {"A"}, now)]


def test_at_23_59_the_cut_under_way_and_tomorrows() -> None:
    table = timetable("08:00-10:00", "22:00-02:00")
    assert listed(table, kosovo(WINTER, 23, 59)) == [
        ("now", "22:00-02:00"),
        ("tomorrow", "08:00-10:00"),
        ("tomorrow", "22:00-02:00"),
    ]


def test_at_00_01_the_cut_from_yesterday_is_under_way() -> None:
    table = timetable("08:00-10:00", "22:00-02:00")
    next_day = WINTER + timedelta(days=1)
    assert listed(table, kosovo(next_day, 0, 1)) == [
        ("now", "22:00-02:00"),
        ("today", "08:00-10:00"),
        ("today", "22:00-02:00"),
        ("tomorrow", "08:00-10:00"),
        ("tomorrow", "22:00-02:00"),
    ]


def test_at_00_01_after_a_slot_ending_at_midnight() -> None:
    table = timetable("22:00-24:00")
    assert listed(table, kosovo(WINTER + timedelta(days=1), 0, 1)) == [
        ("today", "22:00-24:00"),
        ("tomorrow", "22:00-24:00"),
    ]
    assert listed(table, kosovo(WINTER, 23, 59)) == [
        ("now", "22:00-24:00"),
        ("tomorrow", "22:00-24:00"),
    ]


def test_the_last_day_and_after() -> None:
    table = timetable("08:00-10:00", "22:00-02:00", first=WINTER, last=WINTER)
    assert listed(table, kosovo(WINTER, 12)) == [("today", "22:00-02:00")]
    assert listed(table, kosovo(WINTER + timedelta(days=1), 1)) == [("now", "22:00-02:00")]
    assert listed(table, kosovo(WINTER + timedelta(days=1), 2)) == []


def test_today_and_tomorrow_across_the_spring_change() -> None:
    table = timetable("02:30-04:00", "22:00-02:00", first=SPRING - timedelta(days=1), last=SPRING)
    items = today_and_tomorrow(table, {"A"}, kosovo(SPRING - timedelta(days=1), 23, 59))
    assert [(item.when, item.cut.starts_at, item.cut.ends_at) for item in items] == [
        ("now", utc(2026, 3, 28, 21), utc(2026, 3, 29, 1)),  # 22:00 CET to 02:00, i.e. 03:00 CEST
        ("tomorrow", utc(2026, 3, 29, 1), utc(2026, 3, 29, 2)),  # 02:30 is 03:00 CEST, to 04:00
        ("tomorrow", utc(2026, 3, 29, 20), utc(2026, 3, 30, 0)),  # 22:00 to 02:00 CEST
    ]


def test_today_and_tomorrow_across_the_autumn_change() -> None:
    table = timetable("00:00-04:00", first=AUTUMN, last=AUTUMN + timedelta(days=1))
    items = today_and_tomorrow(table, {"A"}, kosovo(AUTUMN - timedelta(days=1), 12))
    assert [(item.when, item.cut.ends_at - item.cut.starts_at) for item in items] == [
        ("tomorrow", timedelta(hours=5)),
    ]
    at_the_repeated_hour = kosovo(AUTUMN, 2, 30, fold=1)  # the second 02:30, winter time
    items = today_and_tomorrow(table, {"A"}, at_the_repeated_hour)
    assert [item.when for item in items] == ["now", "tomorrow"]


def test_two_groups_cut_at_the_same_time_are_listed_once() -> None:
    groups = [
        {"id": "A", "places": ["dardania"], "slots": ["08:00-10:00"]},
        {"id": "B", "places": ["ulpiana"], "slots": ["08:00-10:00", "12:00-14:00"]},
    ]
    table = parse_groups(groups, WINTER, WINTER, lambda _p: True)
    items = today_and_tomorrow(table, {"A", "B"}, kosovo(WINTER, 7))
    assert [(item.cut.group, item.cut.slot.label()) for item in items] == [
        ("A", "08:00-10:00"),
        ("B", "12:00-14:00"),
    ]
