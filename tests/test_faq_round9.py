"""Round 9 of issue 20: blind-9's kinds of miss (docs/faq-engine.md, "Round 9").

KESCO's own matters that no topic answers (a new connection, a contract moved to one's name,
a debt in instalments, the price of a kWh) are not "clearly out of scope": the bot answers with
KESCO's contacts and keeps the question for staff (outcome "referred"), who may add a topic;
things for sale, other companies and other places are still refused. A phone or internet bill
that is too high is not ours. The phrasings are the lead's own, not blind-9's rows."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from services.db import Database
from services.db.knowledge_models import UnansweredQuestion
from services.faq import FaqEngine
from services.faq.safety import is_hazard
from services.knowledge import unanswered
from tests.support.knowledge import instance


@pytest.fixture(scope="module")
def engine() -> FaqEngine:
    return FaqEngine.load()


@pytest.mark.parametrize(
    "text",
    [
        "si te bej kycje te re te rrymes per shtepine e re",
        "how do I move the electricity contract to my name",
        "mogu li dug za struju otplatiti na rate",
        "a mund ta paguaj borxhin e rrymes me keste",
        "колико кошта киловат сат ноћу",
        "the reader wrote the wrong meter reading, how do I complain",
    ],
)
def test_a_matter_of_kesco_no_topic_answers_gets_its_contacts(engine: FaqEngine, text: str) -> None:
    understood = engine.understand(text)
    assert (understood.id, understood.referred, understood.choices) == ("contact", True, ())


@pytest.mark.parametrize(
    "text",
    [
        "sa kushton nje ngrohese elektrike ne shitje",
        "how much is the new contract with my mobile operator",
        "my vala phone bill is double this month, why",
        "racun za internet mi je duplo veci",
    ],
)
def test_what_is_not_kescos_is_not_referred(engine: FaqEngine, text: str) -> None:
    understood = engine.understand(text)
    assert not understood.referred and understood.id is None


async def test_a_referred_question_is_answered_and_kept_for_staff(database: Database) -> None:
    chat = instance(database).chat()
    replies = await chat.say("can I pay my electricity debt in instalments")
    assert "0800" in replies[0].text  # the call centre, from the contact topic
    async with database.transaction() as session:
        rows = list(await session.scalars(select(UnansweredQuestion)))
    assert [(row.outcome, row.text) for row in rows] == [
        (unanswered.REFERRED, "can I pay my electricity debt in instalments")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "po vjen ere plastike e djegur te saharati",
        "water is dripping into the light fixture in the hall",
        "baka je dobila udar od frižidera",
        "deca se penju na banderu iza škole",
        "nešto je bljesnulo u razvodnoj kutiji i smrdi na zagorelo",
        "bojler me pecka kad ga pipnem",
    ],
)
def test_round_9_hazards_are_danger(text: str) -> None:
    assert is_hazard(text)


@pytest.mark.parametrize(
    "text",
    [
        "where can I get new shock absorbers for my car",
        "shtepia jone eshte ngjitur me shtyllen e rrymes, a ka rrymë sot",
        "sa kushton nje veture elektrike",
    ],
)
def test_round_9_look_alikes_are_not_danger(text: str) -> None:
    assert not is_hazard(text)
