"""Keeps the bot token (and the webhook secret) out of the logs.

httpx logs every request URL, and the Bot API URL contains the token; PTB logs call parameters
at debug level. A filter on those loggers rewrites each record with the secrets masked.
"""

from __future__ import annotations

import logging

_LOGGER_PREFIXES = ("httpx", "httpcore", "telegram", "bot.channels.telegram", "aiohttp")


class SecretRedactingFilter(logging.Filter):
    """Replaces every registered secret in a log record's message and traceback with ``***``."""

    def __init__(self) -> None:
        super().__init__()
        self._secrets: set[str] = set()

    def add(self, secret: str | None) -> None:
        if secret:
            self._secrets.add(secret)

    def redact(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, "***")
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        if not self._secrets:
            return True
        message = record.getMessage()
        redacted = self.redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        return True


_FILTER = SecretRedactingFilter()


def install_secret_redaction(*secrets: str | None) -> SecretRedactingFilter:
    """Register ``secrets`` and attach the filter to the HTTP and PTB loggers (idempotent)."""
    for secret in secrets:
        _FILTER.add(secret)
    names = [
        name
        for name in list(logging.Logger.manager.loggerDict)
        if name.startswith(_LOGGER_PREFIXES)
    ]
    for name in {*names, *_LOGGER_PREFIXES}:
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
    return _FILTER
