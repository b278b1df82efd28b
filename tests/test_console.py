"""The console channel goes through the inbound pipeline like a messenger: lines in, replies
out with numbered buttons, an apology when the conversation fails."""

from __future__ import annotations

import io

from bot.channels.console import ConsoleChannel, pressed_button, render, to_incoming
from bot.channels.inbound import Inbound
from handlers.messages import Button, IncomingMessage, OutgoingMessage
from tests.support.viber import MemoryLifecycle
from tests.support.waiting import wait_until


class Scripted:
    def __init__(self) -> None:
        self.seen: list[IncomingMessage] = []

    async def __call__(self, message: IncomingMessage) -> list[OutgoingMessage]:
        self.seen.append(message)
        if message.text == "boom":
            raise RuntimeError("broken")
        buttons = ((Button("Bill", payload="cmd:bill"), Button("Pay", url="https://pay.test")),)
        return [OutgoingMessage(f"got {message.text or message.payload}", buttons)]


async def run_console(lines: str, default_language: str = "en") -> tuple[Scripted, str]:
    bot = Scripted()
    sink = io.StringIO()
    inbound = Inbound(bot, MemoryLifecycle(), default_language=default_language)
    await ConsoleChannel(inbound, io.StringIO(lines), sink).run()
    return bot, sink.getvalue()


async def test_lines_and_numbered_buttons() -> None:
    bot, out = await run_console("hello\n1\n2\n")
    assert [m.text or m.payload for m in bot.seen] == ["/start", "hello", "cmd:bill"]
    assert all(m.channel == "console" and m.chat_id == "console" for m in bot.seen)
    assert "got hello\n  [1] Bill\n  [2] Pay → https://pay.test" in out
    assert out.rstrip().endswith("Pay: https://pay.test")


async def test_a_failing_conversation_gets_the_apology_and_the_chat_goes_on() -> None:
    bot, out = await run_console("boom\nafter\n", default_language="sq")
    assert "Diçka shkoi keq. Ju lutem provoni përsëri pak më vonë." in out
    assert "got after" in out and len(bot.seen) == 3


async def test_start_and_stop_run_it_in_the_background() -> None:
    bot = Scripted()
    channel = ConsoleChannel(Inbound(bot, MemoryLifecycle()), io.StringIO(""), io.StringIO())
    await channel.start()
    await wait_until(lambda: bot.seen, what="the console's first message")
    await channel.stop()
    assert [m.text for m in bot.seen] == ["/start"]
    assert await channel.ping() is True and channel.aiohttp_routes() == []


def test_while_an_answer_is_awaited_numbers_are_text() -> None:
    cancel = ((Button("Cancel", "cmd:cancel"),),)
    replies = [OutgoingMessage("Send the amount", cancel, awaits_text=True)]
    text, buttons = render(replies)
    assert "  [#1] Cancel" in text
    typed = to_incoming("1", buttons, "c", typing=True)
    assert typed is not None and typed.text == "1"
    pressed = to_incoming("#1", buttons, "c", typing=True)
    assert pressed is not None and pressed.payload == "cmd:cancel"
    assert pressed_button("#1", buttons) is buttons[0]
