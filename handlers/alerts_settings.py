"""``/alerts``: which alerts the chat gets, and its quiet hours, switched with buttons.

``alerts:<kind>`` switches one kind on or off (bills, bill_reminders, payments, outages,
planned_works, reminders); ``alerts:quiet`` moves the quiet hours to the next choice (22–07,
23–07, 21–08, off).
"""

from __future__ import annotations

from dataclasses import replace

from handlers import keyboards
from handlers.messages import Button, OutgoingMessage
from handlers.turn import Turn
from locales.i18n import N_, _
from services.alerts import chat_settings, quiet
from services.db.alert_models import AlertPreference

LABELS = {
    "bills": N_("🧾 New bills"),
    "bill_reminders": N_("⏰ Reminders to pay a bill"),
    "payments": N_("✅ Payments received"),
    "outages": N_("⚡ Outages"),
    "planned_works": N_("🛠 Planned works"),
    "reminders": N_("⏰ Reminders before planned works"),
}


def _state(on: bool) -> str:
    return _("on") if on else _("off")


def _quiet_label(preset: str) -> str:
    label = quiet.label(preset)
    return _("off") if label == quiet.OFF else label


def settings_message(prefs: AlertPreference, note: str = "") -> OutgoingMessage:
    lines = [note, ""] if note else []
    lines.append(_("🔔 Your alerts:"))
    lines += [
        f"{_(label)}: {_state(chat_settings.is_on(prefs, kind))}" for kind, label in LABELS.items()
    ]
    lines.append(_("🌙 Quiet hours: {hours}").format(hours=_quiet_label(prefs.quiet_hours)))
    lines.append("")
    lines.append(
        _(
            "During quiet hours (Kosovo time), bills and planned works wait until the morning; "
            "outages, payments and the last reminder arrive without sound."
        )
    )
    lines.append(_("Press a button to switch an alert on or off."))
    buttons = [
        Button(f"{_(label)}: {_state(chat_settings.is_on(prefs, kind))}", payload=f"alerts:{kind}")
        for kind, label in LABELS.items()
    ]
    rows = [tuple(buttons[index : index + 2]) for index in range(0, len(buttons), 2)]
    rows.append(
        (
            Button(
                _("🌙 Quiet hours: {hours}").format(hours=_quiet_label(prefs.quiet_hours)),
                payload="alerts:quiet",
            ),
        )
    )
    return OutgoingMessage("\n".join(lines), tuple(rows))


async def on_alerts(turn: Turn) -> list[OutgoingMessage]:
    prefs = await chat_settings.preferences(turn.session, turn.chat.id)
    if not turn.deps.channels.pushes(turn.chat.channel):
        return [OutgoingMessage(keyboards.alerts_elsewhere()), settings_message(prefs)]
    return [settings_message(prefs)]


async def on_alerts_button(turn: Turn) -> list[OutgoingMessage]:
    choice = turn.args.strip()
    session, chat_id = turn.session, turn.chat.id
    note = ""
    if choice == "quiet":
        preset = await chat_settings.next_quiet_hours(session, chat_id)
        note = _("Quiet hours: {hours}.").format(hours=_quiet_label(preset))
    elif choice in LABELS:
        on = await chat_settings.toggle(session, chat_id, choice)
        note = _("{alert}: {state}.").format(alert=_(LABELS[choice]), state=_state(on))
    prefs = await chat_settings.preferences(session, chat_id)
    return [replace(settings_message(prefs, note), edits_pressed=True)]
