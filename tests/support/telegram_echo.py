"""Shared test helpers (moved out of tests/test_telegram_channel.py)."""

from __future__ import annotations

from handlers.messages import Button, IncomingMessage, OutgoingMessage

CHAT = 5512345678
PAY_URL = "https://pay.example.test/kesco?code=DPR100001&amount=42.50"


class EchoBot:
    """A stand-in conversation that records what it was given."""

    def __init__(self) -> None:
        self.seen: list[IncomingMessage] = []

    async def __call__(self, incoming: IncomingMessage) -> list[OutgoingMessage]:
        self.seen.append(incoming)
        if incoming.payload:
            return [OutgoingMessage(f"pressed {incoming.payload}")]
        text = incoming.text or ""
        if text == "/start":
            languages = (Button("Shqip", payload="lang:sq"), Button("English", payload="lang:en"))
            return [OutgoingMessage("Welcome"), OutgoingMessage("Choose:", buttons=(languages,))]
        if text == "/pay":
            return [OutgoingMessage("Pay 42.50 EUR", buttons=((Button("Pay", url=PAY_URL),),))]
        if text == "boom":
            raise RuntimeError("the conversation broke")
        if text == "long":
            return [OutgoingMessage("word " * 1000, buttons=((Button("More", payload="more"),),))]
        return [OutgoingMessage(f"echo {text} [{incoming.language_hint}]")]
