"""The bill history of the backend contract: the demo's year of bills and its PDF, and the HTTP
backend against a fake backend with history and against one of the older contract."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest

from services.backend import BackendUnavailable
from services.backend.base import ESTIMATED, HIGH, LOW, READ, TOTAL, BillRecord
from services.backend.bill_pdf import bill_pdf
from services.backend.demo import DemoBackend
from services.backend.history import bill_document_of, bill_history_of
from services.backend.http import HttpBackend
from services.backend.records import record_to_json
from services.db import Database
from services.demo_seed import ensure_demo_customers
from tests.fakes.account_backend import FakeAccountBackend

TODAY = date(2026, 12, 8)


@pytest.fixture
async def demo(database: Database) -> DemoBackend:
    await ensure_demo_customers(database, TODAY)
    return DemoBackend(database)


def assert_valid_pdf(document: bytes) -> None:
    """The bytes are a PDF whose cross-reference table points at each of its objects."""
    assert document.startswith(b"%PDF-1.4\n") and document.endswith(b"%%EOF\n")
    start = int(re.search(rb"startxref\n(\d+)\n", document).group(1))  # type: ignore[union-attr]
    assert document[start:].startswith(b"xref\n0 ")
    offsets = [int(n) for n in re.findall(rb"(\d{10}) 00000 n ", document[start:])]
    assert len(offsets) >= 5
    for number, offset in enumerate(offsets, start=1):
        assert document[offset:].startswith(b"%d 0 obj\n" % number)
    length = int(re.search(rb"/Length (\d+)", document).group(1))  # type: ignore[union-attr]
    stream = document.index(b"stream\n") + len(b"stream\n")
    assert document[stream + length :].startswith(b"\nendstream")


async def test_the_demo_customers_have_a_year_of_bills_their_latest_unchanged(
    demo: DemoBackend,
) -> None:
    for code, amount in (("DPR100001", "42.50"), ("DGJ200002", "18.20"), ("DFE400004", "35.10")):
        history = await demo.bill_history(code)
        latest = await demo.latest_bill(code)
        assert latest is not None and latest.amount == Decimal(amount)
        assert len(history) == 12
        assert [r.period for r in history] == sorted((r.period for r in history), reverse=True)
        assert history[0].period == latest.period == "2026-11"
        assert history[0].amount == latest.amount and history[0].due_date == latest.due_date
        assert all(record.paid for record in history[1:])
        assert all(record.total_kwh and record.total_kwh > 0 for record in history)
    assert not (await demo.bill_history("DPR100001"))[0].paid
    assert (await demo.bill_history("DGJ200002"))[0].paid
    assert (await demo.bill_history("DFE400004"))[0].overdue(TODAY)


async def test_an_estimated_reading_then_a_real_one_and_a_winter_high(demo: DemoBackend) -> None:
    history = await demo.bill_history("DPR100001")
    assert [record.reading for record in history[:3]] == [READ, ESTIMATED, READ]
    latest, estimated, before = history[:3]
    assert estimated.total_kwh < before.total_kwh < latest.total_kwh  # type: ignore[operator]
    assert set(latest.consumption) == {HIGH, LOW}
    assert latest.days == 30 and estimated.days == 31
    by_month = {record.period[5:]: record.total_kwh for record in history}
    assert by_month["01"] == max(by_month.values())  # January, the winter high
    assert by_month["01"] > Decimal("1.5") * by_month["06"]  # type: ignore[operator]
    assert set((await demo.bill_history("DFE400004"))[0].consumption) == {TOTAL}


async def test_the_history_is_the_same_every_time(database: Database) -> None:
    await ensure_demo_customers(database, TODAY)
    first = await DemoBackend(database).bill_history("DGJ200002")
    await ensure_demo_customers(database, TODAY)
    assert await DemoBackend(database).bill_history("DGJ200002") == first


async def test_the_demo_draws_each_bill_as_a_pdf(demo: DemoBackend) -> None:
    document = await demo.bill_document("DPR100001", "2026-10")
    assert document is not None
    assert_valid_pdf(document)
    assert b"DPR100001" in document and b"2026-10" in document
    assert "vlerësuar".encode("cp1252") in document  # the estimated reading, in Albanian
    assert b"Krasniqi" not in document and b"Ramadani" not in document  # no personal data
    assert await demo.bill_document("DPR100001", "2019-01") is None
    assert await demo.bill_document("DPR999999", "2026-10") is None


def test_a_pdf_escapes_what_its_strings_cannot_hold() -> None:
    record = BillRecord("DPR1(2)\\", "2026-10", Decimal("1"), "EUR", TODAY, None)
    assert_valid_pdf(bill_pdf(record))
    assert b"DPR1\\(2\\)\\\\" in bill_pdf(record)


@pytest.fixture
async def served():  # noqa: ANN201
    servers = []

    async def serve(fake: FakeAccountBackend) -> HttpBackend:
        server = await fake.start()
        servers.append(server)
        url = str(server.make_url("")).rstrip("/")
        client = HttpBackend(url, fake.token, timeout=0.5, attempts=2, backoff=0.01)
        servers.append(client)
        return client

    yield serve
    for item in reversed(servers):
        await item.close()


async def test_the_http_backend_reads_the_history_and_the_document(
    demo: DemoBackend, served
) -> None:  # noqa: ANN001
    history = await demo.bill_history("DPR100001")
    items = [record_to_json(record) for record in history]
    items.insert(3, {"period": "2026-13", "amount": "1", "due_date": "2026-12-01"})  # bad
    items.append({**items[0], "customer_code": "DGJ200002"})  # of another code
    document = await demo.bill_document("DPR100001", "2026-11")
    assert document is not None
    fake = FakeAccountBackend(
        history={"DPR100001": items}, documents={("DPR100001", "2026-11"): document}
    )
    client = await served(fake)
    assert await client.bill_history("DPR100001") == history
    assert await client.bill_history("DPR999999") == []
    assert await client.bill_document("DPR100001", "2026-11") == document
    assert await client.bill_document("DPR100001", "2026-10") is None
    assert await client.bill_document("DPR100001", "../../x") is None


async def test_a_lone_number_is_the_total_and_missing_details_are_unknown(served) -> None:  # noqa: ANN001
    fake = FakeAccountBackend(
        history={
            "DPR100001": [
                {"period": "2026-11", "amount": "42.50", "due_date": "2026-12-05"},
                {
                    "period": "2026-10",
                    "amount": "30",
                    "due_date": "2026-11-05",
                    "consumption_kwh": 410,
                    "reading": "guessed",
                    "paid_on": "2026-11-01",
                },
            ]
        }
    )
    client = await served(fake)
    latest, before = await client.bill_history("DPR100001")
    assert latest.consumption == {} and latest.total_kwh is None and latest.reading == "unknown"
    assert not latest.paid and latest.days is None
    assert before.consumption == {TOTAL: Decimal(410)} and before.paid_on == date(2026, 11, 1)


@pytest.mark.parametrize("status", [None, 404, 405, 501])
async def test_a_backend_of_the_older_contract_has_no_history(served, status) -> None:  # noqa: ANN001
    fake = FakeAccountBackend(not_implemented=status)
    client = await served(fake)
    assert await client.bill_history("DPR100001") == []
    assert await client.bill_document("DPR100001", "2026-11") is None
    assert await client.latest_bill("DPR100001") is not None
    assert sum(path.endswith("/bills") for _method, path in fake.requests) == 1  # not retried


async def test_an_unusable_history_or_document_is_none_but_a_down_backend_is_unavailable(
    served,
) -> None:  # noqa: ANN001
    fake = FakeAccountBackend(history={}, documents={("DPR100001", "2026-11"): b"<html>"})
    client = await served(fake)
    assert await client.bill_document("DPR100001", "2026-11") is None  # not a PDF
    fake.malformed = True
    assert await client.bill_history("DPR100001") == []
    fake.malformed, fake.fail_next = False, 10
    with pytest.raises(BackendUnavailable):
        await client.bill_history("DPR100001")


async def test_an_in_process_backend_without_the_new_calls_has_no_history() -> None:
    class OlderBackend:
        async def latest_bill(self, code: str) -> None:
            return None

    assert await bill_history_of(OlderBackend(), "DPR100001") == []
    assert await bill_document_of(OlderBackend(), "DPR100001", "2026-11") is None


def test_file_links_are_made_only_when_configured_and_honour_the_rotation() -> None:
    from datetime import UTC, datetime, timedelta

    from services.file_links import FileLinks

    now = datetime(2026, 12, 8, 10, 0, tzinfo=UTC)
    assert FileLinks().bill_url("DPR100001", "2026-11", now) is None
    assert FileLinks(secret="s" * 40).bill_url("DPR100001", "2026-11", now) is None
    old = FileLinks("https://bot.example.test", "old-secret-" * 4)
    url = old.bill_url("DPR100001", "2026-11", now)
    assert url is not None
    expires, sig = (part.split("=")[1] for part in url.split("?")[1].split("&"))
    rotated = FileLinks(
        "https://bot.example.test", "new-secret-" * 4, "old-secret-" * 4, date(2026, 12, 8)
    )
    assert rotated.check_bill("DPR100001", "2026-11", expires, sig, now)
    assert not rotated.check_bill("DPR100001", "2026-11", expires, sig, now + timedelta(days=1))
    assert not FileLinks("https://x", "new-secret-" * 4).check_bill(
        "DPR100001", "2026-11", expires, sig, now
    )
    assert not old.check_bill("dpr100001", "2026-11", expires, sig, now)  # not the exact code
