"""Errors on the staff pages in words an operator understands, in the page's language.

The API names the field that is wrong in English (``ends_at: must be after starts_at``); the
page says what to do about it, for the field that is wrong.
"""

from __future__ import annotations

from locales.i18n import N_, _, current_language
from services.areas import district_name

FIELD_MESSAGES = {
    "kind": N_("Choose an outage or planned works."),
    "district": N_("Choose the district, or pick places."),
    "areas": N_("Choose at least one area of the district, or pick places."),
    "places": N_(
        "Pick places that exist, all in one district and in the district chosen (if one is)."
    ),
    "starts_at": N_("Give the start as a date and time."),
    "ends_at": N_(
        "Give the end as a date and time after the start (and, for a change, not in the past)."
    ),
    "publish_at": N_("Give the time to publish, at most 90 days ahead."),
    "texts": N_("Write the text in Albanian, English and Serbian (at most 500 characters each)."),
    "restored_at": N_(
        "Give the time power came back: after the outage started, not in the future."
    ),
    "id": N_("The form is out of date. Open it again and send it once more."),
    "confirm": N_("Tick the box to confirm."),
    "body": N_("Nothing was changed: say what changed (expected end, places or reason)."),
}


def field_message(field: str | None) -> str:
    """What to do about the wrong ``field`` (``texts.sr`` is about ``texts``)."""
    key = (field or "body").split(".", 1)[0]
    return _(FIELD_MESSAGES.get(key, FIELD_MESSAGES["body"]))


def forbidden_message(district: str) -> str:
    return _("You do not act in {district}. Ask an admin to give you this district.").format(
        district=district_name(district, current_language())
    )
