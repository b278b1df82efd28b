"""Answers staff keep, through the staff API: an admin adds a topic, previews the bot's answer
before publishing, publishes (versioned, audited), edits, goes back one version and takes the
topic away; operators read and preview only; every instance answers with the version in use,
without a restart."""

from __future__ import annotations

import copy

from handlers import ask_back
from locales.i18n import using_language
from services.db import Database
from services.knowledge import versions
from tests.support.knowledge import OFFICE_HOURS, instance
from tests.support.staff import StaffServer, staff_server_fixture  # noqa: F401
from tests.support.staff_calls import call
from tests.support.waiting import wait_until

QUESTION = "when is your office open"


async def test_a_topic_from_draft_to_every_instance_and_back(staff_server: StaffServer) -> None:
    first, second = instance(staff_server.database), instance(staff_server.database)
    assert (await first.chat().say(QUESTION))[0].text != OFFICE_HOURS["answers"]["en"]

    status, seen = await call(
        staff_server,
        "POST",
        "/api/v1/faq/preview",
        json={"question": QUESTION, "topic": {"id": "office-hours", **OFFICE_HOURS}},
    )
    assert status == 200, seen
    assert (seen["id"], seen["answer"]) == ("office-hours", OFFICE_HOURS["answers"]["en"])
    status, now = await call(
        staff_server, "POST", "/api/v1/faq/preview", json={"question": QUESTION}
    )
    assert now["id"] != "office-hours"  # the preview published nothing

    status, body = await call(
        staff_server, "PUT", "/api/v1/faq/topics/office-hours", json=OFFICE_HOURS
    )
    assert status == 200, body
    assert body["version"]["number"] == 1 and body["version"]["action"] == "topic.saved"
    for bot in (first, second):
        await bot.watcher.run_once()
    for bot in (first, second):
        replies = await bot.chat().say(QUESTION)
        assert replies[0].text == OFFICE_HOURS["answers"]["en"]

    edited = copy.deepcopy(OFFICE_HOURS)
    edited["answers"]["en"] = "Our offices are open 7:30–15:30 on working days."
    status, body = await call(staff_server, "PUT", "/api/v1/faq/topics/office-hours", json=edited)
    assert body["version"]["number"] == 2
    await second.watcher.run_once()
    assert (await second.chat().say(QUESTION))[0].text == edited["answers"]["en"]

    status, body = await call(staff_server, "POST", "/api/v1/faq/versions/1/restore")
    assert status == 200 and body["version"]["number"] == 3
    second.watcher.start()
    try:
        await wait_until(lambda: second.faq.version == 3, what="the restored version loaded")
    finally:
        await second.watcher.stop()
    assert (await second.chat().say(QUESTION))[0].text == OFFICE_HOURS["answers"]["en"]

    status, body = await call(staff_server, "DELETE", "/api/v1/faq/topics/office-hours")
    assert status == 200 and body["version"]["number"] == 4
    await first.watcher.run_once()
    assert "office-hours" not in first.faq.topic_ids
    status, listed = await call(staff_server, "GET", "/api/v1/faq/versions")
    assert [v["action"] for v in listed["versions"]] == [
        "topic.removed",
        "restored",
        "topic.saved",
        "topic.saved",
    ]
    status, audit = await call(staff_server, "GET", "/api/v1/audit")
    assert sum(entry["action"] == "faq.published" for entry in audit["entries"]) == 4


async def test_a_staff_topic_is_offered_when_the_bot_asks_back(staff_server: StaffServer) -> None:
    bot = instance(staff_server.database)
    await call(staff_server, "PUT", "/api/v1/faq/topics/office-hours", json=OFFICE_HOURS)
    await bot.watcher.run_once()
    with using_language("en"):
        asked = ask_back.ask_back(("office-hours", "contact"), bot.faq.title)
    buttons = [button for row in asked.buttons for button in row]
    assert (buttons[0].text, buttons[0].payload) == ("Office hours", "faq:office-hours")
    chat = bot.chat()
    chat.replies = [asked]
    replies = await chat.press("Office hours")
    assert replies[0].text == OFFICE_HOURS["answers"]["en"]
    assert bot.faq.title("office-hours", "sr-Latn") == "Radno vreme kancelarija"


async def test_operators_read_and_preview_but_do_not_publish(staff_server: StaffServer) -> None:
    token = await staff_server.add_staff("ana", "operator", "DPR")
    status, body = await call(
        staff_server, "PUT", "/api/v1/faq/topics/office-hours", token, json=OFFICE_HOURS
    )
    assert (status, body["field"]) == (403, "role")
    status, body = await call(staff_server, "GET", "/api/v1/faq/topics", token)
    assert (
        status == 200 and body["version"] is None and "customer-code" in body["builtin"]["topics"]
    )
    status, body = await call(
        staff_server,
        "POST",
        "/api/v1/faq/preview",
        token,
        json={"question": "ku e gjej shifren e konsumatorit"},
    )
    assert status == 200 and body["id"] == "customer-code"
    async with staff_server.database.transaction() as session:
        assert await versions.latest_number(session) == 0


async def test_what_is_refused_names_the_field(staff_server: StaffServer) -> None:
    answers = OFFICE_HOURS["answers"]
    no_example = {"titles": OFFICE_HOURS["titles"], "answers": answers}
    cases = [
        ("PUT", "/api/v1/faq/topics/Bad Id", OFFICE_HOURS, "id"),
        (
            "PUT",
            "/api/v1/faq/topics/office-hours",
            {**OFFICE_HOURS, "answers": {"sq": "x"}},
            "answers.en",
        ),
        ("PUT", "/api/v1/faq/topics/office-hours", no_example, "examples"),
        ("PUT", "/api/v1/faq/topics/intent:outage", {"answers": answers}, "answers"),
        ("PUT", "/api/v1/faq/topics/intent:danger", {"examples": {"en": ["x"]}}, "id"),
        ("POST", "/api/v1/faq/preview", {"question": ""}, "question"),
        ("POST", "/api/v1/faq/preview", {"question": "x", "language": "de"}, "language"),
    ]
    for method, path, body, field in cases:
        status, answer = await call(staff_server, method, path, json=body)
        assert (status, answer.get("field")) == (400, field), (path, body, answer)
    assert (await call(staff_server, "POST", "/api/v1/faq/versions/9/restore"))[0] == 404
    assert (await call(staff_server, "DELETE", "/api/v1/faq/topics/nothing-here"))[0] == 404


async def test_a_built_in_topic_gets_examples_and_an_answer_of_staff(database: Database) -> None:
    from services.knowledge.topics import StaffTopic
    from services.staff.accounts import admin_token_principal

    bot = instance(database)
    answer = {
        "sq": "Shifra është në krye të faturës.",
        "en": "The code is at the top of the bill.",
        "sr": "Шифра је на врху рачуна.",
    }
    async with database.transaction() as session:
        await versions.save_topic(
            session, admin_token_principal(), StaffTopic("customer-code", {}, answer, {})
        )
    await bot.watcher.run_once()
    replies = await bot.chat().say("where do I find my customer code")
    assert replies[0].text == answer["en"]
