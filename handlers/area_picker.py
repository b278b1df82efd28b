"""Choosing an area by buttons: the districts, then the areas of one (the picker of ``/report``
and of a call-back request without a customer code).

Payloads are ``<prefix>:d`` (the districts), ``<prefix>:d:<district>`` (its areas) and
``<prefix>:a:<area>`` (chosen); the handler of ``prefix`` reads them with :func:`read`.
"""

from __future__ import annotations

from handlers.messages import Button, OutgoingMessage
from locales.i18n import _, current_language
from services.areas import areas_of, district_name, get_area
from services.customer_codes import DISTRICTS


def pairs(buttons: list[Button]) -> list[tuple[Button, ...]]:
    return [tuple(buttons[i : i + 2]) for i in range(0, len(buttons), 2)]


def districts(prefix: str, question: str) -> OutgoingMessage:
    """The districts, two to a row."""
    language = current_language()
    buttons = [
        Button(district_name(code, language), payload=f"{prefix}:d:{code}") for code in DISTRICTS
    ]
    return OutgoingMessage(question, tuple(pairs(buttons)))


def areas(
    prefix: str, district: str, question: str, extra: tuple[tuple[Button, ...], ...] = ()
) -> OutgoingMessage:
    """The areas of ``district``, two to a row, then a way back to the districts."""
    language = current_language()
    buttons = [
        Button(area.name(language), payload=f"{prefix}:a:{area.id}") for area in areas_of(district)
    ]
    back = (Button(_("⬅ Districts"), payload=f"{prefix}:d"),)
    return OutgoingMessage(question, (*pairs(buttons), back, *extra), edits_pressed=True)


def read(args: str) -> tuple[str, str | None]:
    """``("district", code)``, ``("districts", None)``, ``("area", id)`` or ``("", None)``
    for the arguments of a picker's payload (after ``<prefix>:``)."""
    action, _sep, value = args.partition(":")
    if action == "d":
        return ("district", value) if value in DISTRICTS else ("districts", None)
    if action == "a" and get_area(value) is not None:
        return "area", value
    return "", None
