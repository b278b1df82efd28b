"""A bare python-telegram-bot bot, for comparison (``bench/delivery.py`` runs it).

``python bench/ptb_echo.py API_ROOT TOKEN limited|unlimited``: long polling, and every text
message answered with two messages (a welcome, then a choice with an inline keyboard), the shape
of the KESCO bot's first answer. ``limited`` uses PTB's own ``AIORateLimiter``; nothing else of
PTB's defaults is changed.
"""

from __future__ import annotations

import sys

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import AIORateLimiter, ApplicationBuilder, ContextTypes, MessageHandler, filters

WELCOME = (
    "Mirë se vini te asistenti i KESCO-s! Këtu mund ta shihni faturën e energjisë elektrike, "
    "ta paguani dhe të merrni njoftime për ndërprerjet dhe punimet e planifikuara."
)
CHOICE = InlineKeyboardMarkup(
    [
        [InlineKeyboardButton(name, callback_data=f"lang:{code}")]
        for code, name in (("sq", "Shqip"), ("en", "English"), ("sr", "Српски"))
    ]
)


async def answer(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_chat is not None
    chat = update.effective_chat.id
    await _context.bot.send_message(chat, WELCOME)
    await _context.bot.send_message(chat, "Zgjidhni gjuhën:", reply_markup=CHOICE)


def main(root: str, token: str, mode: str) -> None:
    builder = ApplicationBuilder().token(token).base_url(f"{root.rstrip('/')}/bot")
    if mode == "limited":
        builder = builder.rate_limiter(AIORateLimiter())
    application = builder.concurrent_updates(True).build()
    application.add_handler(MessageHandler(filters.TEXT, answer))
    print("STARTED", flush=True)
    application.run_polling(poll_interval=0.0, timeout=10)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3])
