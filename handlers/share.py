"""``/share``: give this chat's customer codes to another chat, in any messenger, without a
second proof; and the household part of ``/accounts`` (who shares, leave, remove).

``/share`` in a chat that proved codes gives a one-time code and the deep links that send it
from the other messengers. ``/share CODE`` (typed, from a deep link, or the code alone as
``KQ7M-3XPA``) in another chat gives that chat the same codes. See :mod:`services.household`.
"""

from __future__ import annotations

import logging
from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time

from handlers import keyboards
from handlers.link import locked_text
from handlers.messages import Button, OutgoingMessage
from handlers.turn import Turn
from locales.i18n import _, babel_locale, ngettext
from services import holders, household, share_codes
from services.db.types import utcnow
from services.household import Household, SharedChat
from services.linking import MAX_LINKS
from services.numbers import whole_number
from services.share_codes import RedeemOutcome

log = logging.getLogger(__name__)
KOSOVO = ZoneInfo("Europe/Belgrade")
PREFIX = "hh"


def _title(turn: Turn, channel: str) -> str:
    return turn.deps.channels.traits(channel).title


async def on_share(turn: Turn) -> list[OutgoingMessage]:
    if turn.args:
        return await redeem(turn, turn.args)
    issued = await share_codes.issue(turn.session, turn.chat)
    if issued is None:
        return [await _nothing_to_share(turn)]
    expires = format_time(issued.expires_at.astimezone(KOSOVO), "short", locale=babel_locale())
    lines = [
        _(
            "To get the same customer codes in another chat (Telegram or Viber, yours or a "
            "family member's), send this message to me from there before {time}:"
        ).format(time=expires),
        "",
        f"/share {issued.display}",
        "",
        _("It works once, and gives: {codes}.").format(codes=", ".join(issued.codes)),
    ]
    rows: list[tuple[Button, ...]] = []
    others = [
        link
        for link in turn.deps.links.urls(issued.deep_link_payload)
        if link.channel != turn.chat.channel
    ]
    if others:
        lines += ["", _("Or open this link on the phone with the other messenger:")]
        for link in others:
            lines.append(f"{_title(turn, link.channel)}: {link.url}")
            if link.url.startswith("https://"):
                rows.append((Button(_title(turn, link.channel), url=link.url),))
    lines += ["", _("Give this code only to people who live with you.")]
    return [OutgoingMessage("\n".join(lines), tuple(rows))]


async def _nothing_to_share(turn: Turn) -> OutgoingMessage:
    if await turn.deps.linking.linked_codes(turn.session, turn.chat):
        text = _(
            "Only the chat that proved these customer codes can share them. Send /share there."
        )
        return OutgoingMessage(text, keyboards.menu())
    text = _("Link a customer code first, then send /share to give it to another chat.")
    return OutgoingMessage(
        text, ((keyboards.command_button(_("🔗 Link a customer code"), "link"),),)
    )


async def redeem(turn: Turn, typed: str) -> list[OutgoingMessage]:
    """Give this chat the codes of the chat that made the share code ``typed``."""
    code = share_codes.read_code(typed)
    if code is None:
        log.info("chat %s: /share with something that is not a share code", turn.chat.id)
        return [
            OutgoingMessage(
                _("That is not a share code. A share code looks like KQ7M-3XPA.")
                + "\n"
                + _("Send /share alone in the chat that proved the codes to get one."),
                keyboards.menu(),
            )
        ]
    result = await share_codes.redeem(
        turn.session,
        turn.chat,
        code,
        channels=turn.deps.channels,
        default_language=turn.deps.default_language,
    )
    outcome = result.outcome
    if outcome in (RedeemOutcome.JOINED, RedeemOutcome.ALREADY_SHARED):
        title = _title(turn, result.owner_channel or "")
        text = _(
            "Done! This chat now shares these customer codes with a {messenger} chat: {codes}. "
            "Alerts for them will come here too, in this chat's language."
        ).format(messenger=title, codes=", ".join(result.codes))
        buttons = (
            (
                keyboards.command_button(_("🧾 My bill"), "bill"),
                keyboards.command_button(_("📋 My customer codes"), "accounts"),
            ),
        )
        return [OutgoingMessage(text, buttons)]
    if outcome is RedeemOutcome.LOCKED:
        assert result.locked_until is not None
        return [OutgoingMessage(locked_text(result.locked_until))]
    texts = {
        RedeemOutcome.OWN_CODE: _(
            "This is the chat that made the code. Send it to me from the other chat."
        ),
        RedeemOutcome.EXPIRED: _(
            "That share code has expired or was used already. Send /share in the chat that "
            "proved the codes to get a new one."
        ),
        RedeemOutcome.NOTHING_TO_SHARE: _("The chat that made this code has no codes to share."),
        RedeemOutcome.TOO_MANY_LINKS: _(
            "A chat can link at most {limit} customer codes. Unlink one first with /unlink."
        ).format(limit=MAX_LINKS),
        RedeemOutcome.WRONG: _("That share code is not right. Please check it.")
        + " "
        + ngettext(
            "You have {n} attempt left.", "You have {n} attempts left.", result.attempts_left
        ).format(n=result.attempts_left),
    }
    return [OutgoingMessage(texts[outcome], keyboards.menu())]


