"""Telegram-only strings: the command menu (setMyCommands) and the adapter's own short answers.

Conversation text lives in the gettext catalogs; these few strings belong to the channel itself
(the menu Telegram shows next to the input field, and the answer to content the bot can't read).
"""

from __future__ import annotations

LANGUAGES = ("sq", "en", "sr")

COMMAND_NAMES = (
    "start",
    "help",
    "language",
    "link",
    "accounts",
    "unlink",
    "bill",
    "pay",
    "outages",
    "alerts",
)

COMMAND_DESCRIPTIONS: dict[str, dict[str, str]] = {
    "sq": {
        "start": "Fillo dhe zgjidh gjuhën",
        "help": "Menyja dhe ndihma",
        "language": "Ndrysho gjuhën",
        "link": "Lidh një kod konsumatori",
        "accounts": "Kodet e lidhura",
        "unlink": "Hiq një kod konsumatori",
        "bill": "Fatura e fundit",
        "pay": "Paguaj faturën",
        "outages": "Ndërprerjet dhe punimet e planifikuara",
        "alerts": "Njoftimet dhe orët e qeta",
    },
    "en": {
        "start": "Start and choose a language",
        "help": "Menu and help",
        "language": "Change the language",
        "link": "Link a customer code",
        "accounts": "Your linked customer codes",
        "unlink": "Remove a customer code",
        "bill": "Your latest bill",
        "pay": "Pay your bill",
        "outages": "Outages and planned works",
        "alerts": "Alerts and quiet hours",
    },
    "sr": {
        "start": "Почетак и избор језика",
        "help": "Мени и помоћ",
        "language": "Промена језика",
        "link": "Повежи шифру потрошача",
        "accounts": "Повезане шифре потрошача",
        "unlink": "Уклони шифру потрошача",
        "bill": "Последњи рачун",
        "pay": "Плати рачун",
        "outages": "Нестанци струје и планирани радови",
        "alerts": "Обавештења и тихи сати",
    },
}

UNSUPPORTED_CONTENT = {
    "sq": "Më vjen keq, lexoj vetëm mesazhe me tekst. Shkruani /help për menynë.",
    "en": "Sorry, I can only read text messages. Type /help for the menu.",
    "sr": "Извините, могу да читам само текстуалне поруке. Откуцајте /help за мени.",
}

EDITED_MESSAGE = {
    "sq": "E pashë që e ndryshuat mesazhin. Ju lutem dërgojeni si mesazh të ri.",
    "en": "I saw you edited a message. Please send it again as a new message.",
    "sr": "Видим да сте изменили поруку. Молим вас пошаљите је поново као нову поруку.",
}

BUTTON_EXPIRED = {
    "sq": "Ky buton nuk është më i vlefshëm. Shkruani /help.",
    "en": "This button is no longer valid. Type /help.",
    "sr": "Ово дугме више не важи. Откуцајте /help.",
}

SOMETHING_WENT_WRONG = {
    "sq": "Diçka shkoi keq. Ju lutem provoni përsëri pak më vonë.",
    "en": "Something went wrong. Please try again in a moment.",
    "sr": "Нешто није у реду. Молим вас покушајте поново мало касније.",
}


def pick_language(language_code: str | None, default: str = "sq") -> str:
    """Map Telegram's ``language_code`` (``en-US``, ``sr``) to ``sq``, ``en`` or ``sr``."""
    if language_code:
        base = language_code.split("-")[0].split("_")[0].lower()
        if base in LANGUAGES:
            return base
    return default if default in LANGUAGES else "sq"


def text_for(table: dict[str, str], language_code: str | None, default: str = "sq") -> str:
    """The entry of ``table`` for the user's language."""
    return table[pick_language(language_code, default)]
