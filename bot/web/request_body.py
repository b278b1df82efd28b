"""Reading request bodies whole, up to a limit, as safe JSON (every endpoint uses these)."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from services.safe_json import UnsafeJson, loads

CHUNK = 64 * 1024


class BodyTooLarge(Exception):
    """The body is larger than the endpoint accepts (answered with 413)."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"the body is larger than {limit // 1024} KB")
        self.limit = limit


async def read_body(request: web.Request, limit: int) -> bytes:
    """The whole body, however it was sent (``Content-Length`` or chunked, in pieces of any
    size), or :class:`BodyTooLarge` as soon as it is known to exceed ``limit`` bytes."""
    declared = request.content_length
    if declared is not None and declared > limit:
        raise BodyTooLarge(limit)
    parts: list[bytes] = []
    size = 0
    async for chunk in request.content.iter_chunked(CHUNK):
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge(limit)
        parts.append(chunk)
    return b"".join(parts)


def parse_json(raw: bytes) -> Any:
    """The body as JSON, or :class:`~services.safe_json.UnsafeJson` naming what is wrong."""
    return loads(raw)


def json_error(status: int, message: str, field: str | None = None) -> web.Response:
    """``{"error": ..., "field": ...}`` with ``status``."""
    body = {"error": message} if field is None else {"error": message, "field": field}
    return web.json_response(body, status=status)


__all__ = ["BodyTooLarge", "UnsafeJson", "json_error", "parse_json", "read_body"]