def _since(when: datetime) -> str:
    return format_date(when.astimezone(KOSOVO), "medium", locale=babel_locale())


def _describe(turn: Turn, chat: SharedChat) -> str:
    title = _title(turn, chat.channel)
    if chat.is_this_chat and chat.proved:
        return _("{messenger} (this chat), proved the codes").format(messenger=title)
    if chat.is_this_chat:
        return _("{messenger} (this chat), since {date}").format(
            messenger=title, date=_since(chat.since)
        )
    if chat.proved:
        return _("{messenger}, proved the codes").format(messenger=title)
    return _("{messenger}, since {date}").format(messenger=title, date=_since(chat.since))


async def household_part(turn: Turn) -> tuple[list[str], list[tuple[Button, ...]]]:
    """The lines and buttons ``/accounts`` shows about the chats sharing this chat's codes."""
    households = await household.households_of(turn.session, turn.chat.id)
    lines: list[str] = []
    rows: list[tuple[Button, ...]] = []
    for shared in households:
        lines += ["", _("These customer codes are shared by these chats:")]
        lines += [f"• {_describe(turn, chat)}" for chat in shared.chats]
        rows += _household_buttons(turn, shared)
    return lines, rows


def _household_buttons(turn: Turn, shared: Household) -> list[tuple[Button, ...]]:
    if shared.owner_chat_id != turn.chat.id:
        label = _("🚪 Stop sharing the codes of the {messenger} chat").format(
            messenger=_title(turn, next(c.channel for c in shared.chats if c.proved))
        )
        return [(Button(label, payload=f"{PREFIX}:leave:{shared.owner_chat_id}"),)]
    return [
        (
            Button(
                _("➖ Remove {messenger} ({date})").format(
                    messenger=_title(turn, chat.channel), date=_since(chat.since)
                ),
                payload=f"{PREFIX}:remove:{chat.chat_id}",
            ),
        )
        for chat in shared.others
    ]


async def on_button(turn: Turn) -> list[OutgoingMessage]:
    """``hh:leave:<owner chat>`` (a member leaves) or ``hh:remove:<member chat>`` (the owner
    removes a member)."""
    action, _sep, raw = turn.args.partition(":")
    other = whole_number(raw, 11)
    if other is None or action not in ("leave", "remove"):
        return [OutgoingMessage(_("That button is no longer valid."), keyboards.menu())]
    if action == "leave":
        done = await household.leave(turn.session, other, turn.chat.id)
        text = _(
            "This chat no longer shares those customer codes and gets no more alerts for them."
        )
    else:
        codes = await household.codes_shared_by(turn.session, turn.chat.id, other)
        done = await household.leave(turn.session, turn.chat.id, other)
        if done:
            await holders.bar(
                turn.session, turn.deps.backend, [other], codes, turn.chat.id, utcnow()
            )
        text = _("That chat no longer shares your customer codes and gets no more alerts for them.")
    if not done:
        text = _("That chat does not share these codes any more.")
    buttons = ((keyboards.command_button(_("📋 My customer codes"), "accounts"),),)
    return [OutgoingMessage(text, buttons)]
