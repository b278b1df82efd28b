"""The staff API's answers staff keep (issue 20): staff FAQ topics (``/api/v1/faq/topics``),
a preview of the bot's answer before publishing, the published versions and going back to one,
and the questions the bot could not answer, grouped (``/api/v1/faq/unanswered``). Reading is
for every staff member; publishing (which every instance applies within seconds) for admins."""

from __future__ import annotations

from aiohttp import web

from bot.staff_web.api.guard import ApiGuard, int_query, json_error, read_json
from bot.staff_web.context import StaffContext
from bot.staff_web.faq_bodies import group_json, preview_json, topic_json, version_json
from locales import languages
from services.knowledge import unanswered, versions
from services.knowledge.building import builtin_ids
from services.knowledge.preview import MAX_QUESTION, preview
from services.knowledge.topics import check_topic
from services.numbers import whole_number
from services.staff.accounts import Principal
from services.staff.errors import Invalid, NotFound


def _admins_only(principal: Principal) -> web.Response | None:
    return None if principal.is_admin else json_error(403, "only admins publish answers", "role")


def _number(request: web.Request, name: str) -> int:
    raw = request.match_info[name]
    number = whole_number(raw, 12)
    if number is None:
        raise Invalid(name, f"{name}: a whole number")
    return number


class FaqApi:
    """``/api/v1/faq/...``."""

    def __init__(self, context: StaffContext) -> None:
        self.context = context

    def routes(self, guard: ApiGuard) -> list[web.RouteDef]:
        return [
            web.get("/api/v1/faq/topics", guard(self.list_topics)),
            web.get("/api/v1/faq/topics/{id}", guard(self.get_topic)),
            web.put("/api/v1/faq/topics/{id}", guard(self.save_topic)),
            web.delete("/api/v1/faq/topics/{id}", guard(self.remove_topic)),
            web.post("/api/v1/faq/preview", guard(self.preview)),
            web.get("/api/v1/faq/versions", guard(self.list_versions)),
            web.post("/api/v1/faq/versions/{number}/restore", guard(self.restore)),
            web.get("/api/v1/faq/unanswered", guard(self.list_unanswered)),
            web.post("/api/v1/faq/unanswered/{id}/assign", guard(self.assign)),
            web.post("/api/v1/faq/unanswered/{id}/dismiss", guard(self.dismiss)),
        ]

    async def list_topics(self, request: web.Request, principal: Principal) -> web.Response:
        topics, intents = builtin_ids()
        async with self.context.database.transaction() as session:
            current = await versions.current(session)
        return web.json_response(
            {
                "version": version_json(current),
                "topics": [topic_json(t) for t in (current.topics if current else ())],
                "builtin": {"topics": list(topics), "intents": list(intents)},
            }
        )

    async def get_topic(self, request: web.Request, principal: Principal) -> web.Response:
        async with self.context.database.transaction() as session:
            current = await versions.current(session)
        topic = current.topic(request.match_info["id"]) if current else None
        if topic is None:
            raise NotFound(request.match_info["id"])
        return web.json_response({"topic": topic_json(topic), "version": version_json(current)})

    async def save_topic(self, request: web.Request, principal: Principal) -> web.Response:
        if refused := _admins_only(principal):
            return refused
        topics, intents = builtin_ids()
        topic = check_topic(request.match_info["id"], await read_json(request), topics, intents)
        async with self.context.database.transaction() as session:
            version = await versions.save_topic(session, principal, topic)
        return web.json_response({"version": version_json(version), "topic": topic_json(topic)})

    async def remove_topic(self, request: web.Request, principal: Principal) -> web.Response:
        if refused := _admins_only(principal):
            return refused
        async with self.context.database.transaction() as session:
            version = await versions.remove_topic(session, principal, request.match_info["id"])
        return web.json_response({"version": version_json(version)})

    async def preview(self, request: web.Request, principal: Principal) -> web.Response:
        body = await read_json(request)
        if not isinstance(body, dict):
            raise Invalid("body", "the body must be a JSON object with a question")
        question = body.get("question")
        if not isinstance(question, str) or not question.strip() or len(question) > MAX_QUESTION:
            raise Invalid("question", f"question: 1-{MAX_QUESTION} characters")
        language = body.get("language", "en")
        if language not in languages.CODES:
            raise Invalid("language", f"language: one of {', '.join(languages.CODES)}")
        draft = None
        if body.get("topic") is not None:
            raw = body["topic"]
            if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
                raise Invalid("topic.id", "topic: an object with the topic's id")
            topics, intents = builtin_ids()
            draft = check_topic(raw["id"], raw, topics, intents)
        async with self.context.database.transaction() as session:
            published = await versions.current_topics(session)
        result = await preview(published, question, draft, language)
        return web.json_response(preview_json(result))

    async def list_versions(self, request: web.Request, principal: Principal) -> web.Response:
        limit = int_query(request, "limit", 50, 1, 500)
        async with self.context.database.transaction() as session:
            found = await versions.history(session, limit)
        return web.json_response({"versions": [version_json(v) for v in found]})

    async def restore(self, request: web.Request, principal: Principal) -> web.Response:
        if refused := _admins_only(principal):
            return refused
        number = _number(request, "number")
        async with self.context.database.transaction() as session:
            version = await versions.restore(session, principal, number)
        return web.json_response({"version": version_json(version)})

    async def list_unanswered(self, request: web.Request, principal: Principal) -> web.Response:
        limit = int_query(request, "limit", 100, 1, 500)
        async with self.context.database.transaction() as session:
            found = await unanswered.groups(session, limit)
        return web.json_response({"groups": [group_json(g) for g in found]})

    async def assign(self, request: web.Request, principal: Principal) -> web.Response:
        if refused := _admins_only(principal):
            return refused
        group_id = _number(request, "id")
        body = await read_json(request)
        if not isinstance(body, dict) or not isinstance(body.get("topic"), str):
            raise Invalid("topic", "topic: the id of a topic or an intent")
        topics, intents = builtin_ids()
        async with self.context.database.transaction() as session:
            staff = [t.id for t in await versions.current_topics(session)]
            known = [*topics, *intents, *staff]
            if body["topic"] not in known:
                raise Invalid("topic", "topic: the id of a topic or an intent")
            version = await unanswered.assign(session, principal, group_id, body["topic"], known)
        return web.json_response({"version": version_json(version)})

    async def dismiss(self, request: web.Request, principal: Principal) -> web.Response:
        if refused := _admins_only(principal):
            return refused
        group_id = _number(request, "id")
        async with self.context.database.transaction() as session:
            count = await unanswered.dismiss(session, principal, group_id)
        return web.json_response({"dismissed": count})
