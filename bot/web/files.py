"""``GET /files/bills/{code}/{period}.pdf``: a bill as a PDF, and
``GET /files/usage/{code}/{language}.png``: a code's consumption chart drawn in a chat's
language, at signed, short-lived addresses (:mod:`services.file_links`), for messengers that
fetch a file from a URL (Viber).

A request without a valid signature, or after it expired, gets 403 and asks nothing of the
account backend; a bill the backend has no PDF of (a code without consumption to draw) gets
404; a backend that is down, 503.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from aiohttp import web

from bot.web.request_body import json_error
from services.backend import BackendError
from services.backend.base import COMPARISON_LENGTH
from services.backend.history import bill_document_of, bill_history_of
from services.db.types import utcnow
from services.file_links import FileLinks
from services.usage.picture import chart_of

ROUTE = "/files/bills/{code}/{period}.pdf"
USAGE_ROUTE = "/files/usage/{code}/{language}.png"


class BillFiles:
    """Serves the bills' PDFs and the consumption charts from ``backend`` to holders of a
    signed address."""

    def __init__(
        self, files: FileLinks, backend: Any, clock: Callable[[], datetime] = utcnow
    ) -> None:
        self._files = files
        self._backend = backend
        self._clock = clock

    def routes(self) -> list[web.RouteDef]:
        if not self._files.enabled:
            return []
        return [web.get(ROUTE, self._bill), web.get(USAGE_ROUTE, self._usage)]

    async def _bill(self, request: web.Request) -> web.StreamResponse:
        code, period = request.match_info["code"], request.match_info["period"]
        expires = request.query.get("expires", "")
        signature = request.query.get("sig", "")
        if not self._files.check_bill(code, period, expires, signature, self._clock()):
            return json_error(403, "the address is not signed, or it has expired", "sig")
        try:
            document = await bill_document_of(self._backend, code, period)
        except BackendError:
            return json_error(503, "the customer system cannot be reached now", "backend")
        if document is None:
            return json_error(404, "there is no PDF of this bill", "period")
        return web.Response(
            body=document,
            content_type="application/pdf",
            headers={
                "Content-Disposition": f'inline; filename="KESCO-{code}-{period}.pdf"',
                "Cache-Control": "private, no-store",
                "X-Content-Type-Options": "nosniff",
            },
        )

    async def _usage(self, request: web.Request) -> web.StreamResponse:
        code, language = request.match_info["code"], request.match_info["language"]
        expires = request.query.get("expires", "")
        signature = request.query.get("sig", "")
        if not self._files.check_usage(code, language, expires, signature, self._clock()):
            return json_error(403, "the address is not signed, or it has expired", "sig")
        try:
            records = await bill_history_of(self._backend, code, COMPARISON_LENGTH)
        except BackendError:
            return json_error(503, "the customer system cannot be reached now", "backend")
        picture = await chart_of(code, records, language)
        if picture is None:
            return json_error(404, "there is no consumption to draw for this code", "code")
        return web.Response(
            body=picture,
            content_type="image/png",
            headers={"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"},
        )
