"""The staff pages' answers (issue 20): the staff topics in use and their versions, a topic's
form with a preview of the bot's answer before publishing, publishing, taking a topic away and
going back to an earlier version (admins); every instance answers with a new version within
seconds. The questions the bot could not answer are :mod:`bot.staff_web.pages.unanswered`."""

from __future__ import annotations

from aiohttp import web

from bot.staff_web.pages.faq_forms import (
    FIELD_NAMES,
    TopicForm,
    error_message,
    outcome,
    title_of,
)
from bot.staff_web.pages.section import PageSection
from locales import languages
from locales.i18n import _, current_language
from services.knowledge import unanswered, versions
from services.knowledge.building import builtin_ids
from services.knowledge.preview import preview
from services.knowledge.topics import StaffTopic, check_topic
from services.numbers import whole_number
from services.staff.accounts import Principal
from services.staff.errors import Forbidden, Invalid, NotFound


class FaqPages(PageSection):
    """``/staff/faq``, ``/staff/faq/new``, ``/staff/faq/topics/{id}`` and their actions."""

    def routes(self) -> list[web.RouteDef]:
        page = self.page
        return [
            web.get("/staff/faq", page(self.overview)),
            web.get("/staff/faq/new", page(self.new_topic)),
            web.get("/staff/faq/topics/{id}", page(self.edit_topic)),
            web.post("/staff/faq/topics", page(self.try_question)),
            web.post("/staff/faq/topics/publish", page(self.publish)),
            web.post("/staff/faq/topics/{id}/remove", page(self.remove)),
            web.post("/staff/faq/versions/{number}/restore", page(self.restore)),
        ]

    async def overview(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        topics, intents = builtin_ids()
        async with self.context.database.transaction() as session:
            current = await versions.current(session)
            history = await versions.history(session, limit=20)
        staff = {topic.id: topic for topic in (current.topics if current else ())}
        titles = {entry_id: title_of(entry_id, staff) for entry_id in [*staff, *topics, *intents]}
        return self.render(
            request,
            principal,
            "faq.html",
            _("Answers"),
            current=current,
            history=history,
            staff=list(staff.values()),
            titles=titles,
            builtin=topics,
            intents=intents,
        )

    async def new_topic(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        form = TopicForm(language=current_language())
        origin = request.query.get("from", "")
        if whole_number(origin, 12) is not None:
            async with self.context.database.transaction() as session:
                try:
                    _found, rows = await unanswered.find_group(session, int(origin))
                except NotFound:
                    rows = []
            for row in rows:
                lines = [form.examples.get(row.language, ""), row.text]
                form.examples[row.language] = "\n".join(filter(None, lines))
            form.origin = origin if rows else ""
        return await self._form(request, principal, form, new=True)

    async def edit_topic(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        topic_id = request.match_info["id"]
        topics, intents = builtin_ids()
        async with self.context.database.transaction() as session:
            current = await versions.current(session)
        topic = current.topic(topic_id) if current else None
        if topic is None and topic_id not in (*topics, *intents):
            raise NotFound(topic_id)
        form = TopicForm.of(topic or StaffTopic(topic_id), language=current_language())
        return await self._form(request, principal, form, new=False)

    async def try_question(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        """The form again, with how the bot would answer its question: nothing is published."""
        return await self._save(request, principal, publishing=False)

    async def publish(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        return await self._save(request, principal, publishing=True)

    async def _save(
        self, request: web.Request, principal: Principal, publishing: bool
    ) -> web.StreamResponse:
        post = await request.post()
        form = TopicForm.posted(post)
        new = post.get("new") == "1"
        topics, intents = builtin_ids()
        raw = form.raw()
        empty = not any(raw["answers"].values()) and not any(raw["examples"].values())
        if not publishing and empty and form.id in (*topics, *intents):
            return await self._form(request, principal, form, new=False)  # as things stand
        try:
            topic = check_topic(form.id, raw, topics, intents)
        except Invalid as error:
            message = error_message(error.field)
            return await self._form(
                request, principal, form, new=new, error=message, field=error.field
            )
        if not publishing:
            return await self._form(request, principal, form, new=new, draft=topic)
        if not principal.is_admin:
            raise Forbidden("faq")
        async with self.context.database.transaction() as session:
            version = await versions.save_topic(session, principal, topic)
            if (origin := whole_number(form.origin, 12)) is not None:
                try:
                    found, _rows = await unanswered.find_group(session, origin)
                    await unanswered.resolve(session, found.row_ids, topic.id)
                except NotFound:
                    pass
        return self.see_other(f"/staff/faq?published={version.number}")

    async def remove(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        if not principal.is_admin:
            raise Forbidden("faq")
        async with self.context.database.transaction() as session:
            await versions.remove_topic(session, principal, request.match_info["id"])
        return self.see_other("/staff/faq")

    async def restore(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        raw = request.match_info["number"]
        if whole_number(raw, 12) is None:
            raise NotFound(raw)
        if not principal.is_admin:
            raise Forbidden("faq")
        async with self.context.database.transaction() as session:
            await versions.restore(session, principal, int(raw))
        return self.see_other("/staff/faq")

    async def _form(
        self,
        request: web.Request,
        principal: Principal,
        form: TopicForm,
        *,
        new: bool,
        draft: StaffTopic | None = None,
        error: str | None = None,
        field: str | None = None,
    ) -> web.StreamResponse:
        """The topic's form, with what the bot would answer to its question (with the draft)."""
        topics, intents = builtin_ids()
        async with self.context.database.transaction() as session:
            published = await versions.current_topics(session)
        staff = {topic.id: topic for topic in published}
        if draft is not None:
            staff[draft.id] = draft
        result = None
        if form.question and error is None:
            language = form.language if form.language in languages.CODES else current_language()
            result = outcome(await preview(published, form.question, draft, language), staff)
        kind = (
            "new"
            if new
            else ("intent" if form.id in intents else "builtin" if form.id in topics else "staff")
        )
        title = _("A new topic") if new else title_of(form.id, staff)
        return self.render(
            request,
            principal,
            "faq_topic.html",
            title,
            400 if error else 200,
            form=form,
            kind=kind,
            result=result,
            error=error,
            error_field=FIELD_NAMES.get(field or "", field),
            published=form.id in {t.id for t in published},
        )
