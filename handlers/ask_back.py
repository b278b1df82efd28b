"""Asking back: when the bot is unsure, it offers the two or three likeliest topics as buttons,
and a person; a tap answers. When a message is clearly out of scope, it says what it can do
and how to reach the call centre.

A topic's button sends ``faq:<topic id>`` (answered here); an intent's button runs its
command (``cmd:<name>``) or its flow (reporting no power), so every choice answers when tapped.
"""

from __future__ import annotations

from collections.abc import Callable

from handlers import keyboards, report
from handlers.messages import Button, OutgoingMessage
from handlers.turn import Turn
from locales.i18n import N_, _, current_language

PREFIX = "faq"
TITLES = {
    "customer-code": N_("Where is my customer code"),
    "ekesco-register": N_("Registering in eKesco"),
    "ekesco-register-blocked": N_("Registering: the code is already taken"),
    "ekesco-register-error": N_("An error while registering in eKesco"),
    "ekesco-login": N_("I cannot log in to eKesco"),
    "ekesco-password": N_("A forgotten or new password"),
    "ekesco-payment-failed": N_("A payment in eKesco failed"),
    "payment-banks": N_("Paying at a bank"),
    "paid-bill-still-shown": N_("I paid, but the bill is still shown"),
    "bill-not-current": N_("The bill or reading is not up to date"),
    "update-contact-data": N_("Changing my phone number or e-mail"),
    "bill-masked-data": N_("Name or address hidden on the bill"),
    "sms-not-received": N_("The SMS code does not arrive"),
    "contact": N_("KESCO's phone and e-mail"),
    "intent:bill": N_("🧾 My bill"),
    "intent:bill-high": N_("❓ Why is my bill so high?"),
    "intent:pay": N_("💳 Pay"),
    "intent:link": N_("🔗 Link a customer code"),
    "intent:outage": N_("⚡ Outages"),
    "intent:planned-work": N_("🛠 Planned works"),
    "intent:alerts": N_("🔔 Alerts"),
    "intent:language": N_("🌐 Language"),
    "intent:report-outage": N_("🔦 Report no power"),
    "intent:human": N_("👤 Talk to a person"),
}
INTENT_PAYLOADS = {
    "intent:bill": "cmd:bill",
    "intent:bill-high": "usage:why",
    "intent:pay": "cmd:pay",
    "intent:link": "cmd:link",
    "intent:outage": "cmd:outages",
    "intent:planned-work": "cmd:outages",
    "intent:alerts": "cmd:alerts",
    "intent:language": "cmd:language",
    "intent:report-outage": f"{report.PREFIX}:start",
    "intent:human": "cmd:human",
}
PERSON = "cmd:human"


Titles = Callable[[str, str], str | None]


def payload_of(choice: str, staff: bool = False) -> str | None:
    """What the button of ``choice`` (a topic or intent id) sends; None: no button for it.
    ``staff``: ``choice`` is a topic staff added (answered like a built-in one)."""
    if choice in INTENT_PAYLOADS:
        return INTENT_PAYLOADS[choice]
    return f"{PREFIX}:{choice}" if choice in TITLES or staff else None


def _title(choice: str, titles: Titles | None) -> str | None:
    """The button's label: a built-in title, or a staff topic's own (in the chat's language)."""
    if choice in TITLES:
        return _(TITLES[choice])
    return titles(choice, current_language()) if titles is not None else None


def ask_back(choices: tuple[str, ...], titles: Titles | None = None) -> OutgoingMessage:
    """Asks "did you mean…?" with one button per choice, one to a row, and "talk to a person".
    ``titles`` gives the titles of the topics staff added (``LiveFaq.title``)."""
    rows: list[tuple[Button, ...]] = []
    for choice in choices:
        label = _title(choice, titles)
        payload = payload_of(choice, staff=label is not None)
        if label is not None and payload is not None and payload != PERSON:
            rows.append((Button(label, payload=payload),))
    rows.append((Button(_(TITLES["intent:human"]), payload=PERSON),))
    return OutgoingMessage(_("I am not sure I understood. Did you mean one of these?"), tuple(rows))


def refusal() -> OutgoingMessage:
    """Clearly out of scope: what the bot can do, the call centre, and the menu."""
    text = "\n".join(
        (
            _(
                "I can't help with that here. I can show and pay your bill, tell you about "
                "outages and planned works, send you alerts and answer questions about eKesco. "
                "For anything else:"
            ),
            keyboards.contacts_text(),
        )
    )
    return OutgoingMessage(text, keyboards.menu())


def faq_answer(turn: Turn, topic_id: str) -> OutgoingMessage:
    """The knowledge base's answer to ``topic_id`` in the chat's language, as a message."""
    assert turn.deps.faq is not None
    answer = turn.deps.faq.answer(topic_id, current_language())
    rows = tuple(
        (Button(b.label, url=b.url) if b.url else Button(b.label, payload=b.action),)
        for b in answer.buttons
    )
    return OutgoingMessage(answer.text, rows)


async def on_button(turn: Turn) -> list[OutgoingMessage]:
    """A topic chosen from the choices: its answer, in the chat's language."""
    faq = turn.deps.faq
    if faq is None or turn.args not in faq.topic_ids:
        return [refusal()]
    return [faq_answer(turn, turn.args)]
