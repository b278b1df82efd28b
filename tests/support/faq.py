"""Shared test helpers (moved out of tests/test_ask_back.py)."""

from __future__ import annotations

from services.faq import FaqEngine

ENGINE = FaqEngine.load()
# Messages that sit between topics; the first that the engine asks back about is used, so the
# test follows the engine as it learns (it fails only if it answers or refuses all of them).
UNSURE = (
    "kam problem me pagesen",
    "nuk me del fatura",
    "uplata kroz aplikaciju pukne svaki put na kraju",
    "emailin e vjeter nuk e perdori ma, e ne app hala osht ai",
    "something is wrong with my account and the bill",
    "problem me llogarine dhe faturen",
    "imam problem sa nalogom i racunom",
    "ekesco bill problem",
)


def unsure_message(lang: str | None = None) -> str:
    for text in UNSURE:
        understanding = ENGINE.understand(text, lang)
        if understanding.id is None and len(understanding.choices) >= 2:
            return text
    raise AssertionError("the engine asks back about none of the unsure messages")


TOPICS = (
    "customer-code",
    "ekesco-register",
    "ekesco-register-blocked",
    "ekesco-register-error",
    "ekesco-login",
    "ekesco-password",
    "ekesco-payment-failed",
    "payment-banks",
    "paid-bill-still-shown",
    "bill-not-current",
    "update-contact-data",
    "bill-masked-data",
    "sms-not-received",
    "contact",
)


INTENTS = tuple(
    f"intent:{name}"
    for name in (
        "bill",
        "bill-high",
        "outage",
        "planned-work",
        "pay",
        "link",
        "alerts",
        "language",
        "report-outage",
        "danger",
        "human",
        "greeting",
        "thanks",
        "goodbye",
        "about",
    )
)
