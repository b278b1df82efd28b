"""Services know channels only by their traits: the directory, ``chats.pushes`` (set when a
chat is created, backfilled by migration 0004, used by the fan-out), notice preview limits."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest
from alembic import command
from sqlalchemy import select, text

from bot.channels.registry import DIRECTORY
from handlers.conversation import Conversation
from handlers.turn import Deps
from services import alerts
from services.channels import ChannelDirectory, ChannelTraits
from services.db import Database
from services.db.alert_models import OutboxMessage
from services.db.database import alembic_config
from services.db.models import Chat
from services.db.types import utcnow
from services.notices.inputs import NoticeInput
from services.notices.preview import render_previews
from tests.fakes.chat import FakeChat
from tests.support.alerts import add_chat, bill_issued


def test_directory_lookup_and_defaults() -> None:
    directory = ChannelDirectory(
        [ChannelTraits("sms", pushes=True, text_limit=160), ChannelTraits("kiosk", pushes=False)]
    )
    assert directory.traits("sms") == ChannelTraits("sms", True, 160)
    assert not directory.pushes("kiosk") and directory.pushes("sms")
    assert directory.traits("carrier-pigeon") == ChannelTraits("carrier-pigeon", True, None)
    assert "sms" in directory and "carrier-pigeon" not in directory and len(directory) == 2
    assert directory.limited() == [ChannelTraits("sms", True, 160)]
    assert ChannelTraits("sms", text_limit=3).fits("abc")
    assert not ChannelTraits("sms", text_limit=3).fits("abcd")
    assert ChannelTraits("kiosk").fits("x" * 100_000)
    with pytest.raises(ValueError, match="listed twice"):
        ChannelDirectory([ChannelTraits("sms"), ChannelTraits("sms", pushes=False)])


@pytest.mark.db
async def test_the_conversation_creates_chats_with_their_channels_trait(
    demo_database: Database, deps: Deps
) -> None:
    conversation = Conversation(demo_database, dataclasses.replace(deps, channels=DIRECTORY))
    for channel in ("telegram", "console", "pager"):
        await FakeChat(conversation.handle, channel=channel, chat_id="7").say("/help")
    without_directory = Conversation(demo_database, deps)
    await FakeChat(without_directory.handle, channel="console", chat_id="8").say("/help")
    async with demo_database.transaction() as session:
        rows = (await session.execute(select(Chat.channel, Chat.external_id, Chat.pushes))).all()
    assert sorted(rows) == [
        ("console", "7", False),
        ("console", "8", True),  # no directory: the defaults
        ("pager", "7", True),  # a channel the directory does not list: the defaults
        ("telegram", "7", True),
    ]


@pytest.mark.db
async def test_the_fan_out_follows_pushes_not_channel_names(database: Database) -> None:
    await add_chat(database, "1", codes=["DPR100001"])
    await add_chat(database, "2", channel="console", codes=["DPR100001"])
    await add_chat(database, "3", channel="pager", codes=["DPR100001"])
    await add_chat(database, "4", codes=["DPR100001"], pushes=False)
    await add_chat(database, "5", channel="console", codes=["DPR100001"], pushes=True)
    result = await alerts.ingest_event(database, bill_issued(), default_language="en")
    assert result.recipients == 3
    async with database.transaction() as session:
        query = select(Chat.channel, Chat.external_id).join(
            OutboxMessage, OutboxMessage.chat_id == Chat.id
        )
        rows = sorted(tuple(row) for row in (await session.execute(query)).all())
    assert rows == [("console", "5"), ("pager", "3"), ("telegram", "1")]


@pytest.mark.db
async def test_migration_0004_keeps_the_old_audience(tmp_path) -> None:  # noqa: ANN001
    database = Database(f"sqlite+aiosqlite:///{tmp_path}/old.db")

    def upgrade_to(revision: str):  # noqa: ANN202
        def run(connection) -> None:  # noqa: ANN001
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, revision)

        return run

    try:
        async with database.engine.begin() as connection:
            await connection.run_sync(upgrade_to("0003"))
            for number, channel in enumerate(("telegram", "viber", "console", "fake")):
                await connection.execute(
                    text(
                        "INSERT INTO chats (channel, external_id, active, created_at,"
                        " last_seen_at) VALUES (:channel, :id, 1, :now, :now)"
                    ),
                    {"channel": channel, "id": str(number), "now": utcnow()},
                )
        await database.upgrade()
        async with database.transaction() as session:
            rows = (await session.execute(select(Chat.channel, Chat.pushes))).all()
            assert sorted(rows) == [
                ("console", False),
                ("fake", False),
                ("telegram", True),
                ("viber", True),
            ]
            session.add(Chat(channel="telegram", external_id="new"))
        async with database.transaction() as session:
            new = await session.scalar(select(Chat.pushes).where(Chat.external_id == "new"))
        assert new is True
    finally:
        await database.dispose()


def notice(reason: str) -> NoticeInput:
    start = utcnow() + timedelta(hours=1)
    return NoticeInput(
        "outage", "DPR", ("dardania",), start, start + timedelta(hours=2), {"sq": reason}
    )


def test_previews_say_which_channels_a_text_fits() -> None:
    directory = ChannelDirectory([ChannelTraits("sms", text_limit=300), ChannelTraits("kiosk")])
    short, long = (
        render_previews(notice("Trafo"), directory),
        render_previews(notice("x" * 400), directory),
    )
    assert short["sq"].fits == {"sms": True} and long["sq"].fits == {"sms": False}
    assert short["en"].fits == {"sms": True}  # only the Albanian reason was long
    assert render_previews(notice("x" * 400), ChannelDirectory())["sq"].fits == {}
