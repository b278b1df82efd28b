"""The chats holding each code of this chat, in ``/accounts``, and removing one of them.

A chat may remove a chat that gained a code after it did (:func:`services.holders.may_remove`);
the button first asks for confirmation (``holder:ask:<link>``), then removes
(``holder:remove:<link>``). Other chats are told apart by messenger, when and how they linked,
never by name or messenger id.
"""

from __future__ import annotations

import logging
from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time

from handlers import keyboards
from handlers.messages import Button, OutgoingMessage
from handlers.turn import Turn
from locales.i18n import _, babel_locale
from services import holders
from services.db.types import utcnow
from services.holders import Holder
from services.numbers import whole_number

log = logging.getLogger(__name__)
KOSOVO = ZoneInfo("Europe/Belgrade")
PREFIX = holders.PREFIX
MAX_BUTTONS = 10


def _when(moment: datetime) -> str:
    local = moment.astimezone(KOSOVO)
    day = format_date(local, "medium", locale=babel_locale())
    return f"{day}, {format_time(local, 'short', locale=babel_locale())}"


def _how(via: str) -> str:
    if via == holders.LINK:
        return _("by the link on the bill")
    if via == holders.SHARE:
        return _("by a share code")
    return _("by proof of the bill")


def _title(turn: Turn, holder: Holder) -> str:
    return turn.deps.channels.traits(holder.channel).title


def describe(turn: Turn, holder: Holder) -> str:
    """``Viber chat, linked 5 Dec 2026, 09:10, by a share code``; this chat says so."""
    values = {
        "messenger": _title(turn, holder),
        "when": _when(holder.linked_at),
        "how": _how(holder.via),
    }
    if holder.chat_id == turn.chat.id:
        return _("{messenger} (this chat), linked {when} {how}").format(**values)
    return _("{messenger} chat, linked {when} {how}").format(**values)


async def holders_part(turn: Turn, codes: list[str]) -> tuple[list[str], list[tuple[Button, ...]]]:
    """The lines and buttons ``/accounts`` shows about the other chats holding ``codes``."""
    lines: list[str] = []
    rows: list[tuple[Button, ...]] = []
    for code in codes:
        held = await holders.holders_of(turn.session, code)
        mine = next((h for h in held if h.chat_id == turn.chat.id), None)
        if mine is None or len(held) < 2:
            continue
        lines += ["", _("Chats that hold {code}:").format(code=code)]
        lines += [f"• {describe(turn, holder)}" for holder in held]
        for holder in held:
            if holders.may_remove(mine, holder) and len(rows) < MAX_BUTTONS:
                label = _("➖ Remove the {messenger} chat ({when}) from {code}").format(
                    messenger=_title(turn, holder), when=_when(holder.linked_at), code=code
                )
                rows.append((Button(label, payload=f"{PREFIX}:ask:{holder.link_id}"),))
    if rows:
        lines += ["", _("A chat you do not know? Remove it: it gets no more alerts.")]
    return lines, rows


async def on_button(turn: Turn) -> list[OutgoingMessage]:
    """``holder:ask:<link>`` asks to confirm; ``holder:remove:<link>`` removes."""
    action, _sep, raw = turn.args.partition(":")
    link_id = whole_number(raw, 11)
    if link_id is None or action not in ("ask", "remove"):
        return [_no_longer_valid()]
    if action == "ask":
        found = await holders.removable(turn.session, turn.chat.id, link_id)
        if found is None:
            return [_no_longer_valid()]
        code, holder = found
        text = _(
            "Remove the {messenger} chat that linked {code} on {when} ({how})? It will get no "
            "more alerts for {code}, and it cannot link it again with the current bill."
        ).format(
            messenger=_title(turn, holder),
            code=code,
            when=_when(holder.linked_at),
            how=_how(holder.via),
        )
        yes = Button(_("✅ Yes, remove it"), payload=f"{PREFIX}:remove:{link_id}")
        return [OutgoingMessage(text, ((yes,), keyboards.cancel_row()), edits_pressed=True)]
    removed = await holders.remove(
        turn.session,
        turn.deps.backend,
        turn.chat.id,
        link_id,
        now=utcnow(),
        default_language=turn.deps.default_language,
    )
    if removed is None:
        return [_no_longer_valid()]
    code, holder = removed
    log.info("chat %s removed a holder of a customer code", turn.chat.id)
    text = _(
        "Done: the {messenger} chat no longer holds {code} and gets no more alerts for it."
    ).format(messenger=_title(turn, holder), code=code)
    buttons = ((keyboards.command_button(_("📋 My customer codes"), "accounts"),),)
    return [OutgoingMessage(text, buttons, edits_pressed=True)]


def _no_longer_valid() -> OutgoingMessage:
    buttons = ((keyboards.command_button(_("📋 My customer codes"), "accounts"),),)
    return OutgoingMessage(_("That button is no longer valid."), buttons)
