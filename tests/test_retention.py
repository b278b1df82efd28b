"""Personal data is kept only as long as needed: the retention job deletes done call-back
requests (with their numbers), abandoned drafts, reports of no power, budget spends and old
wrong proofs, and keeps what is still needed (open requests, recent rows)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.app import build_app
from bot.runtime import Runtime
from bot.settings import Settings
from services import budgets, power_reports
from services.db import Database
from services.db.models import ProofFailure
from services.db.report_models import PowerReport
from services.db.support_models import BudgetSpend, CallbackRequest
from services.db.types import utcnow
from services.retention import RetentionJob, purge
from tests.conftest import database_url
from tests.support.alerts import add_chat
from tests.support.waiting import wait_until
from tests.support.web import free_port

pytestmark = pytest.mark.db
NOW = utcnow().replace(microsecond=0)


async def _fill(database: Database) -> int:
    chat_id = await add_chat(database, "retained")
    old, recent = NOW - timedelta(days=31), NOW - timedelta(days=29)
    async with database.transaction() as session:
        for text, done_at, ready, created in (
            ("done long ago", old, True, old),
            ("done lately", recent, True, old),
            ("still open", None, True, old),
            ("abandoned draft", None, False, NOW - timedelta(days=2)),
            ("fresh draft", None, False, NOW - timedelta(hours=2)),
        ):
            session.add(
                CallbackRequest(
                    chat_id=chat_id,
                    text=text,
                    language="sq",
                    phone="+38344123456",
                    done_at=done_at,
                    ready=ready,
                    created_at=created,
                )
            )
        await power_reports.record(session, chat_id, "dardania", old)
        await power_reports.record(session, chat_id, "qendra", recent)
        budgets.spend(session, budgets.REPORT, chat_id, "dardania", NOW - timedelta(hours=25))
        budgets.spend(session, budgets.REPORT, chat_id, "dardania", NOW - timedelta(minutes=5))
        session.add(ProofFailure(chat_id=chat_id, customer_code="DPR1", at=old))
        session.add(ProofFailure(chat_id=chat_id, customer_code="DPR1", at=NOW))
    return chat_id


async def _left(database: Database) -> tuple[list[str], list[str], int, int]:
    async with database.read() as session:
        texts = sorted((await session.scalars(select(CallbackRequest.text))).all())
        areas = sorted((await session.scalars(select(PowerReport.area_id))).all())
        spends = len((await session.scalars(select(BudgetSpend.id))).all())
        proofs = len((await session.scalars(select(ProofFailure.id))).all())
    return texts, areas, spends, proofs


async def test_done_requests_reports_and_counters_are_deleted_after_their_time(
    database: Database,
) -> None:
    await _fill(database)
    async with database.transaction() as session:
        purged = await purge(session, NOW, timedelta(days=30))
    assert (purged.callbacks, purged.drafts, purged.reports) == (1, 1, 1)
    assert (purged.spends, purged.proof_failures) == (1, 1)
    texts, areas, spends, proofs = await _left(database)
    assert texts == ["done lately", "fresh draft", "still open"]
    assert areas == ["qendra"] and (spends, proofs) == (1, 1)
    async with database.transaction() as session:
        again = await purge(session, NOW, timedelta(days=30))
    assert again.total == 0  # idempotent


async def test_the_job_of_the_running_bot_uses_the_setting(database: Database) -> None:
    await _fill(database)
    keep = timedelta(days=Settings(retention_days=7).retention_days)
    job = RetentionJob(database, keep=keep, interval=3600, clock=lambda: NOW)
    purged = await job.run_once()
    assert purged is not None and purged.callbacks == 2 and purged.reports == 2
    texts, areas, _spends, _proofs = await _left(database)
    assert texts == ["fresh draft", "still open"] and areas == []


def test_the_retention_setting_defaults_to_30_days_and_is_checked() -> None:
    assert Settings().retention_days == 30
    with pytest.raises(ValueError):
        Settings(retention_days=0)


async def test_kesco_bot_run_deletes_old_requests_on_its_own(
    tmp_path: Path, database: Database
) -> None:
    await _fill(database)
    settings = Settings(
        _env_file=None,
        database_url=database_url(tmp_path),
        telegram_token=None,
        viber_token=None,
        http_port=free_port(),
        retention_days=30,
    )
    runtime = Runtime(await build_app(settings))
    try:
        await runtime.start()

        async def deleted() -> bool:
            return "done long ago" not in (await _left(database))[0]

        await wait_until(deleted, timeout=20, what="the old rows deleted")
    finally:
        await runtime.stop()
    assert "done lately" in (await _left(database))[0]
