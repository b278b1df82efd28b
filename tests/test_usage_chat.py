"""/usage and "why is my bill so high?" through the real conversation on the demo backend:
the chart and its caption, never for a chat that has not proved the code, the explanation in
every language form for the demo customers (an estimate then a real reading, a winter high,
a one-rate meter), and a backend of the older contract without history."""

from __future__ import annotations

import struct
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from handlers.conversation import Conversation
from handlers.messages import IncomingMessage
from handlers.turn import Deps
from handlers.usage import kwh
from locales.i18n import period, translate, using_language
from locales.languages import CODES as LANGUAGES
from services.backend.base import COMPARISON_LENGTH, BillRecord
from services.backend.demo import DemoBackend
from services.backend.history import bill_history_of
from services.channels import ChannelDirectory, ChannelTraits
from services.db import Database
from services.db.support_models import CallbackRequest
from services.demo_seed import ensure_demo_customers
from services.usage.series import usage_series
from tests.fakes.chat import FakeChat
from tests.fakes.deps import deps_for

pytestmark = pytest.mark.db
TODAY = date(2026, 12, 8)  # the latest demo bills are of November 2026


@pytest.fixture
async def backend(database: Database) -> DemoBackend:
    await ensure_demo_customers(database, TODAY)
    return DemoBackend(database)


def uploading(deps: Deps) -> Deps:
    """The deps of a bot whose "fake" channel uploads files, as Telegram does."""
    traits = [ChannelTraits("fake", uploads_files=True)]
    return replace(deps, channels=ChannelDirectory(traits))


async def linked_chat(
    database: Database,
    backend: DemoBackend,
    language: str,
    *codes: tuple[str, str],
    chat_id: str = "100",
) -> FakeChat:
    deps = uploading(deps_for(backend, default_language="en"))
    chat = FakeChat(Conversation(database, deps).handle, chat_id=chat_id)
    await chat.say("/start")
    await chat.press(f"lang:{language}")
    for code, amount in codes:
        await chat.say(f"/link {code}")
        await chat.say(amount)
    return chat


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


async def history_of(backend: DemoBackend, code: str) -> list[BillRecord]:
    return await bill_history_of(backend, code, COMPARISON_LENGTH)


async def test_the_chart_is_a_png_whose_caption_gives_this_year_beside_last_year(
    database: Database, backend: DemoBackend
) -> None:
    chat = await linked_chat(database, backend, "en", ("DPR100001", "42.50"))
    await chat.say("/usage")
    [reply] = chat.replies
    assert reply.attachment is not None and reply.attachment.mime_type == "image/png"
    assert png_size(reply.attachment.data) == (800, 450)
    assert 5_000 < len(reply.attachment.data) < 300_000
    series = usage_series("DPR100001", await history_of(backend, "DPR100001"))
    assert series is not None and len(series.months) == 12 and series.latest == "2026-11"
    lines = reply.text.splitlines()
    for month in series.months:
        assert month.kwh is not None and month.year_before_kwh is not None
        with using_language("en"):
            label = period(month.period)
        [line] = [line for line in lines if line.startswith(f"{label}: ")]
        expected = f"{label}: {month.kwh:,.0f} ({month.year_before_kwh:,.0f})"
        assert line.startswith(expected), (line, expected)
    assert "October 2026: 308 (396), estimated reading" in lines  # the estimate of DPR100001
    assert series.months[-1].kwh != series.months[-1].year_before_kwh  # a year to compare
    assert "usage:why:DPR100001" in chat.payloads()


async def test_bill_offers_the_chart_and_why_and_the_chart_answers_in_serbian_latin(
    database: Database, backend: DemoBackend
) -> None:
    chat = await linked_chat(database, backend, "sr-Latn", ("DGJ200002", "18.20"))
    await chat.say("/bill")
    assert {"cmd:usage", "usage:why"} <= set(chat.payloads())
    await chat.press("cmd:usage")
    [reply] = chat.replies
    assert reply.text.startswith("📈 DGJ200002: potrošena struja, kWh po mesecu")
    assert "novembar 2026: " in reply.text and "oktobar 2026: " in reply.text
    assert reply.attachment is not None and png_size(reply.attachment.data) == (800, 450)


async def test_no_chart_nor_explanation_for_a_chat_that_has_not_proved_the_code(
    database: Database, backend: DemoBackend
) -> None:
    chat = await linked_chat(database, backend, "en", ("DPR100001", "41.00"))  # a wrong amount
    for ask in ("/usage", "usage:why:DPR100001", "usage:reading:DPR100001", "usage:why"):
        if ask.startswith("/"):
            await chat.say(ask)
        else:
            await chat._send(  # a forged button naming a code this chat does not hold
                IncomingMessage("fake", chat.chat_id, chat.chat_id, payload=ask)
            )
        assert all(reply.attachment is None for reply in chat.replies)
        assert "kWh" not in chat.text and "42" not in chat.text, chat.text
    other = await linked_chat(database, backend, "en", ("DGJ200002", "18.20"), chat_id="200")
    await other._send(
        IncomingMessage("fake", other.chat_id, other.chat_id, payload="usage:why:DPR100001")
    )
    assert "not linked to this chat" in other.text and "kWh" not in other.text


