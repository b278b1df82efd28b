"""Safe JSON: what endpoints refuse before anything is stored or recursed into."""

from __future__ import annotations

import json

import pytest

from services.safe_json import MAX_DEPTH, UnsafeJson, check, clean_text, loads


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        (b"[" * 10_000 + b"]" * 10_000, "body"),  # 10 KB of nesting: the parser's own limit
        (b'{"a":' * 5_000 + b"1" + b"}" * 5_000, "body"),
        (b"[" * (MAX_DEPTH + 1) + b"]" * (MAX_DEPTH + 1), "[0]"),
        (b'{"message": {"text": "a\\u0000b"}}', "message.text"),
        (b'{"id": "\\ud800"}', "id"),
        (b'{"\\u0000": 1}', "body"),
        (b'{"update_id": 123456789012345678901234567890}', "body"),
        (b'{"update_id": 9223372036854775808}', "update_id"),
        (b'{"amount": 1e999}', "amount"),
        (b'{"amount": NaN}', "body"),
        (b"\xff\xfe{}", "body"),
        (b"{nope", "body"),
        (b"", "body"),
    ],
)
def test_refused_with_the_field(raw: bytes, field: str) -> None:
    with pytest.raises(UnsafeJson) as refused:
        loads(raw)
    assert refused.value.field.startswith(field)


def test_ordinary_json_passes_untouched() -> None:
    value = {"update_id": 2**62, "message": {"text": "Përshëndetje, ćao, здраво 👋", "n": [1.5]}}
    assert loads(json.dumps(value).encode()) == value
    nested: list = []
    for _ in range(MAX_DEPTH - 1):
        nested = [nested]
    assert loads(json.dumps(nested)) == nested


def test_check_walks_python_values_without_recursion() -> None:
    deep: dict = {}
    for _ in range(100_000):
        deep = {"a": deep}
    with pytest.raises(UnsafeJson):
        check(deep)
    with pytest.raises(UnsafeJson):
        check({"ok": ["fine", {"bad": "nul\x00"}]})
    assert clean_text("fine") and not clean_text("a\x00") and not clean_text("\udc80")
