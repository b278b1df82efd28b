"""``/notice`` for an outage already published: the staff member sees the outages of their
districts now, and updates one (a new expected end, more areas, a new reason) or says power
is back, through the same notice desk as the staff page and API.

The change being composed is an :class:`~services.notices.drafts.UpdateDraft`, kept by
:mod:`services.notices.drafts`; its id makes *Publish* idempotent.
"""

from __future__ import annotations

from datetime import datetime

from handlers import keyboards
from handlers.messages import Button, OutgoingMessage
from handlers.turn import Turn
from locales.i18n import N_, _, current_language, ngettext
from services.alerts import texts
from services.alerts.event_types import outage_updated
from services.areas import areas_of
from services.db.types import utcnow
from services.notices import drafts as notice_drafts
from services.notices.board import board
from services.notices.changes import Restoration
from services.notices.drafts import StaffChatState, UpdateDraft
from services.notices.errors import NoticeConflict, NoticeForbidden, NoticeNotFound
from services.notices.reasons import ReasonTemplate, all_templates, get_template
from services.notices.titles import notice_title, short_time
from services.notices.views import NoticeView
from services.numbers import whole_number

PREFIX = "ntu"
STATE_TEXT = "notice_update_text"
HOURS = (1, 2, 4, 8)
MAX_LISTED = 8
MAX_TEXT = 500


def _button(text: str, argument: str) -> Button:
    return Button(text, payload=f"{PREFIX}:{argument}")


def _cancel_row() -> tuple[Button, ...]:
    return (_button(_("✖ Cancel"), "x"),)


def template_rows(templates: list[ReasonTemplate], prefix: str) -> list[tuple[Button, ...]]:
    """Buttons of the reason templates (``<prefix>:tpl:<key>``), two to a row."""
    language = current_language()
    buttons = [Button(t.name(language), payload=f"{prefix}:tpl:{t.key}") for t in templates]
    return [tuple(buttons[i : i + 2]) for i in range(0, len(buttons), 2)]


def _time(value: datetime | None) -> str:
    if value is None:
        return _("not known")
    return short_time(value, current_language())


async def current_outages(turn: Turn, staff: StaffChatState) -> OutgoingMessage | None:
    """The staff-published outages of the member's districts, each with *Update* and *Power
    is back*; None when there are none (``/notice`` then starts a new notice)."""
    items = [
        item
        for item in await board(turn.session, staff.principal, utcnow(), outages_only=True)
        if item.notice_id is not None
    ][:MAX_LISTED]
    if not items:
        return None
    language = current_language()
    lines = [_("Outages now in your districts:")]
    rows: list[tuple[Button, ...]] = []
    for number, item in enumerate(items, 1):
        assert item.notice_id is not None and item.starts_at is not None
        title = notice_title(item.kind, item.areas, item.starts_at, language)
        line = f"{number}. {title}\n   " + _("Expected back: {time}.").format(
            time=_time(item.ends_at)
        )
        if item.overdue:
            line += " " + _("⚠️ This time has passed: update it or say power is back.")
        lines.append(line)
        rows.append(
            (
                _button(_("✏️ {n}: update").format(n=number), f"u:{item.notice_id}"),
                _button(_("💡 {n}: power is back").format(n=number), f"r:{item.notice_id}"),
            )
        )
    rows.append((Button(_("➕ New outage notice"), payload="ntc:new"),))
    return OutgoingMessage("\n".join(lines), (*rows, _cancel_row()))


async def _notice(turn: Turn, staff: StaffChatState, notice_id: str) -> NoticeView | None:
    """The notice, while it is an outage whose power is not back (it has ``current``)."""
    desk = turn.deps.notices
    assert desk is not None
    try:
        notice = await desk.get(staff.principal, notice_id, session=turn.session)
    except (NoticeNotFound, NoticeForbidden):
        return None
    return notice if notice.is_current_outage else None


def _title(notice: NoticeView) -> str:
    assert notice.current is not None and notice.current.starts_at is not None
    return notice_title(
        notice.kind, notice.current.areas, notice.current.starts_at, current_language()
    )


def _summary(notice: NoticeView, draft: UpdateDraft) -> str:
    language = current_language()
    lines = [_("Update of: {title}").format(title=_title(notice))]
    if draft.eta_hours:
        lines.append(_("• New expected end: {time}").format(time=_time(draft.ends_at(utcnow()))))
    if draft.areas:
        lines.append(
            _("• Areas added: {areas}").format(areas=texts.area_names(draft.areas, language))
        )
    if draft.complete_texts:
        lines.append(
            _("• New reason: {reason}").format(
                reason=texts.free_text(draft.complete_texts, language)
            )
        )
    lines.append(_("What has changed?"))
    return "\n".join(lines)


