"""One section of the staff page (the board, reports, accounts ...): its routes, served
through the page's wrapper (``pages.page``: sign-in, language, CSRF) with the page's context."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiohttp import web

from bot.staff.context import StaffContext

if TYPE_CHECKING:
    from bot.staff.pages import StaffPages


class PageSection:
    """A section of ``/staff``; subclasses list their ``routes``."""

    def __init__(self, context: StaffContext, pages: StaffPages) -> None:
        self.context = context
        self.pages = pages

    def routes(self) -> list[web.RouteDef]:
        raise NotImplementedError
