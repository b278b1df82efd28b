"""The command menu: the commands people are shown, with what each does.

Messengers show it next to the input field (Telegram's setMyCommands) and ``/help`` lists it,
so the two never disagree. Descriptions are msgids, translated where they are shown.
"""

from __future__ import annotations

from locales.i18n import N_

COMMAND_MENU: tuple[tuple[str, str], ...] = (
    ("bill", N_("Your latest bill")),
    ("usage", N_("Your consumption and earlier bills")),
    ("pay", N_("Pay your bill")),
    ("outages", N_("Outages and planned works")),
    ("alerts", N_("Alerts and quiet hours")),
    ("link", N_("Link a customer code")),
    ("accounts", N_("Your linked customer codes")),
    ("unlink", N_("Remove a customer code")),
    ("share", N_("Share your codes with another chat")),
    ("human", N_("Talk to a person")),
    ("language", N_("Change the language")),
    ("help", N_("Menu and help")),
    ("start", N_("Start and choose a language")),
)
