"""Buttons the conversation offers again and again: the menu and the language choice."""

from __future__ import annotations

from handlers.i18n import LANGUAGE_NAMES, _
from handlers.messages import Button

Rows = tuple[tuple[Button, ...], ...]


def command_button(text: str, command: str) -> Button:
    return Button(text, payload=f"cmd:{command}")


def menu() -> Rows:
    """The main menu: every command has a button."""
    return (
        (command_button(_("🧾 My bill"), "bill"), command_button(_("💳 Pay"), "pay")),
        (
            command_button(_("🔗 Link an account"), "link"),
            command_button(_("📋 My accounts"), "accounts"),
        ),
        (command_button(_("⚡ Outages"), "outages"), command_button(_("🔔 Alerts"), "alerts")),
        (command_button(_("🌐 Language"), "language"), command_button(_("❓ Help"), "help")),
    )


def language_choice() -> Rows:
    return (
        (
            Button(LANGUAGE_NAMES["sq"], payload="lang:sq"),
            Button(LANGUAGE_NAMES["en"], payload="lang:en"),
        ),
        (
            Button(LANGUAGE_NAMES["sr"], payload="lang:sr"),
            Button(LANGUAGE_NAMES["sr-Latn"], payload="lang:sr-Latn"),
        ),
    )


def cancel_row() -> tuple[Button, ...]:
    return (command_button(_("✖ Cancel"), "cancel"),)


def contacts_text() -> str:
    return _("Call centre: 0800 791 00 (free of charge)\nE-mail: info@kesco-energy.com")
