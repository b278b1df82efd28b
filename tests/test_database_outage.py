"""The database away for a while under a running ``kesco-bot run`` (PostgreSQL behind a proxy
the test cuts): each repeating failure is logged once with its traceback, then counted; callers
get 503 (health too); when it is back everything works again."""

from __future__ import annotations

import asyncio
import collections
import contextlib
import json
from pathlib import Path

import aiohttp
import pytest
from sqlalchemy.engine import make_url

from bot.web.events_api import sign as sign_event
from services.db import Database
from tests.conftest import database_url
from tests.support.alerts import outage_started
from tests.support.service_process import EVENTS_SECRET, running_service, tracebacks
from tests.support.waiting import wait_until

pytestmark = pytest.mark.db
OUTAGE_SECONDS = 16


class Proxy:
    """A TCP proxy to the database that can be cut (every connection dropped and refused)."""

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.cut = False
        self.port = 0
        self._writers: set[asyncio.StreamWriter] = set()
        self._server: asyncio.Server | None = None

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        self.drop()
        if self._server is not None:
            self._server.close()

    def drop(self) -> None:
        for writer in list(self._writers):
            writer.close()
        self._writers.clear()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if self.cut:
            writer.close()
            return
        try:
            upstream_reader, upstream_writer = await asyncio.open_connection(*self.target)
        except OSError:
            writer.close()
            return
        self._writers |= {writer, upstream_writer}

        async def pump(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
            with contextlib.suppress(Exception):
                while data := await source.read(65536):
                    sink.write(data)
                    await sink.drain()
            sink.close()

        await asyncio.gather(pump(reader, upstream_writer), pump(upstream_reader, writer))


async def test_a_database_outage_is_logged_once_and_recovered_from(
    tmp_path: Path, database: Database
) -> None:
    url = make_url(database_url(tmp_path))
    if not url.drivername.startswith("postgresql"):
        pytest.skip("cuts a PostgreSQL connection (KESCO_TEST_DATABASE_URL)")
    proxy = Proxy(url.host or "127.0.0.1", url.port or 5432)
    await proxy.start()
    proxied = url.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
    try:
        async with (
            running_service(proxied, tmp_path) as service,
            aiohttp.ClientSession() as http,
        ):
            await asyncio.sleep(1)  # the start-up's last log lines are written before the cut
            before = len(service.log_text())
            proxy.cut = True
            proxy.drop()
            statuses: collections.Counter[int] = collections.Counter()
            for second in range(OUTAGE_SECONDS):
                raw = json.dumps(outage_started(event_id=f"during-{second}")).encode()
                headers = {"X-Kesco-Signature": sign_event(EVENTS_SECRET, raw)}
                async with http.post(
                    f"{service.base}/api/v1/events", data=raw, headers=headers
                ) as response:
                    statuses[response.status] += 1
                await asyncio.sleep(1)  # one event a second, all through the outage
            async with http.get(f"{service.base}/healthz") as response:
                assert response.status == 503
            during = service.log_text()[before:]
            proxy.cut = False

            async def healthy() -> bool:
                async with http.get(f"{service.base}/healthz") as response:
                    return response.status == 200

            await wait_until(healthy, timeout=30, what="/healthz 200 after the outage")
            raw = json.dumps(outage_started(event_id="after-the-outage")).encode()
            headers = {"X-Kesco-Signature": sign_event(EVENTS_SECRET, raw)}
            async with http.post(
                f"{service.base}/api/v1/events", data=raw, headers=headers
            ) as response:
                assert response.status == 200
            assert service.alive
    finally:
        await proxy.stop()
    assert set(statuses) == {503}, statuses
    lines = [line for line in during.splitlines() if " WARNING " in line or " ERROR " in line]
    print(f"{len(lines)} warning lines, tracebacks: {tracebacks(during)}")
    print("\n".join(lines))
    kinds = collections.Counter(line.split(" ", 3)[-1][:60] for line in lines)
    repeated = {kind: count for kind, count in kinds.items() if count > 1}
    assert not repeated, repeated
    assert len(tracebacks(during)) <= 6, tracebacks(during)
