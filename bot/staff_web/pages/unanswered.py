"""The staff pages' questions the bot could not answer: refused or asked back about, kept 90
days with codes, phone numbers, e-mails and amounts masked, grouped by likeness with counts.
An admin makes a group example questions of a topic (a new version is published), starts a new
topic from it, or dismisses it."""

from __future__ import annotations

from aiohttp import web

from bot.staff_web.pages.faq_forms import choosable, title_of
from bot.staff_web.pages.section import PageSection
from locales.i18n import _
from services.knowledge import unanswered, versions
from services.knowledge.building import builtin_ids
from services.numbers import whole_number
from services.staff.accounts import Principal
from services.staff.errors import NotFound


def _group_id(request: web.Request) -> int:
    raw = request.match_info["id"]
    number = whole_number(raw, 12)
    if number is None:
        raise NotFound(raw)
    return number


class UnansweredPages(PageSection):
    """``/staff/faq/unanswered`` and ``POST .../{id}/assign``, ``.../{id}/dismiss``."""

    def routes(self) -> list[web.RouteDef]:
        page = self.page
        return [
            web.get("/staff/faq/unanswered", page(self.list_groups)),
            web.post("/staff/faq/unanswered/{id}/assign", page(self.assign)),
            web.post("/staff/faq/unanswered/{id}/dismiss", page(self.dismiss)),
        ]

    async def list_groups(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        topics, intents = builtin_ids()
        async with self.context.database.transaction() as session:
            groups = await unanswered.groups(session, limit=100)
            staff = await versions.current_topics(session)
        by_id = {topic.id: topic for topic in staff}
        offered = {choice: title_of(choice, by_id) for g in groups for choice in g.choices}
        return self.render(
            request,
            principal,
            "unanswered.html",
            _("Questions the bot could not answer"),
            groups=groups,
            offered=offered,
            targets=choosable(topics, intents, staff),
        )

    async def assign(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        post = await request.post()
        topic_id = str(post.get("topic", ""))[:64]
        topics, intents = builtin_ids()
        async with self.context.database.transaction() as session:
            staff = [topic.id for topic in await versions.current_topics(session)]
            await unanswered.assign(
                session, principal, _group_id(request), topic_id, [*topics, *intents, *staff]
            )
        return self.see_other("/staff/faq/unanswered")

    async def dismiss(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        async with self.context.database.transaction() as session:
            await unanswered.dismiss(session, principal, _group_id(request))
        return self.see_other("/staff/faq/unanswered")
