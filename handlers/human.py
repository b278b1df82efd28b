"""Talking to a person: the call centre's contacts and hours, and a call-back request.

Asked for a person (``intent:human``, ``/human`` or the button), the bot gives the call
centre's number and e-mail from the sources, its opening hours when they are set, and offers to
leave a call-back request: one message saying what it is about (and a phone number, if the
customer wishes), kept with the chat's linked code for staff to see on their page and API.
"""

from __future__ import annotations

from handlers import keyboards
from handlers.messages import Button, OutgoingMessage
from handlers.turn import Turn
from locales.i18n import _, current_language
from services.opening_hours import describe
from services.staff import callbacks

STATE_CALLBACK = "callback_text"
PREFIX = "callback"
MIN_TEXT = 3


def contacts_and_hours(turn: Turn) -> str:
    lines = [keyboards.contacts_text()]
    if turn.deps.call_centre_hours:
        hours = describe(turn.deps.call_centre_hours, current_language())
        lines.append(_("Opening hours: {hours}").format(hours=hours))
    return "\n".join(lines)


async def on_human(turn: Turn) -> list[OutgoingMessage]:
    text = "\n\n".join(
        (
            _("You can talk to a person at our call centre:"),
            contacts_and_hours(turn),
            _("Or leave a call-back request here, and a colleague will call you."),
        )
    )
    offer = (Button(_("📞 Request a call back"), payload=f"{PREFIX}:start"),)
    return [OutgoingMessage(text, (offer, keyboards.cancel_row()))]


async def on_button(turn: Turn) -> list[OutgoingMessage]:
    turn.set_state(STATE_CALLBACK)
    text = _(
        "Write in one message what it is about, and the phone number we can call you on. "
        "Please do not write your personal ID number or bank details."
    )
    return [OutgoingMessage(text, (keyboards.cancel_row(),))]


async def on_text_reply(turn: Turn) -> list[OutgoingMessage]:
    text = (turn.message.text or "").strip()
    if len(text) < MIN_TEXT:
        return await on_button(turn)
    if len(text) > callbacks.MAX_TEXT:
        limit = _("Please keep it under {limit} characters.").format(limit=callbacks.MAX_TEXT)
        return [OutgoingMessage(limit, (keyboards.cancel_row(),))]
    turn.clear_state()
    request, new = await callbacks.request_callback(
        turn.session, turn.chat, text, current_language()
    )
    thanks = (
        _("Thank you. A colleague will call you back. Your request number is {number}.")
        if new
        else _("Thank you. We have updated your call-back request {number}.")
    ).format(number=request.id)
    lines = [thanks]
    if request.customer_code is None:
        lines.append(_("Tip: link your customer code with /link so that we can find your bill."))
    return [OutgoingMessage("\n".join(lines), keyboards.menu())]
