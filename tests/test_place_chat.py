"""People name places as they speak (issue 23): following a place by typing its name in any
language, script or spelling, or by picking district, municipality and settlement a page at a
time with a search at every level; names that fit two places asked back; free text naming a
place answered for it, for outages and for no power; in every language."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest

from handlers import place_picker
from handlers.conversation import Conversation
from locales.i18n import translate
from locales.languages import CODES as LANGUAGES
from services import alerts
from services.alerts import chat_settings
from services.db import Database
from services.db.types import utcnow
from services.places import in_use, tree
from services.power_reports import open_reports_of
from tests.fakes.chat import FakeChat
from tests.support.alerts import outage_started

pytestmark = pytest.mark.db

# How people write Fushë Kosovë: Albanian with and without diacritics and with typos,
# Serbian in both scripts, the old and the English spellings.
FUSHE_KOSOVE_SPELLINGS = [
    "Fushë Kosovë",
    "fushe kosove",
    "fush kosov",
    "Fushe-Kosova",
    "fushë kosova",
    "fushe kosvoe",
    "Косово Поље",
    "kosovo polje",
    "Kosovo Polje",
    "kosovo pole",
]
PODUJEVE_SPELLINGS = ["Podujevë", "podujeva", "Подујево", "Podujevo", "besiana", "podujev"]


async def started(conversation: Conversation, language: str, chat_id: str = "700") -> FakeChat:
    chat = FakeChat(conversation.handle, channel="telegram", chat_id=chat_id)
    await chat.say("/start")
    await chat.press(f"lang:{language}")
    return chat


async def followed(database: Database, chat: FakeChat) -> list[str]:
    from services.chats import get_or_create_chat

    async with database.transaction() as session:
        row = await get_or_create_chat(session, chat.channel, chat.chat_id)
        return await chat_settings.followed_areas(session, row.id)


async def reports(database: Database, chat: FakeChat) -> list[str]:
    from services.chats import get_or_create_chat

    async with database.transaction() as session:
        row = await get_or_create_chat(session, chat.channel, chat.chat_id)
        return await open_reports_of(session, row.id, utcnow())


@pytest.mark.parametrize("spelling", FUSHE_KOSOVE_SPELLINGS)
async def test_typing_a_name_in_the_follow_flow_follows_the_place(
    conversation: Conversation, demo_database: Database, spelling: str
) -> None:
    chat = await started(conversation, "en")
    await chat.say("/outages")
    await chat.press("follow:")
    await chat.say(spelling)
    assert "You now follow Fushë Kosovë" in chat.text
    assert await followed(demo_database, chat) == ["fushe-kosove"]
    # its own level is shown, to narrow it down to a village
    assert "area:fushe-kosove" in chat.payloads()


@pytest.mark.parametrize("spelling", PODUJEVE_SPELLINGS)
async def test_typed_names_are_found_in_every_script(
    conversation: Conversation, demo_database: Database, spelling: str
) -> None:
    chat = await started(conversation, "sr")
    await chat.say("/outages")
    await chat.press("follow:")
    await chat.say(spelling)
    assert "Сада пратите подручје Подујево" in chat.text
    assert await followed(demo_database, chat) == ["podujeve"]


@pytest.mark.parametrize("language", LANGUAGES)
async def test_the_picker_goes_down_the_levels_and_follows_a_whole_municipality(
    conversation: Conversation, demo_database: Database, language: str
) -> None:
    chat = await started(conversation, language)
    await chat.say("/outages")
    await chat.press("follow:")
    assert len([p for p in chat.payloads() if p.startswith("follow:D")]) == 7
    assert "follow:?" in chat.payloads()  # search at the top
    await chat.press("follow:DPR")
    assert "follow:prishtine" in chat.payloads() and "follow:?DPR" in chat.payloads()
    await chat.press("follow:prishtine")
    assert {"area:dardania", "area:prishtine", "follow:?prishtine"} <= set(chat.payloads())
    await chat.press("area:dardania")
    [dardania] = [b.text for b in chat.buttons() if b.payload == "area:dardania"]
    assert dardania.startswith("✓ ")
    await chat.press("area:prishtine")  # the whole municipality
    assert translate("✓ You follow the whole area", language) in [b.text for b in chat.buttons()]
    assert sorted(await followed(demo_database, chat)) == ["dardania", "prishtine"]
    await chat.press("follow:DPR")
    back = [b for b in chat.buttons() if b.payload == "follow:"]
    assert back, "a way back up to the districts"
    for reply in chat.replies:
        assert len(reply.buttons) <= 12  # Viber keeps 24 rows; a picker leaves room
        assert all(len(row) <= 2 for row in reply.buttons)


@pytest.fixture
def many_villages() -> Iterator[list[str]]:
    """Podujevë with 40 villages (a level of several pages), for as long as the test runs."""
    base = in_use.place_tree()
    villages = [
        tree.Place(f"test-village-{n:02}", "settlement", "podujeve", {"sq": f"Fshati {n:02}"})
        for n in range(40)
    ]
    in_use.use_tree(tree.PlaceTree([*base.all(), *villages]))
    yield [village.id for village in villages]
    in_use.use_tree(base)


@pytest.mark.parametrize("language", ["en", "sr-Latn"])
async def test_a_long_level_pages_and_a_name_is_searched_within_it(
    conversation: Conversation, demo_database: Database, many_villages: list[str], language: str
) -> None:
    chat = await started(conversation, language)
    await chat.say("/outages")
    await chat.press("follow:")
    await chat.press("follow:DPR")
    await chat.press("follow:podujeve")
    first = [p for p in chat.payloads() if p.startswith("area:test-village")]
    assert first == [f"area:{v}" for v in many_villages[: place_picker.PAGE_SIZE]]
    assert translate("Page {page} of {pages}.", language).format(page=1, pages=3) in chat.text
    await chat.press("follow:podujeve:1")
    second = [p for p in chat.payloads() if p.startswith("area:test-village")]
    assert second == [f"area:{v}" for v in many_villages[16:32]]
    assert {"follow:podujeve", "follow:podujeve:2"} <= set(chat.payloads())  # back and on
    await chat.press("follow:podujeve:2")
    assert len([p for p in chat.payloads() if p.startswith("area:test-village")]) == 8
    assert "follow:podujeve:3" not in chat.payloads()
    await chat.press(many_villages[35].join(("area:", "")))
    assert sorted(await followed(demo_database, chat)) == [many_villages[35]]
    # the page it is on is shown again, ticked
    assert f"area:{many_villages[35]}" in chat.payloads()
    await chat.press("follow:?podujeve")
    assert chat.replies[-1].awaits_text
    await chat.say("fshati 07")
    assert sorted(await followed(demo_database, chat)) == sorted(
        [many_villages[35], many_villages[7]]
    )
    for reply in chat.replies:
        assert len(reply.buttons) <= 12 and all(len(row) <= 2 for row in reply.buttons)


async def test_a_name_of_two_places_is_asked_back_with_their_municipalities(
    conversation: Conversation, demo_database: Database
) -> None:
    base = in_use.place_tree()
    names, forms = {"sq": "Bresje", "sr": "Бресје"}, {"sr_gen": "Бресја", "sr_loc": "Бресју"}
    twins = [
        tree.Place("test-bresje-fk", "settlement", "fushe-kosove", names, forms=forms),
        tree.Place("test-bresje-li", "settlement", "lipjan", names, forms=forms),
    ]
    in_use.use_tree(tree.PlaceTree([*base.all(), *twins]))
    try:
        chat = await started(conversation, "sq")
        await chat.say("/outages")
        await chat.press("follow:")
        await chat.say("bresje")
        labels = {b.text: b.payload for b in chat.buttons()}
        assert labels == {
            "Bresje (Fushë Kosovë)": "area:test-bresje-fk",
            "Bresje (Lipjan)": "area:test-bresje-li",
        }
        await chat.press("Bresje (Lipjan)")
        assert await followed(demo_database, chat) == ["test-bresje-li"]
        chat = await started(conversation, "sr", chat_id="701")
        await chat.say("нема струје у Бресју")
        assert {"Бресје (Косово Поље)", "Бресје (Липљан)"} <= {b.text for b in chat.buttons()}
        await chat.press("Бресје (Косово Поље)")
        assert "test-bresje-fk" in await reports(demo_database, chat)
    finally:
        in_use.use_tree(base)


async def test_a_name_not_found_says_so_and_other_text_goes_on(
    conversation: Conversation, demo_database: Database
) -> None:
    chat = await started(conversation, "en")
    await chat.say("/outages")
    await chat.press("follow:")
    await chat.say("qwxzv")
    assert "I found no place called “qwxzv”" in chat.text
    assert "follow:DPR" in chat.payloads()
    await chat.say("How do I register in eKesco?")
    assert "I found no place" not in chat.text and "eKesco" in chat.text
    await chat.say("Dragodan")  # state over: the name alone is answered for the place
    assert "📍 Dragodan (Prishtina)" in chat.text


async def add_outage(database: Database, places: list[str], kind: str = "outage") -> None:
    """An outage (or planned work) naming ``places``, as the events API would have stored it."""
    from services.db.alert_models import Interruption

    now = utcnow()
    async with database.transaction() as session:
        session.add(
            Interruption(
                kind=kind,
                external_id=f"{kind}-{'-'.join(places)}",
                district="DPR",
                areas=places,
                status="active" if kind == "outage" else "scheduled",
                starts_at=now - timedelta(hours=1) if kind == "outage" else now + timedelta(days=1),
                ends_at=now + timedelta(hours=3)
                if kind == "outage"
                else now + timedelta(days=1, hours=4),
                last_event_at=now,
            )
        )


# What people write to ask about a place, and what to report no power there, per language.
ASKED = {
    "sq": ("a ka ndërprerje në Dragodan", "s'ka rrymë në Bregun e Diellit"),
    "en": ("is there an outage in Dragodan", "no power in Bregu i Diellit"),
    "sr": ("има ли нестанка струје на Драгодану", "нема струје у Подујеву"),
    "sr-Latn": ("ima li nestanka struje na Dragodanu", "nema struje u Kosovo Polje"),
}
ASKED_PRISHTINA = {
    "sq": "a ka ndërprerje në Prishtinë",
    "en": "is there an outage in Pristina",
    "sr": "има ли нестанка струје у Приштини",
    "sr-Latn": "ima li nestanka struje u Prištini",
}
REPORTED = {
    "sq": "bregu-i-diellit",
    "en": "bregu-i-diellit",
    "sr": "podujeve",
    "sr-Latn": "fushe-kosove",
}


@pytest.mark.parametrize("language", LANGUAGES)
async def test_a_question_naming_a_place_is_answered_for_it(
    conversation: Conversation, demo_database: Database, language: str
) -> None:
    await add_outage(demo_database, ["prishtine"])  # the municipality: Dragodan is in it
    await add_outage(demo_database, ["veternik"], kind="planned_work")  # elsewhere in Prishtina
    chat = await started(conversation, language)
    await chat.say(ASKED[language][0])
    assert chat.text.startswith("📍 ")
    assert translate("⚡ Outages now that cover this place:", language) in chat.text
    assert translate("🛠 Planned works", language) not in chat.text
    assert {"area:dragodan", "rep:a:dragodan"} <= set(chat.payloads())
    await chat.press("area:dragodan")
    assert await followed(demo_database, chat) == ["dragodan"]
    # a sentence while the picker is shown is answered; a coarser place hears of its parts
    await chat.say(ASKED_PRISHTINA[language])
    assert translate("🛠 Planned works in part of this place:", language) in chat.text


@pytest.mark.parametrize("language", LANGUAGES)
async def test_no_power_in_a_named_place_reports_it_there(
    conversation: Conversation, demo_database: Database, language: str
) -> None:
    chat = await started(conversation, language)
    await chat.say(ASKED[language][1])
    assert await reports(demo_database, chat) == [REPORTED[language]]
    thanks = translate(
        "Thank you. We have noted that there is no power in {area}. We will tell you here when "
        "an outage there is published, and when power is back.",
        language,
    ).split("{")[0]
    assert thanks in chat.text


@pytest.mark.parametrize(
    "text", ["fush kosov pa drita", "nema struje u Kosovo Polje", "Косово Поље нема струје"]
)
async def test_no_power_where_an_outage_is_known_says_so(
    conversation: Conversation, demo_database: Database, text: str
) -> None:
    await alerts.ingest_event(demo_database, outage_started(areas=("fushe-kosove",), at=utcnow()))
    chat = await started(conversation, "en")
    await chat.say(text)
    assert "We know about the outage in Fushë Kosovë" in chat.text
    assert "rep:w:fushe-kosove" in chat.payloads()


# Names of the villages and neighbourhoods of the shipped data as people type them: the
# definite form, no diacritics, Serbian in both scripts, old names.
REAL_SPELLINGS = [
    ("isniqi", "isniq"),
    ("strellci i eperm", "strellc-i-eperm"),
    ("lebusha", "lebushe"),
    ("Пагаруша", "pagarushe"),
    ("budakovo", "budakove"),
    ("Arbëria", "dragodan"),
    ("veterniku", "veternik"),
    ("Ветерник", "veternik"),
    ("Ulpijana", "ulpiana"),
    ("Čabrat", "cabrat"),
]


@pytest.mark.parametrize(("typed", "place"), REAL_SPELLINGS)
async def test_villages_and_neighbourhoods_are_followed_by_their_names(
    conversation: Conversation, demo_database: Database, typed: str, place: str
) -> None:
    chat = await started(conversation, "sq")
    await chat.say("/outages")
    await chat.press("follow:")
    await chat.say(typed)
    assert await followed(demo_database, chat) == [place]
    assert "Tani e ndiqni zonën" in chat.text


async def test_two_places_that_read_the_same_are_told_apart(
    conversation: Conversation, demo_database: Database
) -> None:
    chat = await started(conversation, "sr")
    await chat.say("/outages")
    await chat.press("follow:")
    await chat.say("Сунчани Брег")
    assert [b.text for b in chat.buttons()] == [
        "Сунчани Брег (Kodra e Diellit, Приштина)",
        "Сунчани Брег (Bregu i Diellit, Приштина)",
    ]
    await chat.press("area:bregu-i-diellit")
    assert await followed(demo_database, chat) == ["bregu-i-diellit"]
