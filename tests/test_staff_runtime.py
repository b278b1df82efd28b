"""``kesco-bot run`` serves the staff page and API and its scheduler publishes due notices
through the real alerts engine."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiohttp
import pytest

from bot.app import build_app
from bot.runtime import Runtime
from bot.settings import Settings
from services.db import Database
from tests.conftest import database_url
from tests.support.waiting import wait_until
from tests.support.web import free_port

pytestmark = pytest.mark.db
TOKEN = "runtime-admin-token-0123456789abcdefghij"


async def test_run_serves_staff_and_publishes_scheduled_notices(
    tmp_path: Path, database: Database
) -> None:
    port = free_port()
    settings = Settings(
        _env_file=None,
        database_url=database_url(tmp_path),
        telegram_token=None,
        viber_token=None,
        admin_token=TOKEN,
        http_port=port,
    )
    runtime = Runtime(await build_app(settings))
    root = f"http://127.0.0.1:{port}"
    headers = {"Authorization": f"Bearer {TOKEN}"}
    soon = (datetime.now(UTC) + timedelta(seconds=1)).isoformat()
    notice = {"kind": "outage", "district": "DPR", "areas": ["dardania"], "publish_at": soon}
    try:
        await runtime.start()
        async with aiohttp.ClientSession() as http:
            async with http.get(f"{root}/staff/login") as response:
                assert response.status == 200
                assert "text/html" in response.content_type
            async with http.get(f"{root}/api/v1/openapi.json") as response:
                assert response.status == 200
            async with http.post(
                f"{root}/api/v1/notices", json=notice, headers=headers
            ) as response:
                assert response.status == 201
                notice_id = (await response.json())["notice"]["id"]

            async def published() -> bool:
                async with http.get(f"{root}/api/v1/notices/{notice_id}", headers=headers) as r:
                    return (await r.json())["status"] == "published"

            await wait_until(published, what="the notice published")
    finally:
        await runtime.stop()


async def test_staff_notices_follow_the_default_language_set_in_dot_env(
    tmp_path: Path, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from services import alerts
    from services.notices.inputs import read_notice
    from services.staff.accounts import admin_token_principal
    from tests.support.alerts import add_chat, outbox_rows

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KESCO_DEFAULT_LANGUAGE", raising=False)
    (tmp_path / ".env").write_text(
        f"KESCO_DEFAULT_LANGUAGE=en\nKESCO_DATABASE_URL={database_url(tmp_path)}\n"
    )
    app = await build_app(Settings(telegram_token=None, viber_token=None))
    try:
        await add_chat(database, "never-chose", language=None, areas=["dardania"])
        notice = read_notice({"kind": "outage", "district": "DPR", "areas": ["dardania"]})
        await app.notices.submit(admin_token_principal(), notice)
        await alerts.run_pending(database)  # the runtime's fan-out runner, once woken
        [row] = await outbox_rows(database)
        assert row.text.startswith("⚡ Power outage in Dardania since")
    finally:
        await app.close()
