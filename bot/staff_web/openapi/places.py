"""OpenAPI paths and schemas of the places: search-as-you-type, one place, admins' additions
and renames, their versions."""

from __future__ import annotations

from typing import Any

from bot.staff_web.openapi.parts import TIME, json_body, op, ref, request_body
from services.places.edits import MAX_ALIASES, MAX_NAME
from services.places.tree import CASE_FORMS, LEVELS, NAME_LANGUAGES

_TEXT = {"type": "string", "maxLength": MAX_NAME}
_NAMES = {
    "type": "object",
    "description": "sq (Albanian), sr (Serbian, Cyrillic; Latin is derived), en where it differs",
    "properties": {lang: _TEXT for lang in NAME_LANGUAGES},
}
_FORMS = {
    "type": "object",
    "description": "the name after prepositions: sq_in after 'në', sr_gen (genitive), sr_loc "
    "(locative); without them sentences use 'në fshatin X', 'у насељу X'",
    "properties": {form: _TEXT for form in CASE_FORMS},
}
_ALIASES = {
    "type": "array",
    "maxItems": MAX_ALIASES,
    "items": _TEXT,
    "description": "other spellings people type (old names, the other language's name)",
}
SCHEMAS: dict[str, Any] = {
    "Place": {
        "type": "object",
        "properties": {
            "id": {"type": "string"},
            "level": {"type": "string", "enum": list(LEVELS)},
            "parent": {"type": "string", "nullable": True},
            "names": _NAMES,
            "aliases": _ALIASES,
            "forms": _FORMS,
            "path": {
                "type": "array",
                "items": {"type": "string"},
                "description": "the Albanian names of the places above it, nearest first",
            },
            "score": {"type": "number", "description": "search only: 1 is an exact name"},
        },
    },
    "PlaceInput": {
        "type": "object",
        "description": "a new place needs level, parent and names.sq; a place that exists "
        "takes new names, spellings or forms (the names it replaces stay as spellings)",
        "properties": {
            "level": {"type": "string", "enum": list(LEVELS[1:])},
            "parent": {"type": "string"},
            "names": _NAMES,
            "aliases": _ALIASES,
            "forms": _FORMS,
        },
    },
    "PlaceVersion": {
        "type": "object",
        "properties": {
            "number": {"type": "integer"},
            "published_at": TIME,
            "published_by": {"type": "string"},
            "action": {"type": "string", "enum": ["place.added", "place.renamed"]},
            "detail": {"type": "string", "nullable": True},
            "edits": {"type": "integer", "description": "how many places admins keep"},
        },
    },
}


def paths() -> dict[str, Any]:
    """The paths of ``/api/v1/places``."""
    place_id = {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
    query = [
        {
            "name": "q",
            "in": "query",
            "schema": {"type": "string", "maxLength": 100},
            "description": "a name in any language, script or spelling, or its beginning",
        },
        {"name": "level", "in": "query", "schema": {"type": "string", "enum": list(LEVELS)}},
        {
            "name": "limit",
            "in": "query",
            "schema": {"type": "integer", "minimum": 1, "maximum": 100},
        },
    ]
    found = {
        "type": "object",
        "properties": {
            "places": {"type": "array", "items": ref("Place")},
            "version": {"type": "integer", "description": "the admins' edits in use"},
        },
    }
    one = {
        "type": "object",
        "properties": {
            "place": ref("Place"),
            "children": {"type": "array", "items": ref("Place")},
        },
    }
    saved = {
        "type": "object",
        "properties": {"place": ref("Place"), "version": ref("PlaceVersion")},
    }
    versions = {
        "type": "object",
        "properties": {"versions": {"type": "array", "items": ref("PlaceVersion")}},
    }
    limit = {
        "name": "limit",
        "in": "query",
        "schema": {"type": "integer", "minimum": 1, "maximum": 500},
    }
    return {
        "/api/v1/places": {
            "get": op(
                "Search-as-you-type over every place (best first); without q, every place",
                {"200": json_body(found, "the places")},
                400,
                parameters=query,
            )
        },
        "/api/v1/places/versions": {
            "get": op(
                "The admins' place edits as published, newest first",
                {"200": json_body(versions, "the versions")},
                400,
                parameters=[limit],
            )
        },
        "/api/v1/places/{id}": {
            "get": op(
                "One place and the places under it",
                {"200": json_body(one, "the place")},
                404,
                parameters=[place_id],
            ),
            "put": op(
                "Add a place or rename one and publish (admins, audited); every instance "
                "uses it within seconds",
                {"200": json_body(saved, "the place and the new version")},
                400,
                403,
                404,
                409,
                parameters=[place_id],
                requestBody=request_body("PlaceInput"),
            ),
        },
    }
