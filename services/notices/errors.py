"""Why the notice desk refuses a request; each is a kind of the staff errors
(:mod:`services.staff.errors`), so the page and the API answer them as they answer any."""

from __future__ import annotations

from services.staff.errors import Conflict, Forbidden, Invalid, NotFound


class NoticeInvalid(Invalid):
    """A notice, or a change to one, cannot be accepted; ``field`` names the field."""


class NoticeForbidden(Forbidden):
    """The principal may not see or act on notices of this district (the error's text)."""


class NoticeNotFound(NotFound):
    """No notice with this id."""


class NoticeConflict(Conflict):
    """The notice is not in a state that allows this (e.g. cancelling a published one)."""
