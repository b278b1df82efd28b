"""OpenAPI paths and schemas of ``GET /api/v1/links/{code}`` (signed bill links and QR codes)
and ``POST /api/v1/links/{code}/revoke``."""

from __future__ import annotations

from typing import Any

from bot.staff_web.openapi.parts import json_body, op, ref

SCHEMAS: dict[str, Any] = {
    "MessengerLink": {
        "type": "object",
        "nullable": True,
        "required": ["url", "qr_svg", "qr_png"],
        "properties": {
            "url": {"type": "string", "description": "the deep link"},
            "qr_svg": {"type": "string", "description": "its QR code, an SVG document"},
            "qr_png": {
                "type": "string",
                "format": "byte",
                "description": "its QR code, a PNG image in base64",
            },
        },
    },
    "BillLinks": {
        "type": "object",
        "required": ["code", "valid_until", "payload", "telegram", "viber"],
        "properties": {
            "code": {"type": "string", "description": "the customer code, normalised"},
            "valid_until": {
                "type": "string",
                "format": "date",
                "nullable": True,
                "description": "last day the link works (Kosovo time); null: never",
            },
            "payload": {
                "type": "string",
                "pattern": "^[A-Za-z0-9_-]{1,64}$",
                "description": "Telegram's start parameter, Viber's context",
            },
            "telegram": {"$ref": "#/components/schemas/MessengerLink"},
            "viber": {"$ref": "#/components/schemas/MessengerLink"},
        },
    },
    "LinksRevoked": {
        "type": "object",
        "required": ["code", "revoked", "generation"],
        "properties": {
            "code": {"type": "string", "description": "the customer code, normalised"},
            "revoked": {"type": "boolean"},
            "generation": {
                "type": "integer",
                "description": "how many times the code's links were revoked, this time included",
            },
        },
    },
}


def paths() -> dict[str, Any]:
    """The links path."""
    code = {
        "name": "code",
        "in": "path",
        "required": True,
        "schema": {"type": "string"},
        "description": "a customer code as typed (DPR100001, dpr 100-001)",
    }
    parameters = [
        code,
        {
            "name": "valid_until",
            "in": "query",
            "schema": {"type": "string"},
            "description": "YYYY-MM-DD, from today to about five years ahead; never (admins "
            "only); default KESCO_LINK_VALID_DAYS from today",
        },
    ]
    unavailable = json_body(ref("Error"), "KESCO_LINK_SECRET, or every messenger link, not set")
    return {
        "/api/v1/links/{code}": {
            "get": op(
                "The signed Telegram and Viber deep links of a customer code, for its bill, and "
                "their QR codes (SVG and PNG). Opening one links the code with no proof: operators "
                "get the codes of their districts only; every call is audited.",
                {"200": json_body(ref("BillLinks"), "the links"), "503": unavailable},
                400,
                403,
                parameters=parameters,
            )
        },
        "/api/v1/links/{code}/revoke": {
            "post": op(
                "Revoke every signed link printed for a customer code so far (the secret is not "
                "touched): opening one then asks for the bill's amount; links made afterwards "
                "work. Operators for the codes of their districts, admins any; audited.",
                {"200": json_body(ref("LinksRevoked"), "the links are revoked")},
                400,
                403,
                parameters=[code],
            )
        },
    }
