"""OpenAPI paths and schemas of the answers staff keep: staff FAQ topics, the preview, the
published versions, the unanswered questions."""

from __future__ import annotations

from typing import Any

from bot.staff_web.openapi.parts import TIME, json_body, op, ref, request_body
from locales import languages
from services.knowledge.preview import MAX_QUESTION
from services.knowledge.topics import MAX_ANSWER, MAX_EXAMPLE, MAX_TITLE


def _per_language(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {
        "type": "object",
        "description": description,
        "properties": {lang: schema for lang in languages.CATALOGS},
    }


_EXAMPLES = _per_language(
    {"type": "array", "items": {"type": "string", "maxLength": MAX_EXAMPLE}},
    "example questions per language (a built-in id: added to its own)",
)
_TOPIC_FIELDS = {
    "titles": _per_language(
        {"type": "string", "maxLength": MAX_TITLE},
        "a new topic's title (its ask-back button), in sq, en and sr",
    ),
    "answers": _per_language(
        {"type": "string", "maxLength": MAX_ANSWER},
        "the answer in sq, en and sr (Cyrillic; Latin is derived); for "
        "a built-in topic, it replaces the built-in answer; empty keeps it",
    ),
    "examples": _EXAMPLES,
}
SCHEMAS: dict[str, Any] = {
    "StaffTopic": {"type": "object", "properties": {"id": {"type": "string"}, **_TOPIC_FIELDS}},
    "StaffTopicInput": {
        "type": "object",
        "description": "a new topic needs titles, answers and an example; a built-in topic "
        "examples or an answer; an intent (or out-of-scope) examples only",
        "properties": _TOPIC_FIELDS,
    },
    "KnowledgeVersion": {
        "type": "object",
        "properties": {
            "number": {"type": "integer"},
            "published_at": TIME,
            "published_by": {"type": "string"},
            "action": {
                "type": "string",
                "enum": ["topic.saved", "topic.removed", "examples.added", "restored"],
            },
            "detail": {"type": "string", "nullable": True},
            "topics": {"type": "integer", "description": "how many staff topics it holds"},
        },
    },
    "FaqPreviewInput": {
        "type": "object",
        "required": ["question"],
        "properties": {
            "question": {"type": "string", "minLength": 1, "maxLength": MAX_QUESTION},
            "language": {
                "type": "string",
                "enum": list(languages.CODES),
                "default": "en",
                "description": "the language of the answer shown",
            },
            "topic": {
                "allOf": [ref("StaffTopic")],
                "nullable": True,
                "description": "a draft: as if it were published",
            },
        },
    },
    "FaqPreview": {
        "type": "object",
        "properties": {
            "question": {"type": "string"},
            "id": {
                "type": "string",
                "nullable": True,
                "description": "answered outright; null when asking back or refusing",
            },
            "score": {"type": "number"},
            "lang": {"type": "string"},
            "choices": {"type": "array", "items": {"type": "string"}},
            "answer": {"type": "string", "nullable": True},
            "danger": {"type": "boolean", "description": "the safety answer comes first"},
        },
    },
    "UnansweredGroup": {
        "type": "object",
        "properties": {
            "id": {"type": "integer", "description": "names the group (its newest question)"},
            "count": {"type": "integer"},
            "texts": {
                "type": "array",
                "items": {"type": "string"},
                "description": "masked: codes, phones, e-mails and amounts in brackets",
            },
            "languages": {"type": "array", "items": {"type": "string"}},
            "last_seen": TIME,
            "choices": {"type": "array", "items": {"type": "string"}},
        },
    },
}


def paths() -> dict[str, Any]:
    """The paths of ``/api/v1/faq``."""
    topic_id = {
        "name": "id",
        "in": "path",
        "required": True,
        "schema": {"type": "string"},
        "description": "a new topic's id (a-z, 0-9, -) or a built-in id",
    }
    number = {
        "name": "number",
        "in": "path",
        "required": True,
        "schema": {"type": "integer", "minimum": 1},
    }
    group = {
        "name": "id",
        "in": "path",
        "required": True,
        "schema": {"type": "integer", "minimum": 1},
    }
    limit = {
        "name": "limit",
        "in": "query",
        "schema": {"type": "integer", "minimum": 1, "maximum": 500},
    }
    version = {"type": "object", "properties": {"version": ref("KnowledgeVersion")}}
    listed = {
        "type": "object",
        "properties": {
            "version": {"allOf": [ref("KnowledgeVersion")], "nullable": True},
            "topics": {"type": "array", "items": ref("StaffTopic")},
            "builtin": {
                "type": "object",
                "properties": {
                    "topics": {"type": "array", "items": {"type": "string"}},
                    "intents": {"type": "array", "items": {"type": "string"}},
                },
            },
        },
    }
    one = {
        "type": "object",
        "properties": {"topic": ref("StaffTopic"), "version": ref("KnowledgeVersion")},
    }
    versions = {
        "type": "object",
        "properties": {"versions": {"type": "array", "items": ref("KnowledgeVersion")}},
    }
    groups = {
        "type": "object",
        "properties": {"groups": {"type": "array", "items": ref("UnansweredGroup")}},
    }
    assign = {"type": "object", "required": ["topic"], "properties": {"topic": {"type": "string"}}}
    dismissed = {"type": "object", "properties": {"dismissed": {"type": "integer"}}}
    return {
        "/api/v1/faq/topics": {
            "get": op(
                "The staff topics of the version in use, and the built-in ids",
                {"200": json_body(listed, "topics")},
            )
        },
        "/api/v1/faq/topics/{id}": {
            "get": op(
                "One staff topic", {"200": json_body(one, "the topic")}, 404, parameters=[topic_id]
            ),
            "put": op(
                "Add or replace a topic and publish (admins); every instance answers "
                "with it within seconds",
                {"200": json_body(one, "the new version")},
                400,
                403,
                409,
                parameters=[topic_id],
                requestBody=request_body("StaffTopicInput"),
            ),
            "delete": op(
                "Take a staff topic away and publish (admins)",
                {"200": json_body(version, "the new version")},
                403,
                404,
                409,
                parameters=[topic_id],
            ),
        },
        "/api/v1/faq/preview": {
            "post": op(
                "How the bot would answer a question, with a draft topic as if published",
                {"200": json_body(ref("FaqPreview"), "the bot's answer")},
                400,
                requestBody=request_body("FaqPreviewInput"),
            )
        },
        "/api/v1/faq/versions": {
            "get": op(
                "Published versions, newest first",
                {"200": json_body(versions, "versions")},
                400,
                parameters=[limit],
            )
        },
        "/api/v1/faq/versions/{number}/restore": {
            "post": op(
                "Publish an older version's topics again, as a new version (admins)",
                {"200": json_body(version, "the new version")},
                400,
                403,
                404,
                409,
                parameters=[number],
            )
        },
        "/api/v1/faq/unanswered": {
            "get": op(
                "Questions the bot refused or asked back about (90 days, masked), grouped by "
                "likeness, the largest groups first",
                {"200": json_body(groups, "groups")},
                400,
                parameters=[limit],
            )
        },
        "/api/v1/faq/unanswered/{id}/assign": {
            "post": op(
                "Make a group's questions examples of a topic or intent and publish (admins)",
                {"200": json_body(version, "the new version")},
                400,
                403,
                404,
                409,
                parameters=[group],
                requestBody={"required": True, "content": {"application/json": {"schema": assign}}},
            )
        },
        "/api/v1/faq/unanswered/{id}/dismiss": {
            "post": op(
                "Take a group off the list (admins)",
                {"200": json_body(dismissed, "how many")},
                400,
                403,
                404,
                parameters=[group],
            )
        },
    }
