"""``kesco-bot run`` in a subprocess against the fake Bot API and the fake Viber API, for the
tests that must see the real process survive (no tests here)."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import os
import re
import signal
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import aiohttp

from tests.fakes.telegram_api import FakeTelegramAPI
from tests.fakes.viber_api import FakeViberApi
from tests.support.waiting import wait_until
from tests.support.web import free_port

ROOT = Path(__file__).resolve().parents[2]
VIBER_TOKEN = "4f1a9d7e0c2b3a45-8e6f7d1c2b3a4f5e-9d8c7b6a5f4e3d2c"
WEBHOOK_SECRET = "fuzz-webhook-secret_0123456789abcdefghij"
EVENTS_SECRET = "fuzz-events-secret-0123456789abcdefghij"
ADMIN_TOKEN = "fuzz-admin-token-0123456789abcdef"


@dataclass
class Service:
    """The running process, its address and the fakes it talks to."""

    process: asyncio.subprocess.Process
    base: str
    telegram: FakeTelegramAPI
    viber: FakeViberApi
    log: Path

    @property
    def alive(self) -> bool:
        return self.process.returncode is None

    def log_text(self) -> str:
        return self.log.read_text("utf-8", "replace")

    async def staff_session(self, http: aiohttp.ClientSession) -> tuple[str, str]:
        """Sign in on the staff page as ``admin``: the session cookie and its CSRF token."""
        async with http.get(f"{self.base}/staff/login") as response:
            login = response.cookies["kesco_staff_login"].value
        form = {"username": "admin", "password": ADMIN_TOKEN, "login_csrf": login}
        async with http.post(
            f"{self.base}/staff/login",
            data=form,
            headers={"Cookie": f"kesco_staff_login={login}"},
            allow_redirects=False,
        ) as response:
            assert response.status == 303, await response.text()
            session = response.cookies["kesco_staff"].value
        return session, hashlib.sha256(f"csrf:{session}".encode()).hexdigest()


@asynccontextmanager
async def running_service(database_url: str, workdir: Path, **env: str) -> AsyncIterator[Service]:
    """Start ``python -m bot run`` with Telegram (webhook), Viber, events and the staff API."""
    port = free_port()
    async with FakeTelegramAPI() as telegram, FakeViberApi(VIBER_TOKEN) as viber:
        settings = {
            "KESCO_DATABASE_URL": database_url,
            "KESCO_TELEGRAM_TOKEN": telegram.token,
            "KESCO_TELEGRAM_API_URL": telegram.root,
            "KESCO_TELEGRAM_WEBHOOK_SECRET": WEBHOOK_SECRET,
            "KESCO_VIBER_TOKEN": VIBER_TOKEN,
            "KESCO_VIBER_API_URL": viber.url,
            # https, as Viber requires; the tests post to the plain http address
            "KESCO_PUBLIC_URL": f"https://127.0.0.1:{port}",
            "KESCO_HTTP_PORT": str(port),
            "KESCO_EVENTS_SECRET": EVENTS_SECRET,
            "KESCO_ADMIN_TOKEN": ADMIN_TOKEN,
            "KESCO_DEFAULT_LANGUAGE": "en",
            **env,
        }
        clean = {k: v for k, v in os.environ.items() if not k.startswith("KESCO_")}
        log = workdir / "service.log"
        with log.open("wb") as sink:
            process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bot",
                "run",
                cwd=workdir,
                env={**clean, **settings, "PYTHONPATH": str(ROOT)},
                stdout=sink,
                stderr=sink,
            )
        service = Service(process, f"http://127.0.0.1:{port}", telegram, viber, log)
        try:
            await _wait_until_serving(service)
            yield service
        finally:
            if service.alive:
                process.send_signal(signal.SIGTERM)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(process.wait(), 20)
            if service.alive:
                process.kill()
                await process.wait()


async def _wait_until_serving(service: Service, timeout: float = 60) -> None:
    async with aiohttp.ClientSession() as http:

        async def serving() -> bool:
            if not service.alive:
                raise AssertionError(f"the service exited:\n{service.log_text()[-3000:]}")
            with contextlib.suppress(aiohttp.ClientError):
                async with http.get(f"{service.base}/healthz") as response:
                    return response.status in (200, 503) and (
                        "viber channel started" in service.log_text()
                    )
            return False

        await wait_until(
            serving,
            timeout=timeout,
            poll=0.2,
            what=lambda: f"the service to start:\n{service.log_text()[-3000:]}",
        )


def tracebacks(log: str) -> list[str]:
    """The tracebacks in a log, each as its last line (the exception)."""
    found = []
    for block in re.split(r"\nTraceback \(most recent call last\):\n", log)[1:]:
        lines = [line for line in block.splitlines() if line and not line.startswith(" ")]
        found.append(lines[0] if lines else "?")
    return found
