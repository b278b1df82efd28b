"""Keeps PTB's logs readable while the Bot API misbehaves.

On a 502 with an HTML page PTB logs the whole page with a traceback (``Can not load invalid JSON
data``), and its polling loop logs a traceback for every failed ``getUpdates``. A
:class:`~services.quiet_log.QuietFilter` on PTB's loggers lets each kind through once a minute,
on one line, with the count of the others.
"""

from __future__ import annotations

import logging

from services.quiet_log import QuietFilter

PTB_LOGGERS = (
    "telegram",
    "telegram.ext",
    "telegram.ext.Application",
    "telegram.ext.Updater",
    "telegram.request.BaseRequest",
    "telegram.Bot",
    "telegram.ext.ExtBot",
)
_FILTER = QuietFilter()


def install_quiet_logs() -> QuietFilter:
    """Attach the filter to PTB's loggers (idempotent), after the secret redaction."""
    for name in PTB_LOGGERS:
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
    return _FILTER
