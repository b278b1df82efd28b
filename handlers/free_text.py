"""Free text: a FAQ topic gets its answer, an intent runs its feature, small talk gets a short
answer; when the bot is unsure it asks back with the likeliest topics as buttons and a person,
and when the message is clearly out of scope it says what it can do and how to reach the call
centre (:mod:`handlers.ask_back`). Danger comes first: the engine's safety check decides it
before anything else. A message refused or asked back about is kept for staff, masked and with
nothing of the chat (:mod:`services.knowledge.unanswered`).

A message about outages or power that names a place ("s'ka rrymë në Bregun e Diellit"), or
that is no more than a place's name, is answered for that place (:mod:`handlers.place_talk`).

When a message is written in another language than the chat's, the bot offers to switch.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from handlers import (
    ask_back,
    bill_high,
    danger,
    keyboards,
    place_talk,
    report,
    share,
    small_talk,
)
from handlers.messages import Button, OutgoingMessage
from handlers.turn import Turn
from locales import languages
from locales.i18n import _, current_language, using_language
from services import share_codes
from services.knowledge import unanswered

CommandRunner = Callable[[Turn, str], Awaitable[list[OutgoingMessage]]]
INTENT_COMMANDS = {
    "intent:bill": "bill",
    "intent:pay": "pay",
    "intent:link": "link",
    "intent:language": "language",
    "intent:outage": "outages",
    "intent:planned-work": "outages",
    "intent:alerts": "alerts",
    "intent:human": "human",
}
INTENT_HANDLERS = {
    danger.DANGER: danger.on_danger,
    "intent:report-outage": report.on_report,
    "intent:bill-high": bill_high.on_bill_high,
}
MIN_WORDS_TO_OFFER_SWITCH = 2


faq_answer = ask_back.faq_answer


async def on_contact(turn: Turn) -> list[OutgoingMessage]:
    if turn.deps.faq is not None:
        return [faq_answer(turn, "contact")]
    return [OutgoingMessage(keyboards.contacts_text())]


def not_sure() -> OutgoingMessage:
    return OutgoingMessage(
        _("I am not sure I understood. You can choose from the menu, or ask our call centre:")
        + "\n"
        + keyboards.contacts_text(),
        keyboards.menu(),
    )


def _switch_offer(message_language: str, text: str) -> OutgoingMessage | None:
    chat_language = current_language()
    target = languages.form_for(message_language, text)
    if (
        chat_language.split("-")[0] == message_language
        or len(text.split()) < MIN_WORDS_TO_OFFER_SWITCH
    ):
        return None
    with using_language(target):
        question = _("Would you like me to answer in English?")
        button = Button(languages.get(target).name, payload=f"lang:{target}")
    return OutgoingMessage(question, ((button,),))


async def understand(turn: Turn, run_command: CommandRunner) -> list[OutgoingMessage]:
    """Answer a free-text message from the knowledge base or run the feature it asks for."""
    text = (turn.message.text or "").strip()
    if danger.is_danger(turn, text):
        replies = await danger.on_danger(turn)
        offer = _switch_offer(turn.deps.faq.understand(text).lang, text) if turn.deps.faq else None
        return [*replies, offer] if offer else replies
    if "-" in text and share_codes.read_code(text):
        return await share.redeem(turn, text)
    faq = turn.deps.faq
    if not text or faq is None:
        return [not_sure()]
    understanding = faq.understand(text, current_language().split("-")[0])
    if places := place_talk.places_in(text, understanding.id, understanding.choices):
        replies = await place_talk.answer(turn, places, understanding.id)
    elif understanding.id in INTENT_HANDLERS:
        replies = await INTENT_HANDLERS[understanding.id](turn)
    elif understanding.id in INTENT_COMMANDS:
        replies = await run_command(turn, INTENT_COMMANDS[understanding.id])
    elif understanding.id in small_talk.ANSWERS:
        replies = await small_talk.answer(turn, understanding.id)
    elif understanding.id in faq.topic_ids:
        replies = [faq_answer(turn, understanding.id)]
        if understanding.referred:  # KESCO's matter no topic answers: staff may add one
            unanswered.record(turn.session, text, understanding.lang, unanswered.REFERRED)
    elif understanding.choices:
        replies = [ask_back.ask_back(understanding.choices, getattr(faq, "title", None))]
        unanswered.record(turn.session, text, understanding.lang, "asked", understanding.choices)
    elif understanding.id is None:
        replies = [ask_back.refusal()]
        unanswered.record(turn.session, text, understanding.lang, "refused")
    else:  # an intent this conversation does not route
        replies = [not_sure()]
    offer = _switch_offer(understanding.lang, text)
    return [*replies, offer] if offer else replies
