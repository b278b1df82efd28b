"""Words the staff pages show for codes of the notice desk and the alerts engine (states,
failure reasons, audit actions, roles) and for the page's own frame (its menu, the words of its
script), as catalog msgids; translated with ``_`` where shown (``word`` in templates)."""

from __future__ import annotations

from locales.i18n import N_, _

NAV = (
    ("/staff", N_("Now")),
    ("/staff/notices", N_("Notices")),
    ("/staff/notices/new", N_("New notice")),
    ("/staff/reports", N_("Reports")),
    ("/staff/rotations", N_("Rotating cuts")),
    ("/staff/callbacks", N_("Call-backs")),
    ("/staff/templates", N_("Templates")),
    ("/staff/faq", N_("Answers")),
    ("/staff/places/tree", N_("Places")),
    ("/staff/audit", N_("Audit log")),
    ("/staff/account", N_("My account")),
)
# Words of the page's script (staff.js), given to it in the page's language.
SCRIPT_WORDS = {
    "sending": N_("Sending…"),
    "finished": N_("Finished."),
    "updated": N_("Updated {time}."),
    "retrying": N_("Cannot update now; trying again."),
    "no_places": N_("No place of your districts has this name."),
    "take_away": N_("Take away {place}"),
}
ROLES = {"operator": N_("operator"), "admin": N_("admin")}
# How an audited action was done (the audit log's "via").
VIA = {
    "page": N_("staff page"),
    "api-token": N_("staff API"),
    "admin-token": N_("admin token"),
    "cli": N_("command line"),
    "chat": N_("chat"),
    "publisher": N_("publishing"),
    "share": N_("a share code"),
    "system": N_("the bot"),
}
NOTICE_STATUS = {
    "scheduled": N_("Scheduled"),
    "published": N_("Published"),
    "failed": N_("Not published: refused"),
    "cancelled": N_("Cancelled"),
}
DELIVERY = {
    "sending": N_("Sending"),
    "delivered": N_("Delivered"),
    "unconfirmed": N_("No answer from the messenger: the messages may have arrived"),
    "failed": N_("Failed: no message arrived"),
    "stopped": N_("Stopped before any message arrived"),
    "nobody": N_("No chat to reach"),
    "scheduled": N_("Scheduled"),
    "cancelled": N_("Cancelled"),
}
STATES = {
    "queued": N_("waiting"),
    "sending": N_("sending"),
    "sent": N_("sent"),
    "unsettled": N_("no answer yet: checking"),
    "unconfirmed": N_("may have arrived"),
    "failed": N_("failed"),
    "blocked": N_("blocked or gone"),
    "cancelled": N_("cancelled"),
}
FAILURES = {
    "blocked": N_("the user blocked the bot"),
    "gone": N_("the chat no longer exists"),
    "rate_limited": N_("the messenger kept refusing: too many messages"),
    "gave_up": N_("gave up after network errors"),
    "expired": N_("the messenger was away until the message's deadline"),
    "rejected": N_("the messenger refused the message"),
}
EVENTS = {
    "outage.started": N_("First message"),
    "outage.updated": N_("Update"),
    "outage.restored": N_("Power is back"),
    "planned_work.scheduled": N_("First message"),
    "planned_work.cancelled": N_("Cancelled"),
}
ACTIONS = {
    "sign_in": N_("signed in"),
    "sign_in.failed": N_("failed to sign in"),
    "sign_out": N_("signed out"),
    "notice.created": N_("created a notice"),
    "notice.scheduled": N_("scheduled a notice"),
    "notice.published": N_("published a notice"),
    "notice.failed": N_("a notice was refused"),
    "notice.cancelled": N_("cancelled a notice"),
    "notice.updated": N_("updated an outage"),
    "notice.restored": N_("said power is back"),
    "rotation.published": N_("published rotating cuts"),
    "rotation.changed": N_("changed the timetable of rotating cuts"),
    "rotation.ended": N_("ended rotating cuts"),
    "broadcast.stopped": N_("stopped a broadcast"),
    "staff.created": N_("added a staff member"),
    "api_token.issued": N_("got a new API token"),
    "chat_code.issued": N_("got a code to link a chat"),
    "chat.linked": N_("linked a chat"),
    "bill_link_made": N_("made the signed links for a bill"),
    "bill_links_revoked": N_("revoked the printed links of a customer code"),
    "callback.done": N_("answered a call-back request"),
    "template.saved": N_("saved a reason template"),
    "faq.published": N_("published the bot's answers"),
}
# What changed in a version of the answers staff keep.
FAQ_ACTIONS = {
    "topic.saved": N_("a topic saved"),
    "topic.removed": N_("a topic taken away"),
    "examples.added": N_("example questions added"),
    "restored": N_("an earlier version again"),
}

# Places admins keep (issue 23): audit actions, what a version did.
ACTIONS |= {
    "place.added": N_("added a place"),
    "place.renamed": N_("renamed a place"),
    "places.restored": N_("published earlier places again"),
}
PLACE_VERSION_ACTIONS = {
    "place.added": N_("a place added"),
    "place.renamed": N_("a place renamed"),
    "places.restored": N_("an earlier version again"),
}


def word(table: dict[str, str], code: str) -> str:
    """The translated word for ``code`` (the code itself when it has none)."""
    return _(table[code]) if code in table else code


def delivery_words() -> dict[str, str]:
    """Every delivery state in words (staff.js shows the state it reads in them)."""
    return {code: _(label) for code, label in DELIVERY.items()}


def script_words() -> dict[str, str]:
    return {key: _(text) for key, text in SCRIPT_WORDS.items()}