def _menu(notice: NoticeView, draft: UpdateDraft) -> OutgoingMessage:
    rows: list[tuple[Button, ...]] = [
        (_button(_("⏱ Expected end"), "eta"), _button(_("➕ Areas"), "areas")),
        (_button(_("📝 Reason"), "why"),),
    ]
    if not draft.is_empty:
        rows.append((_button(_("Preview ➡"), "ok"),))
    return OutgoingMessage(_summary(notice, draft), (*rows, _cancel_row()))


def _over() -> list[OutgoingMessage]:
    text = _("This outage is no longer current (power is back, or it is not yours).")
    return [
        OutgoingMessage(text + "\n" + _("Send /notice to start a new notice."), keyboards.menu())
    ]


async def on_button(turn: Turn) -> list[OutgoingMessage]:
    staff = await notice_drafts.load(turn.session, turn.chat.channel, turn.chat.external_id)
    if staff is None or turn.deps.notices is None:
        return [OutgoingMessage(_("This command is for KESCO staff."), keyboards.menu())]
    action, _sep, value = turn.args.partition(":")
    if action == "x":
        await notice_drafts.save(turn.session, turn.chat.channel, turn.chat.external_id, None)
        return [OutgoingMessage(_("Cancelled."), keyboards.menu())]
    if action in ("r", "back"):
        return await _restore(turn, staff, value, confirmed=action == "back")
    draft = UpdateDraft(value) if action == "u" else staff.update_draft
    if draft is None:
        return _over()
    notice = await _notice(turn, staff, draft.notice_id)
    if notice is None:
        return _over()
    return await _step(turn, staff, notice, draft, action, value)


async def _keep(turn: Turn, draft: UpdateDraft | None) -> None:
    await notice_drafts.save(turn.session, turn.chat.channel, turn.chat.external_id, draft)


async def _step(
    turn: Turn,
    staff: StaffChatState,
    notice: NoticeView,
    draft: UpdateDraft,
    action: str,
    value: str,
) -> list[OutgoingMessage]:
    if action == "eta" and not value:
        hours = tuple(
            _button(ngettext("in {n} hour", "in {n} hours", n).format(n=n), f"eta:{n}")
            for n in HOURS
        )
        return [
            OutgoingMessage(
                _("When should power be back now?"), (hours[:2], hours[2:], _cancel_row())
            )
        ]
    if action == "eta" and whole_number(value, 3) in HOURS:
        draft = draft.expecting(int(value))
    elif action == "areas" or (action == "a" and value):
        draft = draft.toggle_area(value) if action == "a" else draft
        await _keep(turn, draft)
        return [_areas_question(notice, draft)]
    elif action == "why":
        await _keep(turn, draft.without_texts())
        templates = await all_templates(turn.session)
        question = _text_question(turn, "sq")
        rows = (*template_rows(templates, PREFIX), *question.buttons)
        return [
            OutgoingMessage(
                _(
                    "Choose a common reason, or type the new reason in Albanian "
                    "(one or two sentences)."
                ),
                rows,
            )
        ]
    elif action == "tpl" and (template := await get_template(turn.session, value)) is not None:
        turn.clear_state()
        draft = draft.without_texts()
        for language, text in template.texts.items():
            draft = draft.with_text(language, text)
    elif action == "enough" and draft.texts:
        turn.clear_state()
    elif action == "ok" and not draft.is_empty:
        await _keep(turn, draft)
        return [_preview(notice, draft)]
    elif action == "send" and not draft.is_empty:
        return await _publish(turn, staff, draft)
    await _keep(turn, draft)
    return [_menu(notice, draft)]


def _areas_question(notice: NoticeView, draft: UpdateDraft) -> OutgoingMessage:
    language = current_language()
    assert notice.current is not None
    covered = set(notice.current.areas)
    buttons = [
        _button(("✅ " if area.id in draft.areas else "") + area.name(language), f"a:{area.id}")
        for area in areas_of(notice.district)
        if area.id not in covered
    ]
    rows = [tuple(buttons[i : i + 2]) for i in range(0, len(buttons), 2)]
    text = _("Which areas have no power too? Press to choose, then Done.")
    rows.append((_button(_("Done ➡"), "menu"),))
    return OutgoingMessage(text, (*rows, _cancel_row()), edits_pressed=True)


