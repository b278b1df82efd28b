"""Talking to a person: the call centre's contacts and hours, and a call-back request.

Asked for a person (``intent:human``, ``/human`` or the button), the bot gives the call
centre's number and e-mail from the sources, its opening hours when they are set, and offers to
leave a call-back request. A request always has a way back:

1. what it is about, in one message (a phone number written in it is taken);
2. the number to call, asked until it is a valid one (a Kosovo number or an international one
   in E.164, :mod:`services.phones`), or sent with the messenger's own share-my-number button
   where it has one;
3. for a chat without a linked code, the area it is about (the districts, then the areas), so
   that only that area's operators (and admins) see it.

Then staff see it with the chat's linked codes. The request is a draft until then, kept in the
chat's open request (a button press clears the conversation's state, the draft stays). Call-backs
have budgets, per chat and per area within an hour (:mod:`services.budgets`), answered
politely with the call centre's number when spent.

Buttons: ``callback:start``; ``callback:d`` / ``callback:d:<district>`` / ``callback:a:<area>``.
"""

from __future__ import annotations

from handlers import area_picker, keyboards
from handlers.messages import Button, OutgoingMessage
from handlers.turn import Turn
from locales.i18n import _, current_language
from services import budgets
from services.budgets import Over
from services.db.support_models import CallbackRequest
from services.db.types import utcnow
from services.opening_hours import describe
from services.phones import display_phone, find_phone, parse_phone, parse_shared_phone
from services.staff import callbacks

STATE_CALLBACK = "callback_text"
STATE_PHONE = "callback_phone"
PREFIX = "callback"
MIN_TEXT = 3


def contacts_and_hours(turn: Turn) -> str:
    lines = [keyboards.contacts_text()]
    if turn.deps.call_centre_hours:
        hours = describe(turn.deps.call_centre_hours, current_language())
        lines.append(_("Opening hours: {hours}").format(hours=hours))
    return "\n".join(lines)


def _offer() -> tuple[Button, ...]:
    return (Button(_("📞 Request a call back"), payload=f"{PREFIX}:start"),)


async def on_human(turn: Turn) -> list[OutgoingMessage]:
    text = "\n\n".join(
        (
            _("You can talk to a person at our call centre:"),
            contacts_and_hours(turn),
            _("Or leave a call-back request here, and a colleague will call you."),
        )
    )
    return [OutgoingMessage(text, (_offer(), keyboards.cancel_row()))]


async def on_button(turn: Turn) -> list[OutgoingMessage]:
    what, value = area_picker.read(turn.args)
    if what == "districts":
        return [_which_district()]
    if what == "district" and value is not None:
        return [area_picker.areas(PREFIX, value, _("Which area is it about?"))]
    if what == "area" and value is not None:
        row = await callbacks.open_request(turn.session, turn.chat)
        if row is None:
            return await on_human(turn)
        callbacks.set_area(row, value)
        return await _next(turn, row)
    return await _start(turn)


async def _start(turn: Turn) -> list[OutgoingMessage]:
    over = await budgets.exceeded(
        turn.session, budgets.CALLBACK, turn.deps.budgets.callbacks, turn.chat.id, None, utcnow()
    )
    if over is not None:
        return [_busy(turn, over)]
    return _ask_text(turn)


def _ask_text(turn: Turn) -> list[OutgoingMessage]:
    turn.set_state(STATE_CALLBACK)
    text = _(
        "Write in one message what it is about, and the phone number we can call you on. "
        "Please do not write your personal ID number or bank details."
    )
    return [OutgoingMessage(text, (keyboards.cancel_row(),))]


async def on_text_reply(turn: Turn) -> list[OutgoingMessage]:
    text = (turn.message.text or "").strip()
    if len(text) < MIN_TEXT:
        return _ask_text(turn)
    if len(text) > callbacks.MAX_TEXT:
        limit = _("Please keep it under {limit} characters.").format(limit=callbacks.MAX_TEXT)
        return [OutgoingMessage(limit, (keyboards.cancel_row(),))]
    turn.clear_state()
    row = await callbacks.draft(turn.session, turn.chat, text, current_language(), find_phone(text))
    return await _next(turn, row)


