"""Buttons the conversation offers again and again: the menu and the language choice."""

from __future__ import annotations

from handlers.messages import Button
from locales import languages
from locales.i18n import _

Rows = tuple[tuple[Button, ...], ...]


def command_button(text: str, command: str) -> Button:
    return Button(text, payload=f"cmd:{command}")


def menu() -> Rows:
    """The main menu: every command has a button."""
    return (
        (command_button(_("🧾 My bill"), "bill"), command_button(_("💳 Pay"), "pay")),
        (
            command_button(_("🔗 Link a customer code"), "link"),
            command_button(_("📋 My customer codes"), "accounts"),
        ),
        (command_button(_("⚡ Outages"), "outages"), command_button(_("🔔 Alerts"), "alerts")),
        (command_button(_("👤 Talk to a person"), "human"), command_button(_("❓ Help"), "help")),
        (command_button(_("👪 Share"), "share"), command_button(_("🌐 Language"), "language")),
    )


def language_choice() -> Rows:
    """One button per language of the registry, two to a row."""
    buttons = [
        Button(language.name, payload=f"lang:{language.code}") for language in languages.LANGUAGES
    ]
    return tuple(tuple(buttons[i : i + 2]) for i in range(0, len(buttons), 2))


def cancel_row() -> tuple[Button, ...]:
    return (command_button(_("✖ Cancel"), "cancel"),)


def alerts_elsewhere() -> str:
    """Said in a chat that can't be sent alerts (the console): where they come instead."""
    return _(
        "Alerts can't be shown here: they come in Telegram and Viber. Send /share to give "
        "your codes to your Telegram or Viber chat."
    )


def contacts_text() -> str:
    return _("Call centre: 0800 791 00 (free of charge)\nE-mail: info@kesco-energy.com")
