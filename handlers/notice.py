"""``/notice``: a staff member publishes a short outage notice from a linked chat.

A chat is linked to a staff account once, with ``/notice CODE`` (a one-time code from the staff
page). Then ``/notice`` asks for the district and areas (buttons), when power should be back
(buttons), the reason in Albanian, English and Serbian (typed, or skipped), shows a preview,
and publishes after a confirmation (a second one above KESCO_BROADCAST_CONFIRM_ABOVE chats),
through the same notice desk as the staff page and API. The draft is kept by
:mod:`services.notices.drafts`, so button presses do not lose it.
"""

from __future__ import annotations

from handlers import keyboards, notice_update
from handlers.messages import Button, OutgoingMessage
from handlers.turn import Turn
from locales import languages
from locales.i18n import _, current_language, ngettext
from services.areas import areas_of, district_name
from services.db.types import utcnow
from services.notices import drafts as notice_drafts
from services.notices.drafts import NoticeDraft, StaffChatState
from services.notices.preview import render_previews
from services.notices.reasons import ReasonTemplate, all_templates, get_template
from services.notices.titles import notice_title
from services.numbers import whole_number
from services.staff import accounts, audit

STATE_TEXT = "notice_text"
PREFIX = "ntc"
HOURS = (1, 2, 4, 8)
MAX_TEXT = 500
Rows = tuple[tuple[Button, ...], ...]


def _button(text: str, argument: str) -> Button:
    return Button(text, payload=f"{PREFIX}:{argument}")


def _cancel_row() -> tuple[Button, ...]:
    return (_button(_("✖ Cancel"), "x"),)


async def _staff(turn: Turn) -> StaffChatState | None:
    return await notice_drafts.load(turn.session, turn.chat.channel, turn.chat.external_id)


async def _keep(turn: Turn, draft: NoticeDraft | None) -> None:
    await notice_drafts.save(turn.session, turn.chat.channel, turn.chat.external_id, draft)


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


def _start_again() -> list[OutgoingMessage]:
    return [OutgoingMessage(_("Send /notice to start a new notice."), keyboards.menu())]


async def on_notice(turn: Turn) -> list[OutgoingMessage]:
    staff = await _staff(turn)
    if staff is None:
        return await _link(turn) if turn.args else _not_staff()
    if turn.deps.notices is None:
        return [OutgoingMessage(_("Publishing is not available here."), keyboards.menu())]
    current = await notice_update.current_outages(turn, staff)
    if current is not None:
        await _keep(turn, None)
        return [current]
    return await _new_notice(turn, staff)


