"""``GET /files/bills/{code}/{period}.pdf``: a bill as a PDF, at a signed, short-lived address
(:mod:`services.file_links`), for messengers that fetch a file from a URL (Viber).

A request without a valid signature, or after it expired, gets 403 and asks nothing of the
account backend; a bill the backend has no PDF of gets 404; a backend that is down, 503.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from aiohttp import web

from bot.web.request_body import json_error
from services.backend import BackendError
from services.backend.history import bill_document_of
from services.db.types import utcnow
from services.file_links import FileLinks

ROUTE = "/files/bills/{code}/{period}.pdf"


class BillFiles:
    """Serves the bills' PDFs from ``backend`` to holders of a signed address."""

    def __init__(
        self, files: FileLinks, backend: Any, clock: Callable[[], datetime] = utcnow
    ) -> None:
        self._files = files
        self._backend = backend
        self._clock = clock

    def routes(self) -> list[web.RouteDef]:
        return [web.get(ROUTE, self._bill)] if self._files.enabled else []

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
