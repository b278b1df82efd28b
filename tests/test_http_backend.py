"""The HTTP account backend client against a fake backend on 127.0.0.1."""

from __future__ import annotations

from decimal import Decimal

import pytest

from handlers.conversation import Conversation
from locales.i18n import translate
from services.backend import BackendError, BackendUnavailable
from services.backend.http import HttpBackend
from services.db import Database
from tests.fakes.account_backend import FakeAccountBackend
from tests.fakes.chat import FakeChat
from tests.fakes.deps import deps_for


@pytest.fixture
async def fake():  # noqa: ANN201
    backend = FakeAccountBackend()
    server = await backend.start()
    backend.url = str(server.make_url("")).rstrip("/")  # type: ignore[attr-defined]
    yield backend
    await server.close()


@pytest.fixture
async def client(fake):  # noqa: ANN001, ANN201
    http = HttpBackend(fake.url, fake.token, timeout=0.5, attempts=3, backoff=0.01)
    yield http
    await http.close()


async def test_customer_bill_and_proof(client: HttpBackend) -> None:
    customer = await client.get_customer("DPR100001")
    assert customer is not None and customer.area_id == "dardania"
    bill = await client.latest_bill("DPR100001")
    assert bill is not None and bill.amount == Decimal("42.50") and not bill.paid
    assert await client.verify_proof("DPR100001", Decimal("42.5"))
    assert not await client.verify_proof("DPR100001", Decimal("42.51"))
    assert await client.get_customer("DPR999999") is None
    assert await client.latest_bill("DPR999999") is None
    assert await client.ping()


async def test_transient_failures_are_retried(fake, client: HttpBackend) -> None:  # noqa: ANN001
    fake.fail_next = 2
    assert await client.get_customer("DPR100001") is not None
    assert len(fake.requests) == 3


async def test_a_backend_that_stays_down_is_reported(fake, client) -> None:  # noqa: ANN001
    fake.fail_next = 10
    with pytest.raises(BackendUnavailable):
        await client.get_customer("DPR100001")
    assert len(fake.requests) == 3


async def test_timeouts_and_refused_connections(fake) -> None:  # noqa: ANN001
    fake.delay = 1.0
    slow = HttpBackend(fake.url, fake.token, timeout=0.1, attempts=2, backoff=0.01)
    with pytest.raises(BackendUnavailable):
        await slow.latest_bill("DPR100001")
    await slow.close()
    closed = HttpBackend("http://127.0.0.1:9", "t", timeout=0.2, attempts=2, backoff=0.01)
    with pytest.raises(BackendUnavailable):
        await closed.get_customer("DPR100001")
    assert not await closed.ping()
    await closed.close()


async def test_wrong_token_and_malformed_answers(fake) -> None:  # noqa: ANN001
    wrong = HttpBackend(fake.url, "nope", attempts=1)
    with pytest.raises(BackendError):
        await wrong.get_customer("DPR100001")
    await wrong.close()
    fake.malformed = True
    client = HttpBackend(fake.url, fake.token, attempts=1)
    with pytest.raises(BackendError):
        await client.get_customer("DPR100001")
    await client.close()


@pytest.mark.db
async def test_conversation_over_http_backend_and_when_it_is_down(
    fake,
    database: Database,  # noqa: ANN001
) -> None:
    http = HttpBackend(fake.url, fake.token, timeout=0.5, attempts=2, backoff=0.01)
    deps = deps_for(http, default_language="en")
    chat = FakeChat(Conversation(database, deps).handle, language_hint="en")
    await chat.say("/link DPR100001")
    await chat.say("42.50")
    assert "is linked to this chat" in chat.text
    fake.fail_next = 100
    await chat.say("/bill")
    assert "I cannot reach the customer system now." in chat.text
    assert "0800 791 00" in chat.text
    fake.fail_next = 0
    await chat.say("/bill")
    assert "42.50" in chat.text
    await chat.say("/language")
    await chat.press("lang:sr")
    fake.fail_next = 100
    await chat.say("/bill")  # the apology in the chat's language, not the messenger's
    assert translate("I cannot reach the customer system now.", "sr") in chat.text
    await http.close()
