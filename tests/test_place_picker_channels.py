"""The place picker within the messengers' limits (issue 23): through the real PTB client and
the strict fake Bot API (at most 100 inline buttons, 8 a row, callback data of 64 bytes), a
long level pages in place, searching by name works at any level; on Viber every button of
every level fits the keyboard (24 rows of 6 columns, 20 KB), none dropped."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.channels.viber.outgoing import MAX_GRID_ROWS, fitted_keyboard
from handlers.conversation import Conversation
from handlers.messages import IncomingMessage, OutgoingMessage
from services.db import Database
from services.lifecycle import DatabaseChatLifecycle
from services.places import in_use, tree
from tests.fakes.telegram_api import MAX_INLINE_BUTTONS
from tests.support.telegram import running_channel
from tests.support.telegram_users import CHAT, TelegramUser, buttons, text

pytestmark = pytest.mark.db


@pytest.fixture
def long_level() -> Iterator[list[str]]:
    """Podujevë with 40 villages of long names (three pages), while the test runs."""
    base = in_use.place_tree()
    villages = [
        tree.Place(
            f"test-village-{n:02}", "settlement", "podujeve", {"sq": f"Fshati i Sipërm {n:02}"}
        )
        for n in range(40)
    ]
    in_use.use_tree(tree.PlaceTree([*base.all(), *villages]))
    yield [village.id for village in villages]
    in_use.use_tree(base)


async def test_the_picker_pages_and_searches_through_the_bot_api(
    conversation: Conversation, demo_database: Database, long_level: list[str]
) -> None:
    async with running_channel(conversation.handle, DatabaseChatLifecycle(demo_database)) as run:
        user = TelegramUser(run.api, webhook=False, inbound=run.inbound)
        await user.press("lang:en")
        await user.say("/outages")
        [districts] = await user.press("follow:")
        picker = run.api.sent_ids(CHAT)[-1]
        await user.press("follow:DPR")
        [first] = await user.press("follow:podujeve")
        assert first["message_id"] == picker and "Page 1 of 3." in first["text"]
        [second] = await user.press("follow:podujeve:1")
        assert second["message_id"] == picker and "Page 2 of 3." in second["text"]
        shown = [b["callback_data"] for b in buttons([second])]
        assert f"area:{long_level[16]}" in shown and f"area:{long_level[0]}" not in shown
        [followed] = await user.press(f"area:{long_level[20]}")
        assert "✓ Fshati i Sipërm 20" in [b["text"] for b in buttons([followed])]
        [prompt] = await user.press("follow:?podujeve")
        assert "Type the name of the place in Podujevë to follow:" in prompt["text"]
        replies = await user.say("fshati i siperm 33")
        assert "You now follow Fshati i Sipërm 33" in text(replies)
        replies = await user.say("fush kosov")  # the level shown: a name is looked for
        assert "You now follow Fushë Kosovë" in text(replies)
        for reply in [districts, first, second, followed, prompt, *run.api.sent(CHAT)]:
            rows = reply.get("reply_markup", {}).get("inline_keyboard", [])
            assert sum(len(row) for row in rows) <= MAX_INLINE_BUTTONS
        assert run.api.rejected == []


@pytest.mark.parametrize("language", ["sq", "sr"])
async def test_every_level_fits_a_viber_keyboard(
    conversation: Conversation, long_level: list[str], language: str
) -> None:
    async def press(payload: str) -> list[OutgoingMessage]:
        message = IncomingMessage("viber", "v-7", payload=payload, language_hint=language)
        return await conversation.handle(message)

    levels = ["follow:", "follow:DPR", "follow:podujeve", "follow:podujeve:2", "follow:prishtine"]
    levels += ["rep:d", "rep:d:DPR", "rep:d:podujeve:1", f"area:{long_level[3]}"]
    for payload in levels:
        [reply] = await press(payload)
        rows = reply.buttons
        assert len(rows) <= MAX_GRID_ROWS, payload
        keyboard = fitted_keyboard(rows)
        assert keyboard is not None
        assert len(keyboard["Buttons"]) == len(reply.all_buttons()), payload  # none dropped


async def test_the_console_picks_by_number_and_follows_a_typed_name(
    conversation: Conversation, demo_database: Database
) -> None:
    import io

    from bot.channels.console import ConsoleChannel
    from bot.channels.inbound import Inbound
    from tests.support.viber import MemoryLifecycle

    sink = io.StringIO()
    # English; /outages, 2: "Follow an area"; a name typed while the districts are shown
    # (numbers are then text, "#n" presses); "#3": Fushë Kosovë, ticked, among Prishtina's;
    # "#1": the whole district, which says it is the district
    script = "/language\n2\n/outages\n2\nfush kosov\n#3\n#1\n"
    inbound = Inbound(conversation.handle, MemoryLifecycle(), default_language="en")
    await ConsoleChannel(inbound, io.StringIO(script), sink).run()
    out = sink.getvalue()
    assert "  [#3] ✓ Fushë Kosovë" in out
    assert "You now follow Fushë Kosovë" in out
    assert "You no longer follow Fushë Kosovë" in out
    assert "You now follow Prishtina (district): you will hear" in out
