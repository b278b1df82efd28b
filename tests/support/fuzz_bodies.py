"""Generated malformed request bodies for every endpoint, from a fixed seed (no tests here).

Each body starts from a well-formed example (a Telegram update, a Viber callback, an event, a
staff API body, a staff page form) and is broken: a field removed, retyped or replaced with a
hostile value (NUL, a lone surrogate, 10 KB of nesting, a 129-character id, a 64-bit overflow,
SQL, a huge string), an unknown field added; or its bytes are cut, flipped, nested, replaced.
Some results stay well-formed by chance; they must work, the others must get a 4xx.
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from tests.support.service_process import (
    VIBER_TOKEN,
)

USER = "n8Xq0PtU2bVYkT5wL1sA9g=="
WEIRD: list[Any] = [
    None,
    True,
    False,
    0,
    -1,
    1.5,
    2**31,
    2**53 + 1,
    2**63 - 1,
    2**63,
    -(2**64),
    10**30,
    float("nan"),
    float("inf"),
    "",
    " ",
    "0",
    "-1",
    "1e999",
    "NaN",
    "null",
    "true",
    "x" * 129,
    "x" * 4097,
    "y" * 70_000,
    "DPR",
    "DPR100001",
    "dpr 100-001",
    "42.50",
    "-42.50",
    "\x00",
    "a\x00b",
    "\ud800",
    "\udfff",
    "\x1b[31m",
    "\u202eevil",
    "👋" * 50,
    "ë" * 300,
    "'; DROP TABLE chats; --",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "%00",
    "\\",
    "2026-13-45T99:99:99Z",
    "2026-11-20T10:00:00",
    "9999-12-31T23:59:59Z",
    "1900-01-01T00:00Z",
    "0001-01-01T00:00:00+03:04",
    "9999-12-31T23:59:59-05:00",
    "0001-01-01",
    [],
    {},
    [None],
    [[[[]]]],
    {"a": {"b": {"c": {}}}},
    ["dardania"] * 100,
    [1, "2", None],
    {"sq": "\x00"},
    {"sq": "x" * 501, "en": 5},
    {"": ""},
]


def _paths(value: Any) -> list[tuple]:
    """Paths to every value in ``value``, down to 20 levels (iterative)."""
    found: list[tuple] = []
    pending: list[tuple[Any, tuple]] = [(value, ())]
    while pending:
        item, prefix = pending.pop()
        if prefix:
            found.append(prefix)
        if len(prefix) >= 20:
            continue
        if isinstance(item, dict):
            pending.extend((child, (*prefix, key)) for key, child in item.items())
        elif isinstance(item, list):
            pending.extend((child, (*prefix, i)) for i, child in enumerate(item))
    return sorted(found, key=repr)


def _parent(tree: Any, path: tuple) -> tuple[Any, Any]:
    for step in path[:-1]:
        tree = tree[step]
    return tree, path[-1]


def _retyped(value: Any, rng: random.Random) -> Any:
    if isinstance(value, bool):
        return rng.choice([1, "true", None])
    if isinstance(value, int):
        return rng.choice([str(value), float(value), [value], -value, value * 2**40])
    if isinstance(value, str):
        return rng.choice([len(value), [value], {"value": value}, value * 300, value + "\x00"])
    if isinstance(value, list):
        return rng.choice([{str(i): v for i, v in enumerate(value)}, json.dumps(value), value[:0]])
    if isinstance(value, dict):
        return rng.choice([list(value.values()), json.dumps(value), "object"])
    return rng.choice(WEIRD)


def mutate_tree(value: Any, rng: random.Random) -> Any:
    """``value`` with one to three random changes."""
    tree = copy.deepcopy(value)
    for _ in range(rng.randint(1, 3)):
        paths = _paths(tree)
        op = rng.random()
        if not paths or op < 0.08:
            if isinstance(tree, dict):
                key = rng.choice(["extra", "__proto__", "\x00", "id" * 70])
                tree[key] = copy.deepcopy(rng.choice(WEIRD))  # never share (and grow) WEIRD
            continue
        parent, key = _parent(tree, rng.choice(paths))
        if op < 0.3 and isinstance(parent, dict):
            del parent[key]
        elif op < 0.65:
            parent[key] = copy.deepcopy(rng.choice(WEIRD))
        elif op < 0.9:
            parent[key] = _retyped(parent[key], rng)
        else:
            nested: Any = parent[key]
            for _level in range(rng.choice([33, 120])):
                nested = [nested]
            parent[key] = nested
            break
    return tree


def mutate_bytes(raw: bytes, rng: random.Random) -> bytes:
    """``raw`` broken at the byte level."""
    op = rng.randrange(9)
    if op == 0 and raw:
        return raw[: rng.randrange(len(raw))]
    if op == 1 and raw:
        i = rng.randrange(len(raw))
        return raw[:i] + bytes([rng.randrange(256)]) + raw[i + 1 :]
    if op == 2:
        depth = rng.choice([33, 1000, 5000])
        return b"[" * depth + raw + b"]" * depth
    if op == 3:
        return b"\xef\xbb\xbf" + raw
    if op == 4:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(1, 200)))
    if op == 5:
        return rng.choice([b"", b"null", b"1", b'"s"', b"[]", b"{}", b"{", b"\xff", b"\x00"])
    if op == 6:
        i = rng.randrange(len(raw) + 1)
        return raw[:i] + rng.choice([b"\\u0000", b"\\ud800", b"\xc3\x28", b"\x00"]) + raw[i:]
    if op == 7:
        return b'{"a":' * 5000 + b"1" + b"}" * 5000
    return raw.replace(b'"', b"'", 3)


def dumps(value: Any) -> bytes:
    return json.dumps(value).encode()


def malformed_json(seeds: list[Any], count: int, seed: int) -> Iterator[tuple[int, bytes]]:
    """``count`` broken bodies made from ``seeds``: (index of the seed, body)."""
    rng = random.Random(seed)
    for _ in range(count):
        index = rng.randrange(len(seeds))
        base = seeds[index]
        if rng.random() < 0.7:
            yield index, dumps(mutate_tree(base, rng))
        else:
            yield index, mutate_bytes(dumps(base), rng)


def _form_value(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def malformed_forms(
    seeds: list[dict[str, Any]], count: int, seed: int
) -> Iterator[tuple[int, bytes, str]]:
    """``count`` broken forms: (index of the seed, body, content type)."""
    rng = random.Random(seed)
    form_type = "application/x-www-form-urlencoded"
    for _ in range(count):
        index = rng.randrange(len(seeds))
        form = copy.deepcopy(seeds[index])
        op = rng.random()
        if op < 0.6:
            for _change in range(rng.randint(1, 3)):
                key = rng.choice([*form, "extra", "\x00"])
                if rng.random() < 0.25 and key in form and key != "csrf":
                    del form[key]
                else:
                    form[key] = _form_value(rng.choice(WEIRD))
            pairs = [
                (k, v) for k, vs in form.items() for v in (vs if isinstance(vs, list) else [vs])
            ]
            body = urlencode(pairs, encoding="utf-8", errors="surrogatepass").encode()
            yield index, body, form_type
        elif op < 0.8:
            yield index, mutate_bytes(urlencode(form, doseq=True).encode(), rng), form_type
        else:
            boundary = "zz" + str(rng.randrange(1000))
            body = rng.choice(
                [
                    (
                        f'--{boundary}\r\nContent-Disposition: form-data; name="u"\r\n\r\nx\x00'
                    ).encode(),
                    f"--{boundary}\r\nbroken".encode(),
                    b"\xff" * 50,
                    f'--{boundary}\r\nContent-Disposition: form-data; name="f"; filename="a"\r\n'
                    f"\r\nfile\r\n--{boundary}--\r\n".encode(),
                ]
            )
            yield index, body, f"multipart/form-data; boundary={boundary}"


def viber_seeds() -> list[dict[str, Any]]:
    fixtures = Path(__file__).parent.parent / "fixtures" / "viber"
    names = (
        "message_text",
        "message_button",
        "message_sticker",
        "conversation_started",
        "conversation_started_context",
        "subscribed",
        "unsubscribed",
        "delivered",
        "failed",
        "webhook",
    )
    return [json.loads((fixtures / f"{name}.json").read_text("utf-8")) for name in names]


def viber_sign(body: bytes) -> str:
    return hmac.new(VIBER_TOKEN.encode(), body, hashlib.sha256).hexdigest()
