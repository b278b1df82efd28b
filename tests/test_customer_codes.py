from __future__ import annotations

import pytest

from services.amounts import parse_amount
from services.customer_codes import CodeProblem, looks_like_code, parse_customer_code
from services.privacy import mask_name


@pytest.mark.parametrize(
    "typed",
    [
        "DPR100001",
        "dpr100001",
        "dpr 100-001",
        " DPR-100001 ",
        "Dpr.100.001",
        "dpr_100001",
        "дпр 100-001",
        "ДПР100001",
        "Дпр 100 001",
        "ＤＰＲ１００００１",
    ],
)
def test_what_people_type_is_normalised(typed: str) -> None:
    result = parse_customer_code(typed)
    assert result.problem is None
    assert str(result.code) == "DPR100001"


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("", CodeProblem.EMPTY),
        ("   ", CodeProblem.EMPTY),
        ("123456", CodeProblem.NO_DISTRICT),
        ("XYZ123456", CodeProblem.UNKNOWN_DISTRICT),
        ("DPRX123456", CodeProblem.UNKNOWN_DISTRICT),
        ("DPR", CodeProblem.NO_NUMBER),
        ("DPR12a456", CodeProblem.NOT_DIGITS),
        ("DPR١٢٣٤٥٦", CodeProblem.NOT_DIGITS),
        ("DPR123", CodeProblem.TOO_SHORT),
        ("DPR12345678901", CodeProblem.TOO_LONG),
    ],
)
def test_problems_are_named(typed: str, problem: CodeProblem) -> None:
    result = parse_customer_code(typed)
    assert result.code is None
    assert result.problem is problem


def test_every_district_is_accepted() -> None:
    for prefix in ("DPR", "DMI", "DPE", "DPZ", "DFE", "DGL", "DGJ"):
        assert parse_customer_code(f"{prefix.lower()} 123456").code is not None
    assert looks_like_code("dgj 200002") and not looks_like_code("hello")


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("42.50", "42.50"),
        ("42,50", "42.50"),
        ("42.5", "42.50"),
        ("€ 42.50", "42.50"),
        ("42.50 EUR", "42.50"),
        ("42 euro", "42.00"),
        ("42,5 евра", "42.50"),
    ],
)
def test_amounts(typed: str, amount: str) -> None:
    assert str(parse_amount(typed)) == amount


@pytest.mark.parametrize("typed", ["", "abc", "42.505", "1.234,56", "-5", "42.50.1"])
def test_not_amounts(typed: str) -> None:
    assert parse_amount(typed) is None


def test_names_are_masked() -> None:
    assert mask_name("Arben Krasniqi") == "A*** K***"
    assert mask_name("  Milica   Jovanović ") == "M*** J***"


@pytest.mark.parametrize(
    ("typed", "code"), [("дгј 200-002", "DGJ200002"), ("дфе400004", "DFE400004")]
)
def test_cyrillic_district_letters_are_read_as_latin(typed: str, code: str) -> None:
    assert str(parse_customer_code(typed).code) == code
    assert looks_like_code(typed)