ENOUGH_HINT = N_(
    "Or preview it now: the bot writes the facts in each chat's language, and chats in the "
    "other languages get your reason as you wrote it."
)


def _text_question(turn: Turn, language: str) -> OutgoingMessage:
    turn.set_state(STATE_TEXT, lang=language)
    questions = {
        "sq": _("Type the new reason in Albanian (one or two sentences)."),
        "en": _("Now the same in English."),
        "sr": _("Now the same in Serbian (Cyrillic)."),
    }
    if language == "sq":
        return OutgoingMessage(questions[language], (_cancel_row(),))
    text = f"{questions[language]}\n{_(ENOUGH_HINT)}"
    return OutgoingMessage(text, ((_button(_("👁 Preview now"), "enough"),), _cancel_row()))


async def on_text_reply(turn: Turn) -> list[OutgoingMessage]:
    staff = await notice_drafts.load(turn.session, turn.chat.channel, turn.chat.external_id)
    draft = staff.update_draft if staff else None
    language = str(turn.state.get("lang", ""))
    text = (turn.message.text or "").strip()
    notice = await _notice(turn, staff, draft.notice_id) if staff and draft else None
    if staff is None or draft is None or notice is None or language != draft.next_text_language:
        turn.clear_state()
        return _over()
    if len(text) > MAX_TEXT:
        limit = _("Please keep it under {limit} characters.").format(limit=MAX_TEXT)
        return [OutgoingMessage(limit, (_cancel_row(),))]
    draft = draft.with_text(language, text)
    await _keep(turn, draft)
    if (following := draft.next_text_language) is not None:
        return [_text_question(turn, following)]
    turn.clear_state()
    return [_menu(notice, draft)]


def _preview(notice: NoticeView, draft: UpdateDraft) -> OutgoingMessage:
    current = notice.current
    assert current is not None
    ends = draft.ends_at(utcnow()) or current.ends_at
    rendered = outage_updated.message(
        [*current.areas, *draft.areas], ends, draft.complete_texts or current.texts
    )
    text = "\n\n".join(
        (
            _("Preview:"),
            rendered[current_language()][0],
            _("It goes to the chats that got the outage, and to the chats of the added areas."),
        )
    )
    return OutgoingMessage(text, ((_button(_("✅ Publish"), "send"), _button(_("✖ Cancel"), "x")),))


async def _publish(turn: Turn, staff: StaffChatState, draft: UpdateDraft) -> list[OutgoingMessage]:
    desk = turn.deps.notices
    assert desk is not None
    try:
        changed = await desk.update(
            staff.principal, draft.notice_id, draft.to_change(utcnow()), session=turn.session
        )
    except NoticeConflict:
        return _over()
    await _keep(turn, None)
    if changed.status == "unchanged":
        text = _("Nothing has changed, so nothing was sent.")
    else:
        text = _("Update published. It is on its way to {n} chats.").format(n=changed.recipients)
    return [OutgoingMessage(text, keyboards.menu())]


async def _restore(
    turn: Turn, staff: StaffChatState, notice_id: str, *, confirmed: bool
) -> list[OutgoingMessage]:
    notice = await _notice(turn, staff, notice_id)
    if notice is None:
        return _over()
    if not confirmed:
        assert notice.current is not None
        desk = turn.deps.notices
        assert desk is not None
        progress = await desk.progress(staff.principal, notice_id, session=turn.session)
        heard = progress.heard
        text = ngettext(
            "Power is back: {notice}? The {n} chat that heard of this outage will be told, and "
            "the chats that reported no power there.",
            "Power is back: {notice}? The {n} chats that heard of this outage will be told, and "
            "the chats that reported no power there.",
            heard,
        ).format(notice=_title(notice), n=heard)
        yes = _button(_("✅ Yes, power is back"), f"back:{notice_id}")
        return [OutgoingMessage(text, ((yes,), _cancel_row()))]
    desk = turn.deps.notices
    assert desk is not None
    changed = await desk.restore(staff.principal, notice_id, Restoration(), session=turn.session)
    await _keep(turn, None)
    text = _("Done: {n} chats will hear that power is back.").format(n=changed.recipients)
    return [OutgoingMessage(text, keyboards.menu())]
