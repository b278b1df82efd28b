"""The account backend over its JSON API (documented in docs/alerts-and-events.md), with aiohttp.

Every call has a timeout; connection errors, timeouts and 5xx answers are retried with
exponential backoff, then reported as :class:`BackendUnavailable`.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import quote

import aiohttp

from services.backend.base import (
    COMPARISON_LENGTH,
    HISTORY_LENGTH,
    PERIOD_PATTERN,
    BackendError,
    BackendUnavailable,
    Bill,
    BillRecord,
    Customer,
)
from services.backend.records import history_from_json
from services.quiet_log import QuietLog

log = logging.getLogger(__name__)
_QUIET = QuietLog(log)
# Answers of a backend that does not offer a call (an older contract): not found, method not
# allowed, not implemented. The history is then empty and the document absent, not an error.
_NOT_OFFERED = frozenset({404, 405, 410, 501})
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024


class HttpBackend:
    """Client of the account backend's HTTP API, authenticated with a bearer token."""

    def __init__(
        self,
        base_url: str,
        token: str | None,
        *,
        timeout: float = 5.0,
        attempts: int = 3,
        backoff: float = 0.25,
    ) -> None:
        self._base_url = base_url.rstrip("/")
        self._headers = {"Accept": "application/json"}
        if token:
            self._headers["Authorization"] = f"Bearer {token}"
        self._timeout = aiohttp.ClientTimeout(total=timeout)
        self._attempts = attempts
        self._backoff = backoff
        self._session: aiohttp.ClientSession | None = None

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def get_customer(self, code: str) -> Customer | None:
        data = await self._call("GET", f"/customers/{quote(code)}")
        if data is None:
            return None
        try:
            return Customer(
                code=str(data["code"]),
                district=str(data["district"]),
                area_id=str(data["area_id"]),
                full_name=str(data.get("full_name", "")),
                address=str(data.get("address", "")),
                place_id=_optional(data, "place_id"),
                street=_optional(data, "street"),
                feeder=_optional(data, "feeder"),
                station=_optional(data, "station"),
            )
        except KeyError as error:
            raise BackendError(f"customer answer lacks {error}") from error

    async def latest_bill(self, code: str) -> Bill | None:
        data = await self._call("GET", f"/customers/{quote(code)}/bills/latest")
        if data is None:
            return None
        try:
            return Bill(
                customer_code=str(data.get("customer_code", code)),
                period=str(data["period"]),
                amount=Decimal(str(data["amount"])),
                currency=str(data.get("currency", "EUR")),
                due_date=date.fromisoformat(str(data["due_date"])),
                paid=bool(data["paid"]),
            )
        except (KeyError, ValueError, InvalidOperation) as error:
            raise BackendError(f"bill answer is malformed: {error!r}") from error

    async def bill_history(self, code: str, months: int = HISTORY_LENGTH) -> list[BillRecord]:
        months = max(1, min(months, COMPARISON_LENGTH))
        path = f"/customers/{quote(code)}/bills?limit={months}"
        try:
            data = await self._call("GET", path, absent=_NOT_OFFERED)
        except BackendUnavailable:
            raise
        except BackendError as error:
            log.warning("the account backend's bill history is unusable: %s", error)
            return []
        return history_from_json(code, data, months)

    async def bill_document(self, code: str, period: str) -> bytes | None:
        if not PERIOD_PATTERN.fullmatch(period):
            return None
        path = f"/customers/{quote(code)}/bills/{period}/document"
        try:
            return await self._call_bytes(path)
        except BackendUnavailable:
            raise
        except BackendError as error:
            log.warning("the account backend's bill document is unusable: %s", error)
            return None

    async def verify_proof(self, code: str, amount: Decimal) -> bool:
        data = await self._call(
            "POST", f"/customers/{quote(code)}/proof", json={"amount": f"{amount:.2f}"}
        )
        return bool(data and data.get("valid") is True)

    async def ping(self) -> bool:
        try:
            await self._call("GET", "/health", attempts=1)
            return True
        except BackendError:
            return False

    async def _call(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        attempts: int | None = None,
        absent: frozenset[int] = frozenset({404}),
    ) -> dict[str, Any] | None:
        """The JSON object answered, or None when the status is one of ``absent``."""
        answer = await self._retrying(method, path, json, absent, attempts, raw=False)
        if answer is not None and not isinstance(answer, dict):
            raise BackendError("account backend answered with a non-object")
        return answer

    async def _call_bytes(self, path: str) -> bytes | None:
        """The raw body of a GET (a document), or None when the backend does not offer it."""
        answer = await self._retrying("GET", path, None, _NOT_OFFERED, None, raw=True)
        return answer if isinstance(answer, bytes) else None

    async def _retrying(
        self,
        method: str,
        path: str,
        json: Any,
        absent: frozenset[int],
        attempts: int | None,
        *,
        raw: bool,
    ) -> Any:
        attempts = attempts or self._attempts
        last_problem = ""
        for attempt in range(attempts):
            if attempt:
                await asyncio.sleep(self._backoff * 2 ** (attempt - 1))
            try:
                answer = await self._once(method, path, json, absent, raw=raw)
            except _Retryable as problem:
                last_problem = str(problem)
                _QUIET.failure(
                    "unreachable",
                    "account backend %s %s failed (%s), attempt %d of %d",
                    method,
                    path,
                    last_problem,
                    attempt + 1,
                    attempts,
                )
                continue
            _QUIET.recovered("unreachable", "the account backend answers again")
            return answer
        raise BackendUnavailable(f"account backend unavailable: {last_problem}")

    async def _once(
        self, method: str, path: str, json: Any, absent: frozenset[int], *, raw: bool
    ) -> Any:
        if self._session is None:
            self._session = aiohttp.ClientSession(timeout=self._timeout, headers=self._headers)
        try:
            async with self._session.request(method, self._base_url + path, json=json) as reply:
                if reply.status in absent:
                    return None
                if reply.status >= 500 or reply.status == 429:
                    raise _Retryable(f"HTTP {reply.status}")
                if reply.status >= 400:
                    raise BackendError(f"account backend answered HTTP {reply.status}")
                if raw:
                    return await _limited_body(reply)
                return await reply.json(content_type=None)
        except (aiohttp.ClientError, TimeoutError) as error:
            raise _Retryable(type(error).__name__) from error
        except ValueError as error:
            raise BackendError("account backend answered with invalid JSON") from error


async def _limited_body(reply: aiohttp.ClientResponse) -> bytes:
    """A document's bytes: a PDF of at most :data:`MAX_DOCUMENT_BYTES`, or an error."""
    body = await reply.content.read(MAX_DOCUMENT_BYTES + 1)
    if len(body) > MAX_DOCUMENT_BYTES:
        raise BackendError("account backend answered with a document too large")
    if not body.startswith(b"%PDF-"):
        raise BackendError("account backend answered with a document that is not a PDF")
    return body


def _optional(data: dict[str, Any], name: str, limit: int = 128) -> str | None:
    """An optional text of the customer answer (an older backend does not give it): absent,
    null, empty or not a string is unknown (``None``)."""
    value = data.get(name)
    if not isinstance(value, str | int) or isinstance(value, bool):
        return None
    text = str(value).strip()
    return text[:limit] if text else None


class _Retryable(Exception):
    pass
