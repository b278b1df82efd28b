"""The pieces every part of the OpenAPI document is built from: times, texts in every
language, references to schemas, JSON bodies, operations with their error answers."""

from __future__ import annotations

from typing import Any

from locales import languages
from services.notices.inputs import MAX_TEXT

TIME = {"type": "string", "format": "date-time"}
NULLABLE_TIME = {"type": "string", "format": "date-time", "nullable": True}
TEXTS = {
    "type": "object",
    "required": list(languages.CATALOGS),
    "properties": {
        lang: {"type": "string", "minLength": 1, "maxLength": MAX_TEXT}
        for lang in languages.CATALOGS
    },
}
ID_PARAM = {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
ERROR_WORDS = {
    400: "invalid input; `field` names the field",
    401: "no or wrong credentials",
    403: "outside the caller's districts or role",
    404: "not found",
    409: "not possible in the notice's state, or a confirmation is needed",
}
ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {"type": "string"},
        "field": {"type": "string"},
        "recipients": {"type": "integer"},
    },
}


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def json_body(schema: dict[str, Any], description: str) -> dict[str, Any]:
    """A response (or, without its description, a request body) of JSON with ``schema``."""
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def request_body(schema: str, required: bool = True) -> dict[str, Any]:
    return {"required": required, "content": {"application/json": {"schema": ref(schema)}}}


def errors(*codes: int) -> dict[str, Any]:
    return {str(code): json_body(ref("Error"), ERROR_WORDS[code]) for code in codes}


def op(summary: str, ok: dict[str, Any], *codes: int, **extra: Any) -> dict[str, Any]:
    """An operation: its answers when it works, 401, and the error answers ``codes``."""
    return {"summary": summary, "responses": {**ok, **errors(401, *codes)}, **extra}
