"""Following places: by buttons (district, municipality, settlement or neighbourhood, paged)
or by typing a place's name in any language, script or spelling ("fush kosov", "Косово
Поље"). A name that fits several places equally (the same village name in two
municipalities) is asked back, each named with its parent.

Payloads: ``follow:`` the districts; ``follow:<place>`` or ``follow:<place>:<page>`` the places
under one; ``follow:?<place>`` asks for a name to look for under it; ``area:<place>`` follows
the place or stops following it. While a level is shown, a typed text is a name to look for
there (:data:`STATE_SEARCH`); text that is plainly something else goes on to free text.
"""

from __future__ import annotations

from handlers import keyboards, place_names, place_picker
from handlers.messages import Button, OutgoingMessage
from handlers.turn import Turn
from locales.i18n import _, current_language
from services.alerts import chat_settings

STATE_SEARCH = "place_search"

PAYLOADS = place_picker.PickerPayloads(
    level=lambda place, page: f"follow:{place or ''}" + (f":{page}" if page else ""),
    choose=lambda place: f"area:{place}",
    search=lambda place: f"follow:?{place or ''}",
)


async def _followed(turn: Turn) -> set[str]:
    return set(await chat_settings.followed_areas(turn.session, turn.chat.id))


async def level(turn: Turn, place_id: str | None, page: int, text: str) -> OutgoingMessage:
    """The places under ``place_id`` to follow; a name typed now is looked for there."""
    followed = await _followed(turn)
    own = None
    if place_id is not None:
        own = Button(
            _("✓ You follow the whole area")
            if place_id in followed
            else _("🔔 Follow the whole area"),
            payload=f"area:{place_id}",
        )
    turn.set_state(STATE_SEARCH, within=place_id or "")
    extra = ((keyboards.command_button(_("⚡ Outages"), "outages"),),)
    return place_picker.level_view(
        PAYLOADS, place_id, page, text, marked=followed, own=own, extra=extra
    )


def _question(place_id: str | None) -> str:
    if place_id is None:
        return _(
            "Choose a district, or type the name of your town, village or neighbourhood, in "
            "any language:"
        )
    return _("{place}: choose the place to follow, or type its name.").format(
        place=place_names.name(place_id, current_language())
    )


async def on_follow(turn: Turn) -> list[OutgoingMessage]:
    """``follow:``, ``follow:<place>[:<page>]`` and ``follow:?<place>``."""
    argument = turn.args.strip()
    if argument.startswith("?"):
        return [_search_prompt(turn, argument[1:])]
    place_id, page = place_picker.read_level(argument)
    return [await level(turn, place_id, page, _question(place_id))]


def _search_prompt(turn: Turn, within: str) -> OutgoingMessage:
    place = place_names.get(within)
    turn.set_state(STATE_SEARCH, within=place.id if place else "")
    if place is None:
        text = _("Type the name of the place to follow (a town, a village or a neighbourhood):")
    else:
        text = _("Type the name of the place in {place} to follow:").format(
            place=place_names.name(place.id, current_language())
        )
    back = Button(_("⬅ Back"), payload=PAYLOADS.level(place.id if place else None, 0))
    return OutgoingMessage(text, ((back, keyboards.command_button(_("✖ Cancel"), "cancel")),))


async def on_area(turn: Turn) -> list[OutgoingMessage]:
    """``area:<place>``: follow the place, or stop following it."""
    place_id = turn.args.strip()
    if place_names.get(place_id) is None:
        return [await level(turn, None, 0, _question(None))]
    now_following = await chat_settings.toggle_follow(turn.session, turn.chat.id, place_id)
    return [await _after(turn, place_id, now_following)]


def _named(place_id: str) -> str:
    """The place's name; a district says it is one (it shares its name with a municipality)."""
    place, language = place_names.get(place_id), current_language()
    if place is not None and place.level == place_names.DISTRICT:
        return place_names.label(place_id, language)
    return place_names.name(place_id, language)


async def _after(turn: Turn, place_id: str, now_following: bool | None) -> OutgoingMessage:
    """Said once a place is followed or no longer, with the level it is on (its own level
    when it has places under it, to narrow it down)."""
    name = _named(place_id)
    if now_following is None:
        text = _("You can follow at most {limit} areas. Stop following one first.").format(
            limit=chat_settings.MAX_FOLLOWED_AREAS
        )
    elif now_following:
        text = _("You now follow {area}: you will hear about outages and planned works there.")
        text = text.format(area=name)
    else:
        text = _("You no longer follow {area}.").format(area=name)
    if place_names.has_children(place_id):
        return await level(turn, place_id, 0, text)
    parent, page = place_picker.page_of(place_id)
    return await level(turn, parent, page, text)


async def follow(turn: Turn, place_id: str) -> OutgoingMessage:
    """Follow ``place_id`` (a name typed and found): followed already is said so."""
    if place_id in await _followed(turn):
        text = _("You already follow {area}.").format(area=_named(place_id))
        parent, page = place_picker.page_of(place_id)
        target = place_id if place_names.has_children(place_id) else parent
        return await level(turn, target, 0 if target == place_id else page, text)
    now_following = await chat_settings.toggle_follow(turn.session, turn.chat.id, place_id)
    return await _after(turn, place_id, now_following)


async def on_search_reply(turn: Turn) -> list[OutgoingMessage]:
    """A name typed while a level is shown: followed when it names one place, asked back when
    several, said so when none. Other text goes on to free text."""
    text = (turn.message.text or "").strip()
    within = turn.state.get("within") or None
    found = place_picker.typed(turn, text, within)
    if found is None:
        turn.clear_state()
        return []
    if not found:
        message = _(
            "I found no place called “{name}”. Check the spelling, or choose from the list."
        )
        return [await level(turn, within, 0, message.format(name=text))]
    if len(found) == 1:
        turn.clear_state()
        return [await follow(turn, found[0])]
    question = _("Several places are called that. Which one do you mean?")
    return [place_picker.choices(PAYLOADS, found, question, await _followed(turn))]
