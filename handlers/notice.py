"""``/notice``: a staff member publishes a short outage notice from a linked chat.

A chat is linked to a staff account once, with ``/notice CODE`` (a one-time code from the staff
page). Then ``/notice`` asks for the district and areas (buttons), when power should be back
(buttons), the reason in Albanian, English and Serbian (typed, or skipped), shows a preview,
and publishes after a confirmation (a second one above KESCO_BROADCAST_CONFIRM_ABOVE chats).
The draft lives with the chat's staff link, so button presses do not lose it.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

from handlers import keyboards
from handlers.i18n import _, current_language, ngettext
from handlers.messages import Button, OutgoingMessage
from handlers.turn import Turn
from services.areas import areas_of, get_area
from services.customer_codes import DISTRICTS
from services.db.staff_models import StaffChat
from services.db.types import utcnow
from services.staff import accounts, audit
from services.staff.accounts import Principal
from services.staff.notice_input import NoticeInput
from services.staff.preview import render_previews

STATE_TEXT = "notice_text"
PREFIX = "ntc"
HOURS = (1, 2, 4, 8)
TEXT_LANGUAGES = ("sq", "en", "sr")
MAX_TEXT = 500
Rows = tuple[tuple[Button, ...], ...]


def _button(text: str, argument: str) -> Button:
    return Button(text, payload=f"{PREFIX}:{argument}")


def _cancel_row() -> tuple[Button, ...]:
    return (_button(_("✖ Cancel"), "x"),)


async def _staff(turn: Turn) -> tuple[StaffChat, Principal] | None:
    found = await accounts.chat_staff(turn.session, turn.chat.channel, turn.chat.external_id)
    if found is None:
        return None
    link, member = found
    return link, accounts.principal_of(member, "chat")


def _not_staff() -> list[OutgoingMessage]:
    return [
        OutgoingMessage(
            _(
                "This command is for KESCO staff. If you work at KESCO, get a code on the "
                "staff page and send /notice with the code."
            ),
            keyboards.menu(),
        )
    ]


async def on_notice(turn: Turn) -> list[OutgoingMessage]:
    staff = await _staff(turn)
    if staff is None:
        return await _link(turn) if turn.args else _not_staff()
    link, principal = staff
    if turn.deps.notices is None:
        return [OutgoingMessage(_("Publishing is not available here."), keyboards.menu())]
    link.draft = {"id": secrets.token_hex(8), "district": None, "areas": []}
    if len(principal.scope) == 1:
        link.draft = {**link.draft, "district": principal.scope[0]}
        return [_areas_question(link.draft)]
    rows = [
        tuple(_button(f"{d} {DISTRICTS[d]}", f"d:{d}") for d in principal.scope[i : i + 2])
        for i in range(0, len(principal.scope), 2)
    ]
    text = _("New outage notice. Which district?")
    return [OutgoingMessage(text, (*rows, _cancel_row()))]


async def _link(turn: Turn) -> list[OutgoingMessage]:
    key = f"chat:{turn.chat.channel}:{turn.chat.external_id}"
    if await accounts.is_locked(turn.session, key, key):
        return [OutgoingMessage(_("Too many wrong codes. Please try again in 15 minutes."))]
    member = await accounts.redeem_link_code(
        turn.session, turn.args, turn.chat.channel, turn.chat.external_id
    )
    if member is None:
        await accounts.record_failure(turn.session, key, key)
        return [
            OutgoingMessage(
                _("That code is not valid or has expired. Get a new one on the staff page.")
            )
        ]
    audit.record(turn.session, member.username, "chat.linked", via="chat", detail=turn.chat.channel)
    text = _("This chat is now linked to the staff account {username}.").format(
        username=member.username
    )
    hint = _("Send /notice to publish an outage notice.")
    return [
        OutgoingMessage(f"{text}\n{hint}", ((keyboards.command_button("📣 /notice", "notice"),),))
    ]


def _areas_question(draft: dict[str, Any]) -> OutgoingMessage:
    chosen = set(draft["areas"])
    language = current_language()
    buttons = [
        _button(("✅ " if area.id in chosen else "") + area.name(language), f"a:{area.id}")
        for area in areas_of(draft["district"])
    ]
    rows = [tuple(buttons[i : i + 2]) for i in range(0, len(buttons), 2)]
    done = (_button(_("All areas"), "all"), _button(_("Done ➡"), "ok"))
    text = _("Which areas of {district}? Press to choose, then Done.").format(
        district=DISTRICTS[draft["district"]]
    )
    return OutgoingMessage(text, (*rows, done, _cancel_row()))


def _eta_question() -> OutgoingMessage:
    hours = tuple(
        _button(ngettext("{n} hour", "{n} hours", n).format(n=n), f"eta:{n}") for n in HOURS
    )
    return OutgoingMessage(
        _("When should power be back?"),
        (hours[:2], hours[2:], (_button(_("Not known"), "eta:0"),), _cancel_row()),
    )


def _text_question(turn: Turn, language: str) -> OutgoingMessage:
    turn.set_state(STATE_TEXT, lang=language)
    questions = {
        "sq": _("Type the reason in Albanian (one or two sentences), or skip it."),
        "en": _("Now the same in English."),
        "sr": _("Now the same in Serbian (Cyrillic)."),
    }
    rows: Rows = ((_button(_("Skip the reason"), "skip"),),) if language == "sq" else ()
    return OutgoingMessage(questions[language], (*rows, _cancel_row()))


def _draft_input(draft: dict[str, Any]) -> NoticeInput:
    now = utcnow().replace(second=0, microsecond=0)
    hours = int(draft.get("eta") or 0)
    texts = draft.get("texts")
    return NoticeInput(
        kind="outage",
        district=draft["district"],
        areas=tuple(draft["areas"]),
        starts_at=now,
        ends_at=now + timedelta(hours=hours) if hours else None,
        texts=dict(texts) if texts and len(texts) == len(TEXT_LANGUAGES) else None,
        notice_id=draft["id"],
    )


async def _preview(turn: Turn, draft: dict[str, Any]) -> list[OutgoingMessage]:
    assert turn.deps.notices is not None
    turn.clear_state()
    data = _draft_input(draft)
    preview = render_previews(data)[current_language()]["text"]
    recipients = await turn.deps.notices.count_recipients(data, draft["id"])
    reach = ngettext("It will reach {n} chat.", "It will reach {n} chats.", recipients).format(
        n=recipients
    )
    text = "\n\n".join((_("Preview:"), preview, reach))
    return [
        OutgoingMessage(text, ((_button(_("✅ Publish"), "send"), _button(_("✖ Cancel"), "x")),))
    ]


async def on_button(turn: Turn) -> list[OutgoingMessage]:
    staff = await _staff(turn)
    if staff is None:
        return _not_staff()
    link, principal = staff
    draft = dict(link.draft or {})
    action, _sep, value = turn.args.partition(":")
    if action == "x" or not draft or turn.deps.notices is None:
        link.draft = None
        text = _("Cancelled.") if action == "x" else _("Send /notice to start a new notice.")
        return [OutgoingMessage(text, keyboards.menu())]
    if action == "d" and value in principal.scope:
        link.draft = {**draft, "district": value, "areas": []}
        return [_areas_question(link.draft)]
    if not draft.get("district"):
        return [OutgoingMessage(_("Send /notice to start a new notice."), keyboards.menu())]
    if action in ("a", "all"):
        link.draft = {**draft, "areas": _toggle(draft, action, value)}
        return [_areas_question(link.draft)]
    if action == "ok":
        if not draft["areas"]:
            return [_areas_question(draft)]
        return [_eta_question()]
    if action == "eta" and value.isdigit():
        link.draft = {**draft, "eta": int(value), "texts": {}}
        return [_text_question(turn, "sq")]
    if action == "skip":
        link.draft = {**draft, "texts": {}}
        return await _preview(turn, link.draft)
    if action in ("send", "sure"):
        return await _publish(turn, link, principal, draft, confirmed=action == "sure")
    return [OutgoingMessage(_("Send /notice to start a new notice."), keyboards.menu())]


def _toggle(draft: dict[str, Any], action: str, area_id: str) -> list[str]:
    district_areas = [area.id for area in areas_of(draft["district"])]
    if action == "all":
        return district_areas
    chosen = list(draft["areas"])
    area = get_area(area_id)
    if area is None or area.district != draft["district"]:
        return chosen
    return [a for a in chosen if a != area_id] if area_id in chosen else [*chosen, area_id]


async def on_text_reply(turn: Turn) -> list[OutgoingMessage]:
    staff = await _staff(turn)
    if staff is None:
        turn.clear_state()
        return _not_staff()
    link, _principal = staff
    draft = dict(link.draft or {})
    language = str(turn.state.get("lang", "sq"))
    text = (turn.message.text or "").strip()
    if not draft.get("areas") or language not in TEXT_LANGUAGES:
        turn.clear_state()
        return [OutgoingMessage(_("Send /notice to start a new notice."), keyboards.menu())]
    if len(text) > MAX_TEXT:
        return [
            OutgoingMessage(
                _("Please keep it under {limit} characters.").format(limit=MAX_TEXT),
                (_cancel_row(),),
            )
        ]
    link.draft = {**draft, "texts": {**draft.get("texts", {}), language: text}}
    following = TEXT_LANGUAGES.index(language) + 1
    if following < len(TEXT_LANGUAGES):
        return [_text_question(turn, TEXT_LANGUAGES[following])]
    return await _preview(turn, link.draft)


async def _publish(
    turn: Turn, link: StaffChat, principal: Principal, draft: dict[str, Any], confirmed: bool
) -> list[OutgoingMessage]:
    desk = turn.deps.notices
    assert desk is not None
    data = _draft_input(draft)
    recipients = await desk.count_recipients(data, draft["id"])
    if recipients > desk.confirm_above and not confirmed:
        text = _("This notice goes to {n} chats. Are you sure?").format(n=recipients)
        sure = _button(_("✅ Yes, send to {n} chats").format(n=recipients), "sure")
        return [OutgoingMessage(text, ((sure,), _cancel_row()))]
    desk.add(turn.session, principal, data, draft["id"], recipients)
    link.draft = None
    desk.poke()
    text = _("Published. Notice {id} is on its way to {n} chats.").format(
        id=draft["id"], n=recipients
    )
    hint = _("You can follow the delivery and stop it on the staff page.")
    return [OutgoingMessage(f"{text}\n{hint}", keyboards.menu())]
