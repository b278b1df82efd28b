"""``kesco-bot run`` with alerts: the Runtime serves /healthz, /metrics and /api/v1/events, and
its dispatcher delivers a signed event's alert through the fake Telegram Bot API."""

from __future__ import annotations

import json
from pathlib import Path

import aiohttp
import pytest

from bot.app import build_app
from bot.runtime import Runtime
from bot.settings import Settings
from bot.web.events_api import sign
from services.db import Database
from services.db.types import utcnow
from tests.conftest import database_url
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.support.alerts import add_chat, outage_started, wait_until
from tests.support.web import free_port

pytestmark = pytest.mark.db
SECRET = "run-events-secret-0123456789abcdefghij"


async def test_run_serves_events_metrics_health_and_dispatches(
    tmp_path: Path, database: Database
) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    async with FakeTelegramAPI() as api:
        settings = Settings(
            _env_file=None,
            database_url=database_url(tmp_path),
            telegram_token=api.token,
            telegram_api_url=api.root,
            viber_token=None,
            http_port=port,
            events_secret=SECRET,
            default_language="en",
        )
        runtime = Runtime(await build_app(settings))
        api.chat(8801)
        await add_chat(database, "8801", language="en", areas=["dardania"])
        try:
            await runtime.start()
            body = json.dumps(outage_started(at=utcnow())).encode()
            async with aiohttp.ClientSession() as http:
                async with http.post(f"{base}/api/v1/events", data=body) as response:
                    assert response.status == 401
                headers = {"X-Kesco-Signature": sign(SECRET, body)}
                async with http.post(f"{base}/api/v1/events", data=body, headers=headers) as r:
                    assert (r.status, (await r.json())["status"]) == (200, "applied")
                sent = await api.wait_for(1, 8801)
                assert sent[0]["text"].startswith("⚡ Power outage in Dardania since")
                async with http.get(f"{base}/healthz") as response:
                    health = await response.json()
                    assert health["checks"]["database"] is True
                    assert health["checks"]["telegram"] is True
                await wait_until(lambda: _metric_seen(http, base), timeout=10)
                async with http.get(f"{base}/metrics") as response:
                    text = await response.text()
            assert 'kesco_events_received_total{outcome="applied",type="outage.started"}' in text
            assert 'kesco_outbox_messages{state="sent"} 1.0' in text
            assert 'kesco_messages_sent_total{channel="telegram"}' in text
            assert "kesco_delivery_delay_seconds_bucket" in text
            assert "kesco_updates_handled_total" in text or "kesco_replies_total" in text
        finally:
            await runtime.stop()


async def _metric_seen(http: aiohttp.ClientSession, base: str) -> bool:
    async with http.get(f"{base}/metrics") as response:
        return 'kesco_outbox_messages{state="sent"} 1.0' in await response.text()
