"""The service layer as the account backend uses it: ``services.api`` in a separate Python
process, on the bot's database, with no module of ``bot/`` or ``handlers/`` (nor a messenger SDK
or a web server) ever imported there. The chats are made first through the real conversation."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from handlers.conversation import Conversation
from services.db import Database
from tests.fakes.chat import FakeChat

pytestmark = pytest.mark.db
ROOT = Path(__file__).resolve().parent.parent

BACKEND = textwrap.dedent(
    """
    import asyncio, json, sys

    from services.api import (
        BillLinkStatus, Database, DeepLinks, EventRejected, FaqEngine, broadcast_progress,
        chat_linking, count_recipients, ingest_event, linked_chats, qr_png, qr_svg,
        unlink_everywhere,
    )

    EVENT = {"id": "backend-bill-1", "type": "bill.issued", "occurred_at": "2026-11-20T10:00:00Z",
             "customer_code": "DPR100001", "amount": "42.50", "currency": "EUR",
             "period": "2026-10", "due_date": "2026-12-05"}

    async def main():
        database = Database(sys.argv[1])
        await database.upgrade()
        out = {"would_reach": await count_recipients(database, EVENT)}
        result = await ingest_event(database, EVENT, default_language="en")
        out["ingest"] = [result.status, result.recipients]
        out["again"] = (await ingest_event(database, EVENT)).status
        try:
            await ingest_event(database, {**EVENT, "id": "bad", "customer_code": "XYZ"})
        except EventRejected as error:
            out["rejected"] = error.field
        out["progress"] = await broadcast_progress(database, "backend-bill-1")
        chats = await linked_chats(database, "dpr 100-001")
        out["linked"] = [[c.channel, c.proved, c.active] for c in chats]
        state = await chat_linking(database, "viber", "v-member")
        out["viber"] = [list(state.proved), list(state.shared), state.locked_until]
        out["unknown_chat"] = await chat_linking(database, "viber", "nobody")
        links = DeepLinks(secret="backend-secret", telegram_bot="KescoBot", viber_chat_uri="kesco")
        bill = links.bill_links("DPR100001", None)
        out["bill"] = [bill.telegram, bill.viber, links.read_bill(bill.payload).status.value]
        out["qr"] = [qr_svg(bill.telegram).startswith("<svg"), qr_png(bill.viber)[:4].hex()]
        out["faq"] = FaqEngine.load().understand("ska rrymë në lagjen time").id
        out["unlinked"] = await unlink_everywhere(database, "DPR100001")
        out["after"] = await linked_chats(database, "DPR100001")
        await database.dispose()
        forbidden = ("bot", "handlers", "telegram", "viberbot")
        out["modules"] = sorted(
            name for name in sys.modules
            if name.split(".")[0] in forbidden or name.startswith("aiohttp.web")
        )
        print(json.dumps(out, default=str))

    asyncio.run(main())
    """
)


async def test_the_backend_uses_the_service_layer_without_the_bot(
    conversation: Conversation, demo_database: Database
) -> None:
    owner = FakeChat(conversation.handle, channel="telegram", chat_id="t-owner")
    await owner.say("/link DPR100001")
    await owner.say("42.50")
    await owner.say("/share")
    code = owner.text.split("/share ", 1)[1].split()[0]
    member = FakeChat(conversation.handle, channel="viber", chat_id="v-member")
    await member.say(f"/share {code}")
    url = demo_database.engine.url.render_as_string(hide_password=False)
    env = {k: v for k, v in os.environ.items() if not k.startswith("KESCO_")}
    done = subprocess.run(
        [sys.executable, "-c", BACKEND, url],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["modules"] == []
    assert out["would_reach"] == 2
    assert out["ingest"] == ["applied", 2] and out["again"] == "duplicate"
    assert out["rejected"] == "customer_code"
    assert out["progress"]["queued"] == 2
    assert out["linked"] == [["telegram", True, True], ["viber", False, True]]
    assert out["viber"] == [[], ["DPR100001"], None]
    assert out["unknown_chat"] is None
    telegram, viber, status = out["bill"]
    assert telegram.startswith("https://t.me/KescoBot?start=DPR100001_0_")
    assert viber.startswith("viber://pa?chatURI=kesco&context=DPR100001_0_")
    assert status == "valid"
    assert out["qr"] == [True, "89504e47"]
    assert out["faq"] == "intent:report-outage"
    assert out["unlinked"] == 2 and out["after"] == []
