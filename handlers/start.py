"""``/start``: the welcome, the language choice, and deep links: a customer code (linking asks
for the proof), a signed link from the bill (links at once), or a share code (``share-...``).

The welcome is for a chat's first visit only; a chat that comes back with ``/start`` (or a
console session, which starts with one) gets the menu instead of the same welcome again.
"""

from __future__ import annotations

import logging

from handlers import keyboards, link, share
from handlers.messages import OutgoingMessage
from handlers.turn import Turn
from locales.i18n import _
from services import link_grants, share_codes
from services.customer_codes import looks_like_code
from services.deep_links import BillLinkStatus

log = logging.getLogger(__name__)


def _welcome() -> str:
    return _(
        "Welcome to KESCO's assistant! Here you can see your electricity bill, pay it, "
        "and get notices of outages and planned works."
    )


async def on_start(turn: Turn) -> list[OutgoingMessage]:
    if turn.args:
        replies = await _deep_link(turn, turn.args)
        if replies:
            return [OutgoingMessage(_welcome()), *replies] if turn.first_visit else replies
    if turn.first_visit:
        text = "\n\n".join((_welcome(), _("Choose your language:")))
        return [OutgoingMessage(text, keyboards.language_choice())]
    return [OutgoingMessage(_("What would you like to do?"), keyboards.menu())]


async def _deep_link(turn: Turn, payload: str) -> list[OutgoingMessage]:
    if share_codes.is_deep_link(payload):
        return await share.redeem(turn, payload)
    check = turn.deps.links.read_bill(payload)
    if check.code and check.status is not BillLinkStatus.NOT_SIGNED:
        generation = await link_grants.generation(turn.session, check.code)
        if generation:
            check = turn.deps.links.read_bill(payload, generation=generation)
    if check.status is BillLinkStatus.VALID and check.code:
        return await link.by_bill(turn, check.code, check.key)
    if check.status is BillLinkStatus.REVOKED and check.code:
        log.info("chat %s: a revoked bill link", turn.chat.id)
        return [OutgoingMessage(link.link_revoked_text()), *await link.begin(turn, check.code)]
    if check.status is BillLinkStatus.EXPIRED and check.code:
        expired = _("The link on this bill has expired, so please prove the code once more.")
        return [OutgoingMessage(expired), *await link.begin(turn, check.code)]
    if check.status is BillLinkStatus.BAD_SIGNATURE and check.code:
        log.info("chat %s: a bill link with a wrong signature, read as its code", turn.chat.id)
        return await link.begin(turn, check.code)
    if looks_like_code(payload):
        return await link.begin(turn, payload)
    return []
