"""JSON from outside that cannot hurt: no deep nesting, no NUL, no broken Unicode, no giant ints.

Every endpoint reads its body with :func:`loads`, and the alerts engine checks in-process events
with :func:`check`, so that what is stored later never trips the database (PostgreSQL refuses
NUL in text; a lone surrogate cannot be encoded as UTF-8) and nothing recurses without bound.
A refusal is an :class:`UnsafeJson` naming the field (``message.chat.id``, ``areas[2]``).
"""

from __future__ import annotations

import json
import math
from typing import Any

MAX_DEPTH = 32
MAX_INT = 2**63 - 1


class UnsafeJson(ValueError):
    """The body is not JSON we accept; ``field`` names where (``body`` for the whole)."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(reason)
        self.field = field if len(field) <= 100 else field[:97] + "..."


def _parse_int(text: str) -> int:
    if len(text) > 20:
        raise UnsafeJson("body", "a number is too large")
    return int(text)


def _no_constant(name: str) -> Any:
    raise UnsafeJson("body", f"{name} is not JSON")


def loads(raw: bytes | str, *, max_depth: int = MAX_DEPTH) -> Any:
    """The parsed body, or :class:`UnsafeJson` saying what is wrong with it."""
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise UnsafeJson("body", "the body is not UTF-8") from None
    try:
        value = json.loads(raw, parse_int=_parse_int, parse_constant=_no_constant)
    except RecursionError:
        raise UnsafeJson("body", f"the body is nested deeper than {max_depth} levels") from None
    except UnsafeJson:
        raise
    except ValueError:
        raise UnsafeJson("body", "the body is not JSON") from None
    check(value, max_depth=max_depth)
    return value


def check(value: Any, *, max_depth: int = MAX_DEPTH) -> None:
    """Raise :class:`UnsafeJson` when ``value`` (parsed JSON, or a dict built in Python) is
    nested too deeply, holds a string with NUL or a lone surrogate, an integer outside 64 bits,
    or a float that is not finite. Iterative: any depth is walked without recursion."""
    pending: list[tuple[Any, str, int]] = [(value, "", 0)]
    while pending:
        item, path, depth = pending.pop()
        if isinstance(item, dict):
            if depth >= max_depth:
                raise UnsafeJson(path or "body", f"nested deeper than {max_depth} levels")
            for key, child in item.items():
                name = f"{path}.{key}" if path else str(key)
                if not isinstance(key, str):
                    raise UnsafeJson(path or "body", "object keys must be strings")
                _check_text(key, path or "body")
                pending.append((child, name, depth + 1))
        elif isinstance(item, list):
            if depth >= max_depth:
                raise UnsafeJson(path or "body", f"nested deeper than {max_depth} levels")
            pending.extend((child, f"{path}[{i}]", depth + 1) for i, child in enumerate(item))
        elif isinstance(item, str):
            _check_text(item, path or "body")
        elif isinstance(item, bool) or item is None:
            continue
        elif isinstance(item, int):
            if not -MAX_INT - 1 <= item <= MAX_INT:
                raise UnsafeJson(path or "body", "a whole number out of range")
        elif isinstance(item, float) and not math.isfinite(item):
            raise UnsafeJson(path or "body", "a number out of range")


def _check_text(text: str, field: str) -> None:
    if "\x00" in text:
        raise UnsafeJson(field, "text must not contain NUL characters")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise UnsafeJson(field, "text must be valid Unicode (no lone surrogates)") from None


def clean_text(text: str) -> bool:
    """Whether ``text`` can be stored as is: no NUL, no lone surrogate."""
    try:
        _check_text(text, "")
    except UnsafeJson:
        return False
    return True
