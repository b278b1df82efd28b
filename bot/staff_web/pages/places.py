"""The staff pages' places (issue 23): every staff member browses the hierarchy (district,
municipality, village or neighbourhood, street) and searches it as they type (a search form
without JavaScript); admins add a place under another and rename one (the names it replaces are
kept as spellings), with a preview of how the bot will name it before publishing, and go back
to an earlier version in one click. Every change is a new version of the admins' edits,
audited, which every instance lays over the place file within seconds
(:mod:`services.places.edits`, :mod:`services.places.live`)."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from bot.staff_web.pages.places_forms import (
    NAME_LABELS,
    PlaceForm,
    child_levels,
    error_message,
    level_word,
    names_shown,
    path_of,
    suggested_id,
)
from bot.staff_web.pages.section import PageSection
from locales.i18n import _, current_language
from services.numbers import whole_number
from services.places import edits
from services.places.in_use import base_places, place_tree, use_tree
from services.places.names import find
from services.places.tree import LEVELS, Place, PlaceTree
from services.staff.accounts import Principal
from services.staff.errors import Forbidden, Invalid, NotFound

MAX_QUERY = 100
FOUND = 30


class PlacePages(PageSection):
    """``/staff/places/tree`` (the districts, a search, the versions), a place's page with its
    forms, ``/staff/places/find`` (the search as JSON, for the page's script)."""

    def routes(self) -> list[web.RouteDef]:
        page = self.page
        return [
            web.get("/staff/places/tree", page(self.overview)),
            web.get("/staff/places/find", page(self.find_json)),
            web.get("/staff/places/tree/{id}", page(self.place_page)),
            web.post("/staff/places/tree/{id}/add", page(self.add)),
            web.post("/staff/places/tree/{id}/rename", page(self.rename)),
            web.post("/staff/places/versions/{number}/restore", page(self.restore)),
        ]

    async def overview(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        query = request.query.get("q", "")[:MAX_QUERY].strip()
        level = request.query.get("level", "")
        tree = place_tree()
        found = self._found(query, level, tree) if query else []
        async with self.context.database.transaction() as session:
            current = await edits.current(session)
            history = await edits.history(session, limit=20)
        districts = [(d, tree.children(d.id)) for d in tree.of_level("district")]
        return self.render(
            request,
            principal,
            "places_tree.html",
            _("Places"),
            query=query,
            level=level if level in LEVELS else "",
            levels=[(code, level_word(code)) for code in LEVELS],
            found=found,
            districts=districts,
            current=current,
            history=history,
            name=_name,
            level_word=level_word,
        )

    async def find_json(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        query = request.query.get("q", "")[:MAX_QUERY].strip()
        found = self._found(query, request.query.get("level", ""), place_tree()) if query else []
        return web.json_response({"places": found}, headers={"Cache-Control": "no-store"})

    @staticmethod
    def _found(query: str, level: str, tree: PlaceTree) -> list[dict[str, str]]:
        """The places ``query`` names, best first, as the page lists them."""
        matches = find(query, FOUND, tree, level if level in LEVELS else None)
        return [
            {
                "id": m.place.id,
                "name": _name(m.place),
                "level": level_word(m.place.level),
                "path": " · ".join(_name(p) for p in reversed(path_of(m.place, tree))),
            }
            for m in matches
        ]

    async def place_page(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        place = self._place(request)
        return self._place_page(request, principal, place)

    async def add(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        """A new place under this one: a preview, or published (admins)."""
        parent = self._place(request)
        if not principal.is_admin:
            raise Forbidden("places")
        post = await request.post()
        form = PlaceForm.posted(post)
        tree = place_tree()
        form.id = form.id or suggested_id(form.names.get("sq", ""), parent, tree)
        if form.id in tree:
            return self._place_page(request, principal, parent, added=form, field="id_taken")
        return await self._checked(request, principal, parent, form, parent.id, post)

    async def rename(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        """New names for this place: a preview, or published (admins)."""
        place = self._place(request)
        if not principal.is_admin:
            raise Forbidden("places")
        post = await request.post()
        form = PlaceForm.posted(post)
        form.id, form.level = place.id, place.level
        if not form.changes(place):
            return self._place_page(request, principal, place, renamed=form, field="unchanged")
        return await self._checked(request, principal, place, form, None, post)

    async def _checked(
        self,
        request: web.Request,
        principal: Principal,
        place: Place,
        form: PlaceForm,
        parent: str | None,
        post: Any,
    ) -> web.StreamResponse:
        """The form checked: shown again with what is wrong or with its preview, or published
        and the place's page shown."""
        added, renamed = (form, None) if parent is not None else (None, form)
        tree = place_tree()
        try:
            edit = edits.checked(form.id, form.body(parent), tree)
        except Invalid as error:
            return self._place_page(
                request, principal, place, added=added, renamed=renamed, field=error.field
            )
        if post.get("do") != "publish":
            draft = edits.apply(tree.all(), [edit]).get(edit.id)
            return self._place_page(
                request, principal, place, added=added, renamed=renamed, draft=draft
            )
        async with self.context.database.transaction() as session:
            version, new_tree = await edits.save(session, principal, edit, base_places())
        use_tree(new_tree)
        return self.see_other(f"/staff/places/tree/{edit.id}?published={version.number}")

    async def restore(self, request: web.Request, principal: Principal) -> web.StreamResponse:
        raw = request.match_info["number"]
        if whole_number(raw, 12) is None:
            raise NotFound(raw)
        if not principal.is_admin:
            raise Forbidden("places")
        async with self.context.database.transaction() as session:
            version, tree = await edits.restore(session, principal, int(raw), base_places())
        use_tree(tree)
        return self.see_other(f"/staff/places/tree?published={version.number}")

    @staticmethod
    def _place(request: web.Request) -> Place:
        place = place_tree().get(request.match_info["id"])
        if place is None:
            raise NotFound(request.match_info["id"])
        return place

    def _place_page(
        self,
        request: web.Request,
        principal: Principal,
        place: Place,
        *,
        added: PlaceForm | None = None,
        renamed: PlaceForm | None = None,
        field: str | None = None,
        draft: Place | None = None,
    ) -> web.Response:
        """A place: where it lies, its names as the bot says them, the places under it, and
        (admins) the forms to rename it and to add a place under it, one of them with what is
        wrong with it or its preview."""
        tree = place_tree()
        levels = child_levels(place)
        error = None
        if field == "id_taken":
            error = _("A place with this short name exists already: choose another.")
        elif field is not None:
            error = error_message(field)
        new_form = added or PlaceForm(level=levels[0] if levels else "")
        return self.render(
            request,
            principal,
            "places_place.html",
            _name(place),
            400 if error else 200,
            place=place,
            path=path_of(place, tree),
            children=tree.children(place.id),
            shown=names_shown(place),
            rename_form=renamed or PlaceForm.of(place),
            add_form=new_form,
            open_form="add" if added else "rename" if renamed else "",
            child_levels=[(code, level_word(code)) for code in levels],
            error=error,
            error_field=field,
            draft=draft,
            draft_shown=names_shown(draft) if draft else [],
            published=request.query.get("published", ""),
            name_labels=NAME_LABELS,
            name=_name,
            named=lambda shown_place: shown_place.name(current_language()),
            level_word=level_word,
        )


def _name(place: Place) -> str:
    """A place's name in the page's language and script."""
    return place.plain_name(current_language())
