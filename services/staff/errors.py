"""What a staff request can run into, whatever it is about (a notice, a call-back request, a
reason template): the page and the API say each in their own words (403, 404, 409, 400)."""

from __future__ import annotations


class Invalid(ValueError):
    """The input cannot be accepted; ``field`` names what is wrong."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class Forbidden(Exception):
    """The principal may not see or do this: its text is the district they do not act in, or
    what only admins may do."""


class NotFound(LookupError):
    """Nothing has this id."""


class Conflict(Exception):
    """Not possible in the state the thing is in now (cancelling a published notice...)."""
