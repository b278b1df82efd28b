"""Shared harness for the Viber tests (no tests here): captured callbacks, an in-memory
ChatLifecycle, and serving aiohttp routes on 127.0.0.1."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from aiohttp import web

TOKEN = "4f2c7a1b9e8d6c50-1a2b3c4d5e6f7a8b-9c0d1e2f3a4b5c6d"
USER = "n8Xq0PtU2bVYkT5wL1sA9g=="
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "viber"


def fixture(name: str) -> dict[str, Any]:
    """A captured callback from tests/fixtures/viber/<name>.json."""
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


async def serve(routes: list[web.RouteDef]) -> tuple[web.AppRunner, str]:
    """Serve ``routes`` on a free port; returns the runner (to clean up) and the base URL."""
    app = web.Application()
    app.add_routes(routes)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    return runner, f"http://127.0.0.1:{runner.addresses[0][1]}"


class MemoryLifecycle:
    """In-memory ChatLifecycle test double: records what the adapter reports."""

    def __init__(self) -> None:
        self.active: set[tuple[str, str]] = set()
        self.inactive: dict[tuple[str, str], str] = {}
        self.keys: set[tuple[str, str]] = set()
        self.receipts: list[tuple[str, str, str, str]] = []

    async def mark_inactive(self, channel: str, chat_id: str, reason: str) -> None:
        self.active.discard((channel, chat_id))
        self.inactive[(channel, chat_id)] = reason

    async def mark_active(self, channel: str, chat_id: str) -> None:
        self.inactive.pop((channel, chat_id), None)
        self.active.add((channel, chat_id))

    async def first_delivery(self, channel: str, key: str) -> bool:
        if (channel, key) in self.keys:
            return False
        self.keys.add((channel, key))
        return True

    async def record_status(self, channel: str, chat_id: str, token: str, status: str) -> None:
        self.receipts.append((channel, chat_id, token, status))


GOOD: dict[str, Any] = {
    "receiver": USER,
    "min_api_version": 4,
    "sender": {"name": "KESCO", "avatar": "https://www.kesco-energy.com/logo.png"},
    "type": "text",
    "text": "Tungjatjeta",
    "keyboard": {
        "Type": "keyboard",
        "DefaultHeight": False,
        "InputFieldState": "regular",
        "Buttons": [
            {"Columns": 3, "Rows": 1, "ActionType": "reply", "ActionBody": "lang:sq", "Text": "Sq"},
            {"Columns": 3, "ActionType": "open-url", "ActionBody": "https://kesco.example/p"},
        ],
    },
}