async def _new_notice(turn: Turn, staff: StaffChatState) -> list[OutgoingMessage]:
    scope = staff.principal.scope
    if len(scope) == 1:
        draft = NoticeDraft().in_district(scope[0])
        await _keep(turn, draft)
        return [_areas_question(draft)]
    await _keep(turn, NoticeDraft())
    rows = [
        tuple(_button(district_name(d, current_language()), f"d:{d}") for d in scope[i : i + 2])
        for i in range(0, len(scope), 2)
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


def _areas_question(draft: NoticeDraft) -> OutgoingMessage:
    assert draft.district is not None
    language = current_language()
    buttons = [
        _button(("✅ " if area.id in draft.areas else "") + area.name(language), f"a:{area.id}")
        for area in areas_of(draft.district)
    ]
    rows = [tuple(buttons[i : i + 2]) for i in range(0, len(buttons), 2)]
    done = (_button(_("All areas"), "all"), _button(_("Done ➡"), "ok"))
    text = _("Which areas of {district}? Press to choose, then Done.").format(
        district=district_name(draft.district, language)
    )
    return OutgoingMessage(text, (*rows, done, _cancel_row()), edits_pressed=True)


def _eta_question() -> OutgoingMessage:
    hours = tuple(
        _button(ngettext("{n} hour", "{n} hours", n).format(n=n), f"eta:{n}") for n in HOURS
    )
    return OutgoingMessage(
        _("When should power be back?"),
        (hours[:2], hours[2:], (_button(_("Not known"), "eta:0"),), _cancel_row()),
    )


def _text_question(
    turn: Turn, language: str, first: bool, templates: list[ReasonTemplate] | None = None
) -> OutgoingMessage:
    turn.set_state(STATE_TEXT, lang=language)
    if first and templates:
        question = _(
            "Choose a common reason, or type it in Albanian (one or two sentences), or skip it."
        )
        skip = (_button(_("Skip the reason"), "skip"),)
        rows = (*notice_update.template_rows(templates, PREFIX), skip, _cancel_row())
        return OutgoingMessage(question, rows)
    questions = {
        "sq": _("Type the reason in Albanian (one or two sentences), or skip it."),
        "en": _("Now the same in English."),
        "sr": _("Now the same in Serbian (Cyrillic)."),
    }
    question = questions.get(language) or _("Now the same in {language}.").format(
        language=languages.get(language).name
    )
    if first:
        return OutgoingMessage(question, ((_button(_("Skip the reason"), "skip"),), _cancel_row()))
    hint = _(notice_update.ENOUGH_HINT)
    return OutgoingMessage(f"{question}\n{hint}", (_enough_row(), _cancel_row()))


def _enough_row() -> tuple[Button, ...]:
    return (_button(_("👁 Preview now"), "enough"),)


async def _preview(turn: Turn, draft: NoticeDraft) -> list[OutgoingMessage]:
    desk = turn.deps.notices
    assert desk is not None
    turn.clear_state()
    data = draft.to_input(utcnow())
    preview = render_previews(data, turn.deps.channels)[current_language()].text
    recipients = await desk.count_recipients(data, session=turn.session)
    await _keep(turn, draft.counted(recipients))
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
    draft = staff.notice_draft
    action, _sep, value = turn.args.partition(":")
    if action == "new" and turn.deps.notices is not None:
        return await _new_notice(turn, staff)
    if action == "x" or draft is None or turn.deps.notices is None:
        await _keep(turn, None)
        if action == "x":
            return [OutgoingMessage(_("Cancelled."), keyboards.menu())]
        return _start_again()
    if action == "d" and value in staff.principal.scope:
        draft = draft.in_district(value)
        await _keep(turn, draft)
        return [_areas_question(draft)]
    if draft.district is None:
        return _start_again()
    if action in ("a", "all"):
        draft = draft.all_areas() if action == "all" else draft.toggle_area(value)
        await _keep(turn, draft)
        return [_areas_question(draft)]
    if action == "ok":
        return [_areas_question(draft) if not draft.areas else _eta_question()]
    if action == "eta" and whole_number(value, 3) is not None and draft.areas:
        draft = draft.expecting(int(value))
        await _keep(turn, draft)
        first = draft.next_text_language
        assert first is not None
        return [_text_question(turn, first, True, await all_templates(turn.session))]
    if action == "tpl" and draft.areas:
        template = await get_template(turn.session, value)
        if template is not None:
            for language, text in template.texts.items():
                draft = draft.with_text(language, text)
            return await _preview(turn, draft)
    if action == "enough" and draft.areas and draft.texts:
        turn.clear_state()
        return await _preview(turn, draft)
    if action == "skip" and draft.areas:
        return await _preview(turn, draft.expecting(draft.eta_hours or 0))
    if action in ("send", "sure") and draft.recipients is not None:
        return await _publish(turn, staff, draft, confirmed=action == "sure")
    return _start_again()


async def on_text_reply(turn: Turn) -> list[OutgoingMessage]:
    staff = await _staff(turn)
    if staff is None:
        turn.clear_state()
        return _not_staff()
    draft = staff.notice_draft
    language = str(turn.state.get("lang", ""))
    text = (turn.message.text or "").strip()
    if draft is None or not draft.areas or language != draft.next_text_language:
        turn.clear_state()
        return _start_again()
    if len(text) > MAX_TEXT:
        return [
            OutgoingMessage(
                _("Please keep it under {limit} characters.").format(limit=MAX_TEXT),
                (_cancel_row(),),
            )
        ]
    draft = draft.with_text(language, text)
    following = draft.next_text_language
    if following is not None:
        await _keep(turn, draft)
        return [_text_question(turn, following, first=False)]
    return await _preview(turn, draft)


async def _publish(
    turn: Turn, staff: StaffChatState, draft: NoticeDraft, confirmed: bool
) -> list[OutgoingMessage]:
    desk = turn.deps.notices
    assert desk is not None and draft.recipients is not None
    if draft.recipients > desk.confirm_above and not confirmed:
        n = draft.recipients
        text = _("This notice goes to {n} chats. Are you sure?").format(n=n)
        sure = _button(_("✅ Yes, send to {n} chats").format(n=n), "sure")
        return [OutgoingMessage(text, ((sure,), _cancel_row()))]
    data = draft.to_input(utcnow(), confirm=True)
    result = await desk.submit(staff.principal, data, session=turn.session)
    await _keep(turn, None)
    title = notice_title("outage", data.areas, data.starts_at, current_language())
    text = _("Published: {notice}. It is on its way to {n} chats.").format(
        notice=title, n=result.recipients
    )
    hint = _("You can follow the delivery and stop it on the staff page.")
    return [OutgoingMessage(f"{text}\n{hint}", keyboards.menu())]
