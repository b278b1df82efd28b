"""ViberChannel's life: webhook registration (with Viber's check call), ping, stop."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from bot.channels.inbound import Inbound
from bot.channels.viber import EVENT_TYPES, ViberApiError, ViberChannel
from handlers.messages import IncomingMessage, OutgoingMessage
from tests.fakes.viber_api import FakeViberApi
from tests.support.viber import TOKEN, MemoryLifecycle, serve

PUBLIC = "https://bot.kesco-energy.example/"


async def quiet(message: IncomingMessage) -> list[OutgoingMessage]:
    return []


def quiet_inbound() -> Inbound:
    return Inbound(quiet, MemoryLifecycle())


@pytest_asyncio.fixture
async def fake() -> AsyncIterator[FakeViberApi]:
    async with FakeViberApi(TOKEN) as server:
        yield server


async def test_start_registers_the_webhook_after_viber_checks_it(fake: FakeViberApi) -> None:
    channel = ViberChannel(TOKEN, fake.url, quiet_inbound(), MemoryLifecycle(), public_url=PUBLIC)
    runner, base = await serve(channel.aiohttp_routes())
    fake.probe_base = base
    try:
        await channel.start()
        assert fake.webhook == "https://bot.kesco-energy.example/webhooks/viber"
        assert fake.event_types == EVENT_TYPES
        method, body = fake.calls[0]
        assert method == "set_webhook" and body["send_name"] is False
        assert await channel.ping()
    finally:
        await channel.stop()
        await runner.cleanup()


async def test_start_fails_when_the_webhook_does_not_answer(fake: FakeViberApi) -> None:
    channel = ViberChannel(TOKEN, fake.url, quiet_inbound(), MemoryLifecycle(), public_url=PUBLIC)
    runner, base = await serve([])  # the bot's server runs, but without the Viber route
    fake.probe_base = base
    try:
        with pytest.raises(ViberApiError) as refused:
            await channel.start()
        assert refused.value.status == 1 and fake.webhook is None
    finally:
        await channel.stop()
        await runner.cleanup()


async def test_registration_is_retried_while_viber_is_unreachable(fake: FakeViberApi) -> None:
    channel = ViberChannel(
        TOKEN, fake.url, quiet_inbound(), MemoryLifecycle(), public_url=PUBLIC, register_retry=0.01
    )
    fake.queue_http_error(503, times=2)
    await channel.start()  # does not raise: the rest of the service keeps starting
    assert fake.webhook is None
    await channel.wait_registered()
    assert fake.webhook == "https://bot.kesco-energy.example/webhooks/viber"
    await channel.stop()


async def test_stop_cancels_a_pending_registration(fake: FakeViberApi) -> None:
    channel = ViberChannel(TOKEN, fake.url, quiet_inbound(), MemoryLifecycle(), public_url=PUBLIC)
    fake.queue_http_error(502)
    await channel.start()
    await channel.stop()
    assert fake.webhook is None


async def test_webhook_must_be_https(fake: FakeViberApi) -> None:
    channel = ViberChannel(
        TOKEN, fake.url, quiet_inbound(), MemoryLifecycle(), public_url="http://x.test"
    )
    with pytest.raises(ViberApiError, match="status 1"):
        await channel.start()
    await channel.stop()


async def test_without_public_url_nothing_is_registered(fake: FakeViberApi) -> None:
    channel = ViberChannel(TOKEN, fake.url, quiet_inbound(), MemoryLifecycle())
    await channel.start()
    assert fake.calls == [] and channel.webhook_url is None
    assert await channel.ping()
    await channel.stop()


async def test_ping_is_false_for_a_wrong_token_or_no_server(fake: FakeViberApi) -> None:
    wrong = ViberChannel("wrong-token", fake.url, quiet_inbound(), MemoryLifecycle())
    assert not await wrong.ping()
    await wrong.stop()
    fake.queue_http_error(502)
    channel = ViberChannel(TOKEN, fake.url, quiet_inbound(), MemoryLifecycle())
    assert not await channel.ping()
    assert await channel.ping() and await channel.ping()
    assert [method for method, _ in fake.calls].count("get_account_info") == 2  # 1 wrong, 1 ok
    fake.queue_http_error(502)
    assert not await channel.ping(max_age=0)
    await channel.stop()


def test_token_never_in_repr() -> None:
    channel = ViberChannel(TOKEN, None, quiet_inbound(), MemoryLifecycle(), public_url=PUBLIC)
    assert TOKEN not in repr(channel) and TOKEN not in repr(channel.api)
    assert channel.api.api_root == "https://chatapi.viber.com/pa"
    with pytest.raises(ValueError):
        ViberChannel("", None, quiet_inbound(), MemoryLifecycle())