@pytest.mark.parametrize("language", LANGUAGES)
async def test_estimated_then_read_is_explained_in_every_language(
    database: Database, backend: DemoBackend, language: str
) -> None:
    chat = await linked_chat(database, backend, language, ("DPR100001", "42.50"))
    await chat.say("/bill")
    await chat.press("usage:why")
    [reply] = chat.replies
    with using_language(language):
        october, november_before = period("2026-10"), period("2025-11")
        catch_up = translate(
            "The bill of {period} was based on an estimated reading ({kwh}), and this one "
            "on a real reading of your meter. A real reading corrects the estimate: if the "
            "estimate was too low, what it left out is billed now."
        ).format(period=october, kwh=translate("{kwh} kWh").format(kwh="308"))
        more = translate("Consumption: {n}% more than in {period} ({kwh} kWh then).")
        versus_october = more.format(n=122, period=october, kwh="308")
        versus_last_year = more.format(n=38, period=november_before, kwh="496")
        day_rate = translate(
            "{n}% of this bill's kWh were used at the day rate, the more expensive one; in the "
            "bill before, {before}%."
        ).format(n=67, before=67)
    for sentence in (catch_up, versus_october, versus_last_year, day_rate):
        assert f"• {sentence}" in reply.text, (sentence, reply.text)
    assert {
        "usage:reading:DPR100001",
        "usage:check:DPR100001:2026-11",
        "cmd:human",
    } <= set(chat.payloads())


@pytest.mark.parametrize("language", LANGUAGES)
async def test_a_winter_high_is_shown_against_last_year_in_every_language(
    database: Database, backend: DemoBackend, language: str
) -> None:
    chat = await linked_chat(database, backend, language, ("DGJ200002", "18.20"))
    await chat.say("/bill")
    await chat.press("usage:why")
    [reply] = chat.replies
    records = {r.period: r for r in await history_of(backend, "DGJ200002")}
    now, before = records["2026-11"].total_kwh, records["2026-10"].total_kwh
    year_before, ahead = records["2025-11"].total_kwh, records["2025-10"].total_kwh
    assert now and before and year_before and ahead and now > before and year_before > ahead
    with using_language(language):
        rise = translate(
            "A year earlier too, your consumption rose in {month}: {n}% more than the "
            "month before it."
        ).format(month=period("2025-11"), n=round((year_before - ahead) * 100 / ahead))
        less = translate("Consumption: {n}% less than in {period} ({kwh} kWh then).").format(
            n=round((year_before - now) * 100 / year_before),
            period=period("2025-11"),
            kwh=kwh(year_before),
        )
        estimate = translate("estimated reading")
    assert f"• {rise}" in reply.text and f"• {less}" in reply.text, reply.text
    assert estimate not in reply.text  # no estimate in this customer's history


@pytest.mark.parametrize("language", LANGUAGES)
async def test_a_backend_without_history_gets_a_polite_answer(
    database: Database, backend: DemoBackend, language: str
) -> None:
    chat = await linked_chat(database, backend, language, ("DFE400004", "35.10"))
    deps = uploading(deps_for(OlderBackend(backend), default_language="en"))
    older = FakeChat(Conversation(database, deps).handle, chat_id=chat.chat_id)
    await older._send(IncomingMessage("fake", chat.chat_id, chat.chat_id, payload="usage:why"))
    with using_language(language):
        polite = translate(
            "I cannot see the earlier bills of {code} here, so I cannot tell what changed. The "
            "call centre can go through the bill with you:"
        ).format(code="DFE400004")
    assert older.text.startswith(polite) and "0800 791 00" in older.text
    assert "cmd:human" in older.payloads()
    await older.say("/usage")
    assert all(reply.attachment is None for reply in older.replies)
    assert "0800 791 00" in older.text


class OlderBackend:
    """The account backend of the older contract: customers and latest bills, no history."""

    def __init__(self, backend: DemoBackend) -> None:
        self._backend = backend

    async def get_customer(self, code: str):  # noqa: ANN201
        return await self._backend.get_customer(code)

    async def latest_bill(self, code: str):  # noqa: ANN201
        return await self._backend.latest_bill(code)

    async def verify_proof(self, code: str, amount: Decimal) -> bool:
        return await self._backend.verify_proof(code, amount)

    async def ping(self) -> bool:
        return True


async def test_a_reading_reported_becomes_a_call_back_request_about_that_code(
    database: Database, backend: DemoBackend
) -> None:
    chat = await linked_chat(database, backend, "en", ("DPR100001", "42.50"))
    await chat.say("/bill")
    await chat.press("usage:why")
    await chat.press("usage:reading:DPR100001")
    assert chat.replies[0].awaits_text
    await chat.say("no idea")
    assert "in numbers" in chat.text
    await chat.say("day 12345, night 6789")
    assert "Meter reading of DPR100001: day 12345, night 6789" in chat.text
    await chat.say("044 123 456")
    assert "A colleague will call you back" in chat.text
    async with database.read() as session:
        [row] = list(await session.scalars(select(CallbackRequest)))
    assert row.ready and row.customer_code == "DPR100001" and "12345" in row.text
