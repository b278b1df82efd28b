"""What a customer can do about a bill that looks too high (offered under its explanation):

- report the meter's reading (``usage:reading:<CODE>``): the bot asks for it, then takes it to
  staff as a call-back request about that code (:mod:`handlers.human` asks for the number);
- ask for a check of the bill (``usage:check:<CODE>:<YYYY-MM>``): a call-back request saying
  which bill, completed the same way;
- talk to a person (``cmd:human``), and see the consumption chart (``cmd:usage``).

Only for a code linked to this chat: a button naming another code gets nothing.
"""

from __future__ import annotations

import re

from handlers import human, keyboards
from handlers.messages import Button, OutgoingMessage
from handlers.turn import Turn
from locales.i18n import _, current_language, period
from services.backend.base import PERIOD_PATTERN
from services.customer_codes import parse_customer_code
from services.staff import callbacks

PREFIX = "usage"
STATE_READING = "usage_reading"
MAX_READING = 200


def advice() -> str:
    return _(
        "What you can do: if your meter shows a lower reading than the bill, report it; if "
        "something still looks wrong, ask us to check the bill, or talk to a person."
    )


def rows(code: str, month: str) -> tuple[tuple[Button, ...], ...]:
    return (
        (Button(_("📟 Report my meter reading"), payload=f"{PREFIX}:reading:{code}"),),
        (Button(_("🔍 Ask for a check of this bill"), payload=f"{PREFIX}:check:{code}:{month}"),),
        (
            Button(_("👤 Talk to a person"), payload="cmd:human"),
            Button(_("📈 Consumption"), payload="cmd:usage"),
        ),
    )


async def linked(turn: Turn, code_text: str) -> str | None:
    """The code named by a button, if it is linked to this chat."""
    code = parse_customer_code(code_text).code
    if code is None:
        return None
    codes = await turn.deps.linking.linked_codes(turn.session, turn.chat)
    return str(code) if str(code) in codes else None


def not_linked() -> list[OutgoingMessage]:
    return [
        OutgoingMessage(
            _(
                "This customer code is not linked to this chat, so I cannot show its bills. "
                "Link it with /link."
            )
        )
    ]


def ask_reading(turn: Turn, code: str, again: bool = False) -> list[OutgoingMessage]:
    turn.set_state(STATE_READING, code=code)
    text = _(
        "Write the reading shown on the meter of {code}: the numbers on its display. For a "
        "meter with a day and a night rate, write both."
    ).format(code=code)
    if again:
        text = _("Please write the reading in numbers, for example 12345.") + "\n" + text
    return [OutgoingMessage(text, (keyboards.cancel_row(),), awaits_text=True)]


async def on_reading_reply(turn: Turn) -> list[OutgoingMessage]:
    code = str(turn.state.get("code") or "")
    reading = (turn.message.text or "").strip()
    if not re.search(r"[0-9]", reading) or len(reading) > MAX_READING:
        return ask_reading(turn, code, again=True)
    turn.clear_state()
    if await linked(turn, code) is None:
        return not_linked()
    about = _("Meter reading of {code}: {reading}").format(code=code, reading=reading)
    return await _request(turn, code, about)


async def ask_check(turn: Turn, code: str, month: str) -> list[OutgoingMessage]:
    if not PERIOD_PATTERN.fullmatch(month):
        return []
    about = _("Please check the bill of {code} for {period}: it looks too high.").format(
        code=code, period=period(month)
    )
    return await _request(turn, code, about)


async def _request(turn: Turn, code: str, about: str) -> list[OutgoingMessage]:
    """A call-back request about ``code`` saying ``about``, completed as :mod:`human` does."""
    row = await callbacks.draft(turn.session, turn.chat, about, current_language(), None)
    if row.customer_code != code:
        area = dict(await callbacks.linked_codes(turn.session, turn.chat.id)).get(code)
        row.customer_code, row.district, row.area_id = code, code[:3], area
    noted = OutgoingMessage(_("Noted: {about}").format(about=about))
    return [noted, *await human.continue_request(turn, row)]
