"""Rotating cuts on the staff pages: the timetables of the staff member's districts, a form to
publish a timetable or change one (its groups a line each, see
:mod:`services.rotation.form`), and *End* on a running one. Through the rotation desk: the
same roles, districts and audit as the API."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from aiohttp import web

from bot.staff_web.pages.forms import TEXT_LABELS
from bot.staff_web.pages.section import PageSection
from bot.staff_web.rotation_desk import rotation_desk
from locales.i18n import _, current_language
from services.alerts.events import EventRejected
from services.db.types import utcnow
from services.rotation.form import groups_of_lines, lines_of
from services.rotation.parse import TimetableError
from services.rotation.texts import place_names, slots_text
from services.rotation.timetable import KOSOVO, Group
from services.staff.accounts import Principal


def _form(
    rotation_id: str = "",
    starts_on: str = "",
    ends_on: str = "",
    groups: str = "",
    reason: dict[str, str] | None = None,
) -> dict[str, Any]:
    return {
        "rotation_id": rotation_id,
        "starts_on": starts_on,
        "ends_on": ends_on,
        "groups": groups,
        "reason": dict(reason or {}),
    }


def _aims(group: Group) -> str:
    """What a group aims at, as the page lists it: place names, codes, feeders."""
    names = [place_names(group.places, current_language())] if group.places else []
    return ", ".join([*names, *group.customer_codes, *group.feeders])


class RotationPages(PageSection):
    """``/staff/rotations``."""

    def routes(self) -> list[web.RouteDef]:
        page = self.page
        return [
            web.get("/staff/rotations", page(self.show)),
            web.post("/staff/rotations", page(self.publish)),
            web.post("/staff/rotations/{id}/end", page(self.end)),
        ]

    async def show(
        self,
        request: web.Request,
        principal: Principal,
        form: dict[str, Any] | None = None,
        error: str | None = None,
    ) -> web.StreamResponse:
        desk = rotation_desk(self.context)
        editing = request.query.get("edit")
        if form is None and editing:
            view = await desk.get(principal, editing)
            form = _form(
                view.rotation_id,
                view.timetable.starts_on.isoformat(),
                view.timetable.ends_on.isoformat(),
                lines_of(view.timetable),
                view.reason,
            )
        if form is None:
            today = utcnow().astimezone(KOSOVO).date()
            form = _form(
                starts_on=today.isoformat(), ends_on=(today + timedelta(days=6)).isoformat()
            )
        return self.render(
            request,
            principal,
            "rotations.html",
            _("Rotating cuts"),
            400 if error else 200,
            rotations=await desk.recent(principal),
            now=utcnow(),
            form=form,
            error=error,
            group_slots=lambda group: slots_text(group.slots, current_language()),
            group_aims=_aims,
        )

    async def publish(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        post = await request.post()
        reason = {
            code: str(post.get(f"text_{code}", "")).strip()[:600] for code, _label in TEXT_LABELS
        }
        reason = {code: text for code, text in reason.items() if text}
        form = _form(
            str(post.get("rotation_id", "")).strip()[:128],
            str(post.get("starts_on", ""))[:10],
            str(post.get("ends_on", ""))[:10],
            str(post.get("groups", ""))[:20000],
            reason,
        )
        try:
            data = {**form, "groups": groups_of_lines(form["groups"]), "reason": reason or None}
            await rotation_desk(self.context).publish(principal, data)
        except (TimetableError, EventRejected) as error:
            message = _("The timetable cannot be published: {problem}").format(problem=str(error))
            return await self.show(request, principal, form, message)
        return self.see_other("/staff/rotations")

    async def end(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        await rotation_desk(self.context).end(principal, request.match_info["id"])
        return self.see_other("/staff/rotations")
