"""The bulk path of alerts posts the same JSON PTB would, and reads Telegram's errors as PTB
does; the events API lets urgent events go the paid way when the setting says so."""

from __future__ import annotations

import json

import pytest

from bot.channels.protocol import PermanentFailure, RecipientGone, RetryLater, TransientFailure
from bot.channels.telegram.alert_bodies import AlertBodies
from bot.channels.telegram.callback_data import CallbackPayloads
from bot.channels.telegram.convert import outgoing_to_json, outgoing_to_requests
from bot.channels.telegram.sender import answer_error
from handlers.messages import Button, OutgoingMessage
from services.alerts.fast import backend_event_fast, notice_may_be_fast


def as_json(kwargs: dict[str, object]) -> dict[str, object]:
    return {k: v.to_dict() if hasattr(v, "to_dict") else v for k, v in kwargs.items()}


def test_the_bulk_json_is_what_ptb_sends() -> None:
    message = OutgoingMessage(
        "⚡ " + "Ndërprerje e energjisë. " * 300,
        (
            (Button("⚡ Outages", payload="cmd:outages"), Button("Pay", url="https://pay.example")),
            (Button("Long", payload="x" * 100),),
        ),
        silent=True,
    )
    payloads = CallbackPayloads()
    assert outgoing_to_json(message, payloads) == [
        as_json(kwargs) for kwargs in outgoing_to_requests(message, payloads)
    ]
    assert len(outgoing_to_json(message, payloads)) == 2  # split at 4096


def test_bodies_encoded_once_are_the_same_json() -> None:
    message = OutgoingMessage(
        '⚡ "Ndërprerje" ' + "e energjisë. " * 400,
        ((Button("⚡ Outages", payload="cmd:outages"), Button("Long", payload="y" * 100)),),
    )
    payloads = CallbackPayloads(capacity=1)
    bodies = AlertBodies(payloads)
    for chat_id, paid in ((123, False), ("@kesco", True), (456, False)):
        expected = [
            {"chat_id": chat_id, **body, **({"allow_paid_broadcast": True} if paid else {})}
            for body in outgoing_to_json(message, CallbackPayloads())
        ]
        assert [json.loads(body) for body in bodies.bodies(chat_id, message, paid)] == expected
    token = outgoing_to_json(message, payloads)[-1]["reply_markup"]["inline_keyboard"][0][1]
    payloads.encode("z" * 100)  # another long payload pushes the alert's out of the memory...
    bodies.bodies(789, message, False)  # ...and sending the alert again brings it back
    assert payloads.decode(token["callback_data"]) == "y" * 100


@pytest.mark.parametrize(
    ("answer", "error"),
    [
        (
            {
                "error_code": 429,
                "description": "Too Many Requests: retry after 3",
                "parameters": {"retry_after": 3},
            },
            RetryLater,
        ),
        (
            {"error_code": 403, "description": "Forbidden: bot was blocked by the user"},
            RecipientGone,
        ),
        ({"error_code": 400, "description": "Bad Request: chat not found"}, PermanentFailure),
        (
            {
                "error_code": 400,
                "description": "Bad Request: group chat was upgraded",
                "parameters": {"migrate_to_chat_id": -1001},
            },
            PermanentFailure,
        ),
        ({"error_code": 401, "description": "Unauthorized"}, PermanentFailure),
        ({"error_code": 500, "description": "Internal Server Error"}, TransientFailure),
    ],
)
def test_errors_are_read_as_ptb_reads_them(answer: dict[str, object], error: type) -> None:
    failure = answer_error({"ok": False, **answer})
    assert type(failure) is error
    if isinstance(failure, RetryLater):
        assert failure.retry_after == 3


def test_who_may_go_the_paid_way() -> None:
    assert not backend_event_fast("off", "outage.started")
    assert backend_event_fast("urgent", "outage.restored")
    assert not backend_event_fast("urgent", "bill.issued")
    assert backend_event_fast("all", "bill.issued")
    assert notice_may_be_fast("urgent", "outage")
    assert not notice_may_be_fast("urgent", "planned_work")
    assert notice_may_be_fast("all", "planned_work") and not notice_may_be_fast("off", "outage")
