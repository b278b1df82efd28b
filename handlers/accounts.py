"""``/accounts`` and ``/unlink``: the codes linked to this chat, and the other chats holding
them (:mod:`handlers.holders`)."""

from __future__ import annotations

from handlers import holders, keyboards, share
from handlers.messages import Button, OutgoingMessage
from handlers.turn import Turn
from locales.i18n import _, current_language
from services import customer_places
from services.areas import get_area
from services.customer_codes import parse_customer_code
from services.privacy import mask_name


async def on_accounts(turn: Turn) -> list[OutgoingMessage]:
    codes = await turn.deps.linking.linked_codes(turn.session, turn.chat)
    if not codes:
        return [_nothing_linked()]
    lines = [_("Customer codes linked to this chat:")]
    shared_from = await turn.deps.linking.shared_codes(turn.session, turn.chat)
    for code in codes:
        customer = await turn.deps.backend.get_customer(code)
        if customer is None:
            lines.append(f"• {code}")
            continue
        await customer_places.refresh(turn.session, customer)
        area = get_area(customer.area_id)
        place = area.name(current_language()) if area else customer.area_id
        lines.append(f"• {code} – {mask_name(customer.full_name)}, {place}")
    if shared_from:
        lines += ["", _("Codes marked ↔ were shared with this chat by another chat.")]
        lines = [_mark(line, shared_from) for line in lines]
    holder_lines, holder_rows = await holders.holders_part(turn, codes)
    household_lines, household_rows = await share.household_part(turn)
    household_lines = [*holder_lines, *household_lines]
    if not turn.deps.channels.pushes(turn.chat.channel):
        household_lines += ["", keyboards.alerts_elsewhere()]
    buttons = (
        (
            keyboards.command_button(_("🔗 Link a customer code"), "link"),
            keyboards.command_button(_("➖ Unlink"), "unlink"),
        ),
        (keyboards.command_button(_("👪 Share with another chat"), "share"),),
        *holder_rows,
        *household_rows,
    )
    return [OutgoingMessage("\n".join([*lines, *household_lines]), buttons)]


def _mark(line: str, shared: set[str]) -> str:
    code = line[2:].split(" ", 1)[0] if line.startswith("• ") else ""
    return f"{line} ↔" if code in shared else line


async def on_unlink(turn: Turn) -> list[OutgoingMessage]:
    codes = await turn.deps.linking.linked_codes(turn.session, turn.chat)
    if not codes:
        return [_nothing_linked()]
    if turn.args:
        parsed = parse_customer_code(turn.args)
        code = str(parsed.code) if parsed.code else turn.args.strip().upper()
        if code not in codes:
            return [
                OutgoingMessage(
                    _("{code} is not linked to this chat.").format(code=code),
                    _unlink_buttons(codes),
                )
            ]
        await turn.deps.linking.unlink(turn.session, turn.chat, code)
        return [
            OutgoingMessage(
                _(
                    "{code} is no longer linked to this chat. You will get no more alerts for it."
                ).format(code=code),
                keyboards.menu(),
            )
        ]
    return [OutgoingMessage(_("Which code do you want to unlink?"), _unlink_buttons(codes))]


def _unlink_buttons(codes: list[str]) -> keyboards.Rows:
    rows = tuple((Button(f"➖ {code}", payload=f"unlink:{code}"),) for code in codes)
    return (*rows, keyboards.cancel_row())


def _nothing_linked() -> OutgoingMessage:
    return OutgoingMessage(
        _("No customer code is linked to this chat yet."),
        ((keyboards.command_button(_("🔗 Link a customer code"), "link"),),),
    )