async def on_phone_reply(turn: Turn) -> list[OutgoingMessage]:
    """The number, typed: taken when valid, asked again politely otherwise."""
    return await _take_phone(turn, parse_phone(turn.message.text or ""))


async def on_shared_phone(turn: Turn) -> list[OutgoingMessage]:
    """A number sent with the messenger's share button: taken while the bot asks for one;
    otherwise not kept (the bot needs a number only for a call back), and a call back offered."""
    if turn.state.get("name") == STATE_PHONE:
        return await _take_phone(turn, parse_shared_phone(turn.message.contact_phone or ""))
    text = _(
        "Thank you, but we keep a phone number only for a call-back request. "
        "To leave one, press the button below."
    )
    return [OutgoingMessage(text, (_offer(), keyboards.cancel_row()), closes_share_phone=True)]


async def _take_phone(turn: Turn, phone: str | None) -> list[OutgoingMessage]:
    row = await callbacks.open_request(turn.session, turn.chat)
    if row is None:
        turn.clear_state()
        return await on_human(turn)
    if phone is None:
        return _ask_phone(turn, again=True)
    turn.clear_state()
    row.phone = phone
    taken = _("We will call you on {phone}.").format(phone=display_phone(phone))
    return [OutgoingMessage(taken, closes_share_phone=True), *await _next(turn, row, said=True)]


def _ask_phone(turn: Turn, again: bool = False) -> list[OutgoingMessage]:
    turn.set_state(STATE_PHONE)
    ask = _(
        "Which number can we call you on? Write it, for example 044 123 456 or +383 44 123 456."
    )
    if again:
        ask = _(
            "That does not look like a phone number. Please write it as 044 123 456 or "
            "+383 44 123 456, or a number from abroad starting with +."
        )
    replies = [OutgoingMessage(ask, (keyboards.cancel_row(),))]
    if turn.deps.channels.shares_phone(turn.chat.channel):
        share = (Button.sharing_phone(_("📱 Share my number")),)
        replies.append(
            OutgoingMessage(_("Or share this phone's number with the button below."), (share,))
        )
    return replies


async def continue_request(turn: Turn, row: CallbackRequest) -> list[OutgoingMessage]:
    """Complete a request another feature drafted (a meter reading, a bill to check): ask for
    what it still lacks (the number, the area), else submit it, as for any request."""
    return await _next(turn, row)


def _which_district() -> OutgoingMessage:
    question = _(
        "Which district is it about? We ask so that the colleagues of that area call you back."
    )
    return area_picker.districts(PREFIX, question)


async def _next(turn: Turn, row: CallbackRequest, said: bool = False) -> list[OutgoingMessage]:
    """Ask for what the request still lacks (the number, then the area), else submit it."""
    if row.phone is None:
        return _ask_phone(turn)
    if callbacks.needs_area(row):
        return [_which_district()]
    now = utcnow()
    scope = callbacks.scope_of(row)
    over = await budgets.exceeded(
        turn.session, budgets.CALLBACK, turn.deps.budgets.callbacks, turn.chat.id, scope, now
    )
    if over is not None:
        if not row.ready:
            await turn.session.delete(row)  # a draft nobody will see: not kept
        return [_busy(turn, over)]
    new = callbacks.submit(row)
    budgets.spend(turn.session, budgets.CALLBACK, turn.chat.id, scope, now)
    thanks = (
        _("Thank you. A colleague will call you back. Your request number is {number}.")
        if new
        else _("Thank you. We have updated your call-back request {number}.")
    ).format(number=row.id)
    lines = [thanks]
    if not said:
        lines.append(_("We will call you on {phone}.").format(phone=display_phone(row.phone)))
    if row.customer_code is None:
        lines.append(_("Tip: link your customer code with /link so that we can find your bill."))
    return [OutgoingMessage("\n".join(lines), keyboards.menu())]


def _busy(turn: Turn, over: Over) -> OutgoingMessage:
    if over is Over.CHAT:
        text = _(
            "You have already asked us several times in the last hour to call you back. "
            "A colleague will call you; if it is urgent, call our call centre:"
        )
    else:
        text = _(
            "We are receiving very many call-back requests right now. Please try again "
            "later, or call our call centre:"
        )
    return OutgoingMessage(text + "\n" + contacts_and_hours(turn), keyboards.menu())
