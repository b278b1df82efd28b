"""The answers staff keep, as JSON: staff topics, published versions, a preview of the bot's
answer, groups of unanswered questions (times as ISO 8601)."""

from __future__ import annotations

from typing import Any

from bot.staff_web.bodies import iso
from services.knowledge.preview import Preview
from services.knowledge.topics import StaffTopic
from services.knowledge.unanswered import QuestionGroup
from services.knowledge.versions import Version


def topic_json(topic: StaffTopic) -> dict[str, Any]:
    return topic.to_json()


def version_json(version: Version | None) -> dict[str, Any] | None:
    if version is None:
        return None
    return {
        "number": version.number,
        "published_at": iso(version.published_at),
        "published_by": version.published_by,
        "action": version.action,
        "detail": version.detail,
        "topics": len(version.topics),
    }


def preview_json(preview: Preview) -> dict[str, Any]:
    return {
        "question": preview.question,
        "id": preview.id,
        "score": preview.score,
        "lang": preview.lang,
        "choices": list(preview.choices),
        "answer": preview.answer,
        "danger": preview.danger,
    }


def group_json(group: QuestionGroup) -> dict[str, Any]:
    return {
        "id": group.id,
        "count": group.count,
        "texts": list(group.texts),
        "languages": list(group.languages),
        "last_seen": iso(group.last_seen),
        "choices": list(group.choices),
    }
