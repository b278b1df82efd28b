"""The staff API's places (issue 23): search-as-you-type over every place
(``GET /api/v1/places?q=``), one place with its children, and admins adding or renaming places
(``PUT /api/v1/places/{id}``), published in versions every instance lays over the place file
within seconds, audited."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from bot.staff_web.api.guard import ApiGuard, int_query, json_error, read_json
from bot.staff_web.context import StaffContext
from services.places import edits
from services.places.in_use import base_places, place_tree, use_tree
from services.places.names import find
from services.places.tree import LEVELS, Place, PlaceTree
from services.staff.accounts import Principal
from services.staff.errors import Invalid, NotFound

MAX_QUERY = 100


def place_json(place: Place, tree: PlaceTree) -> dict[str, Any]:
    """A place for the staff page: its names, and the names of the places above it."""
    return {
        "id": place.id,
        "level": place.level,
        "parent": place.parent,
        "names": dict(place.names),
        "aliases": list(place.aliases),
        "forms": dict(place.forms),
        "path": [tree.get(a).names["sq"] for a in tree.ancestors(place.id)[1:]],  # type: ignore[union-attr]
    }


def version_json(version: edits.Version | None) -> dict[str, Any] | None:
    if version is None:
        return None
    return {
        "number": version.number,
        "published_at": version.published_at.isoformat(),
        "published_by": version.published_by,
        "action": version.action,
        "detail": version.detail,
        "edits": len(version.edits),
    }


class PlacesApi:
    """``/api/v1/places...``."""

    def __init__(self, context: StaffContext) -> None:
        self.context = context

    def routes(self, guard: ApiGuard) -> list[web.RouteDef]:
        return [
            web.get("/api/v1/places", guard(self.search)),
            web.get("/api/v1/places/versions", guard(self.list_versions)),
            web.get("/api/v1/places/{id}", guard(self.get_place)),
            web.put("/api/v1/places/{id}", guard(self.save_place)),
        ]

    async def search(self, request: web.Request, principal: Principal) -> web.Response:
        query = request.query.get("q", "")
        if len(query) > MAX_QUERY:
            raise Invalid("q", f"q: up to {MAX_QUERY} characters")
        level = request.query.get("level") or None
        if level is not None and level not in LEVELS:
            raise Invalid("level", f"level: one of {', '.join(LEVELS)}")
        limit = int_query(request, "limit", 20, 1, 100)
        tree = place_tree()
        if query.strip():
            matches = find(query, limit, tree, level)
            found = [{**place_json(m.place, tree), "score": round(m.score, 3)} for m in matches]
        else:
            places = tree.of_level(level) if level else tree.all()
            found = [place_json(place, tree) for place in places[:limit]]
        return web.json_response({"places": found, "version": tree.version})

    async def get_place(self, request: web.Request, principal: Principal) -> web.Response:
        tree = place_tree()
        place = tree.get(request.match_info["id"])
        if place is None:
            raise NotFound(request.match_info["id"])
        children = [place_json(child, tree) for child in tree.children(place.id)]
        return web.json_response({"place": place_json(place, tree), "children": children})

    async def save_place(self, request: web.Request, principal: Principal) -> web.Response:
        if not principal.is_admin:
            return json_error(403, "only admins add or rename places", "role")
        edit = edits.checked(request.match_info["id"], await read_json(request), place_tree())
        async with self.context.database.transaction() as session:
            version, tree = await edits.save(session, principal, edit, base_places())
        use_tree(tree)
        place = tree.get(edit.id)
        assert place is not None
        return web.json_response(
            {"place": place_json(place, tree), "version": version_json(version)}
        )

    async def list_versions(self, request: web.Request, principal: Principal) -> web.Response:
        limit = int_query(request, "limit", 50, 1, 500)
        async with self.context.database.transaction() as session:
            found = await edits.history(session, limit)
        return web.json_response({"versions": [version_json(v) for v in found]})
