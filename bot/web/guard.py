"""What every request of the web server goes through (an aiohttp middleware).

Before the route: an address (path or query) with NUL or broken Unicode, and a form that cannot
be read or holds such text or a file, get 400 (not on the routes that check a signature over the
raw body, :data:`RAW_BODY_PATHS`: nothing parses their body before the signature is checked).
PostgreSQL refuses NUL in text, so nothing of it may reach a query. Around the route: the
database being unavailable is 503 with ``Retry-After`` (the caller sends again later; nothing
was half done, since every request is one transaction); a value the database refuses is 400;
anything else is 500. Failures are logged quietly: one traceback, then a count a minute
(:class:`~services.quiet_log.QuietLog`). Routes validate their own input and never rely on the
last two: tests assert they are unused.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from aiohttp import web
from sqlalchemy.exc import DataError

from services.db import DatabaseUnavailable
from services.quiet_log import QuietLog
from services.safe_json import clean_text

log = logging.getLogger(__name__)
QUIET = QuietLog(log)
FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")
RAW_BODY_PATHS = ("/api/v1/events", "/webhooks/")
RETRY_AFTER = "5"
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def _answer(request: web.Request, status: int, message: str, **headers: str) -> web.Response:
    if request.path.startswith("/staff"):
        return web.Response(text=message, status=status, headers=headers or None)
    return web.json_response({"error": message}, status=status, headers=headers or None)


def _address_problem(request: web.Request) -> str | None:
    if not clean_text(request.path):
        return "the address has characters that cannot be read"
    for key, value in request.query.items():
        if not (clean_text(key) and clean_text(value)):
            return f"the query parameter {key[:40]!r} has characters that cannot be read"
    return None


async def _form_problem(request: web.Request) -> str | None:
    if request.method != "POST" or request.content_type not in FORMS:
        return None
    if request.path.startswith(RAW_BODY_PATHS):
        return None
    try:
        form = await request.post()  # aiohttp keeps it: the route reads the same form
    except web.HTTPException:
        raise
    except Exception:  # noqa: BLE001 - whatever a broken form makes the parser raise
        return "the form cannot be read"
    for key, value in form.items():
        if not isinstance(value, str):
            return "files are not accepted"
        if not (clean_text(key) and clean_text(value)):
            return f"the field {key[:40]!r} has characters that cannot be read"
    return None


@web.middleware
async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Refuse unreadable input early; answer what fails in the route with 503, 400 or 500."""
    problem = _address_problem(request) or await _form_problem(request)
    if problem is not None:
        QUIET.failure(
            "refused",
            "request refused (400): %s %s: %s",
            request.method,
            request.rel_url.raw_path[:80],
            problem,
        )
        return _answer(request, 400, problem)
    try:
        response = await handler(request)
    except web.HTTPException:
        raise
    except DatabaseUnavailable as error:
        QUIET.failure("database", "the database is unavailable: %s", error)
        return _answer(
            request,
            503,
            "the database is unavailable; try again in a moment",
            **{"Retry-After": RETRY_AFTER},
        )
    except DataError as error:
        QUIET.failure(
            "data",
            "%s %s: the database refused a value",
            request.method,
            request.path[:80],
            exc_info=error,
        )
        return _answer(request, 400, "a value cannot be stored")
    except Exception as error:
        QUIET.failure(
            type(error).__name__,
            "%s %s failed",
            request.method,
            request.path[:80],
            exc_info=error,
            level=logging.ERROR,
        )
        return _answer(request, 500, "internal error")
    QUIET.recovered("database", "the database is available again")
    return response


def middlewares() -> list[Callable[..., Awaitable[web.StreamResponse]]]:
    """The middlewares of every web application of the bot (tests use the same)."""
    return [guard]
