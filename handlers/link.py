"""``/link``: link a customer code to the chat, proved by the amount of its latest bill."""

from __future__ import annotations

import logging
from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import format_datetime

from handlers import keyboards
from handlers.messages import OutgoingMessage
from handlers.turn import Turn
from locales.i18n import _, babel_locale, ngettext
from services import budgets
from services.amounts import parse_amount
from services.customer_codes import DISTRICTS, CodeProblem, parse_customer_code
from services.linking import MAX_LINKS, LinkOutcome, LinkResult
from services.privacy import mask_name

log = logging.getLogger(__name__)
KOSOVO = ZoneInfo("Europe/Belgrade")
STATE_CODE = "link_code"
STATE_PROOF = "link_proof"


def _problem_text(problem: CodeProblem, prefix: str) -> str:
    districts = ", ".join(DISTRICTS)
    texts = {
        CodeProblem.EMPTY: _("Please send your customer code."),
        CodeProblem.NO_DISTRICT: _(
            "A customer code starts with the district's letters, for example DPR 123456."
        ),
        CodeProblem.UNKNOWN_DISTRICT: _(
            "“{prefix}” is not a KESCO district. Codes start with one of: {districts}."
        ).format(prefix=prefix, districts=districts),
        CodeProblem.NO_NUMBER: _("After the district letters comes your customer number."),
        CodeProblem.NOT_DIGITS: _("After the district letters, the code has digits only."),
        CodeProblem.TOO_SHORT: _("That number is too short for a customer code."),
        CodeProblem.TOO_LONG: _("That number is too long for a customer code."),
    }
    return texts[problem] + "\n" + _("You find the code at the top of your bill.")


def locked_text(until: datetime) -> str:
    """Linking is paused until ``until``, said in the chat's language and Kosovo time."""
    local = format_datetime(until.astimezone(KOSOVO), format="short", locale=babel_locale())
    return _(
        "Too many wrong attempts. For your security, linking is paused until {time}. "
        "If you need help, call 0800 791 00 (free of charge)."
    ).format(time=local)


def _code_locked_text(code: str, until: datetime) -> str:
    local = format_datetime(until.astimezone(KOSOVO), format="short", locale=babel_locale())
    return _(
        "Too many wrong attempts were made to link {code}. For the customer's security, "
        "linking it is paused until {time}. If the bill is yours, call 0800 791 00 "
        "(free of charge)."
    ).format(code=code, time=local)


def ask_for_code(turn: Turn) -> OutgoingMessage:
    turn.set_state(STATE_CODE)
    return OutgoingMessage(
        _("Send your customer code. It is at the top of your bill, for example DPR 123456."),
        (keyboards.cancel_row(),),
    )


async def on_link(turn: Turn) -> list[OutgoingMessage]:
    if turn.args:
        return await begin(turn, turn.args)
    if until := turn.deps.linking.locked_until(turn.chat):
        return [OutgoingMessage(locked_text(until))]
    return [ask_for_code(turn)]


async def on_code_reply(turn: Turn) -> list[OutgoingMessage]:
    return await begin(turn, turn.message.text or "")


async def begin(turn: Turn, typed: str) -> list[OutgoingMessage]:
    """Read a typed code and, when it can be linked, ask for the proof."""
    parsed = parse_customer_code(typed)
    if parsed.code is None:
        assert parsed.problem is not None
        log.info("chat %s: customer code rejected (%s)", turn.chat.id, parsed.problem.value)
        turn.set_state(STATE_CODE)
        return [
            OutgoingMessage(_problem_text(parsed.problem, parsed.prefix), (keyboards.cancel_row(),))
        ]
    code = str(parsed.code)
    result = await turn.deps.linking.start(turn.session, turn.chat, code)
    if result.outcome is LinkOutcome.READY_FOR_PROOF:
        turn.set_state(STATE_PROOF, code=code)
        return [
            OutgoingMessage(
                _(
                    "To protect your data, please prove that you hold the bill of {code}: send the "
                    "amount of its latest bill as printed on it, for example 42.50."
                ).format(code=code),
                (keyboards.cancel_row(),),
            )
        ]
    return _result_replies(turn, result)


async def by_bill(turn: Turn, code: str, link_key: str | None = None) -> list[OutgoingMessage]:
    """Link ``code`` from a signed link on its bill: no amount to type. A link this chat used
    already, or that linked as many chats as it may, leads to the proof by amount instead."""
    result = await turn.deps.linking.link_by_bill(turn.session, turn.chat, code, link_key)
    if result.outcome is LinkOutcome.LINK_SPENT:
        return [OutgoingMessage(link_spent_text()), *await begin(turn, code)]
    if result.outcome is LinkOutcome.LINK_FULL:
        return [OutgoingMessage(link_full_text()), *await begin(turn, code)]
    return _result_replies(turn, result)


def link_spent_text() -> str:
    return _(
        "This chat has already used the link on this bill once, and each link works only once "
        "in a chat. You can still link the code: just prove that you hold the bill."
    )


def link_full_text() -> str:
    return _(
        "Sorry, the link on this bill has already been used in as many chats as it allows. "
        "You can still link the code: prove that you hold the bill, or ask someone who has it "
        "linked for a share code (/share)."
    )


def link_revoked_text() -> str:
    return _(
        "Sorry, the link on this bill no longer works: it was withdrawn (for example, because "
        "the code now belongs to someone else). You can still link the code: just prove that "
        "you hold the bill."
    )


async def on_proof_reply(turn: Turn) -> list[OutgoingMessage]:
    code = str(turn.state.get("code", ""))
    amount = parse_amount(turn.message.text or "")
    if amount is None:
        log.info("chat %s: proof is not an amount", turn.chat.id)
        return [
            OutgoingMessage(
                _("Please send only the amount of the latest bill, for example 42.50."),
                (keyboards.cancel_row(),),
            )
        ]
    result = await turn.deps.linking.prove(turn.session, turn.chat, code, amount)
    return _result_replies(turn, result)


def _result_replies(turn: Turn, result: LinkResult) -> list[OutgoingMessage]:
    outcome = result.outcome
    if outcome is LinkOutcome.WRONG_PROOF:
        return [
            OutgoingMessage(
                _("That amount does not match the latest bill of {code}.").format(code=result.code)
                + " "
                + _attempts_left(result.attempts_left),
                (keyboards.cancel_row(),),
            )
        ]
    turn.clear_state()
    if outcome is LinkOutcome.LINKED:
        name = mask_name(result.customer.full_name) if result.customer else ""
        done = _("Done! {code} ({name}) is linked to this chat.").format(
            code=result.code, name=name
        )
        if not turn.deps.channels.pushes(turn.chat.channel):
            done += "\n" + keyboards.alerts_elsewhere()
        return [
            OutgoingMessage(
                done,
                (
                    (
                        keyboards.command_button(_("🧾 My bill"), "bill"),
                        keyboards.command_button(_("🔗 Link another"), "link"),
                    ),
                ),
            )
        ]
    if outcome is LinkOutcome.ALREADY_LINKED:
        text = _("{code} is already linked to this chat.").format(code=result.code)
    elif outcome is LinkOutcome.TOO_MANY_LINKS:
        text = _(
            "A chat can link at most {limit} customer codes. Unlink one first with /unlink."
        ).format(limit=MAX_LINKS)
    elif outcome is LinkOutcome.BUSY:
        text = (
            _("You have tried to link codes many times in the last hour. Please try again later.")
            if result.over is budgets.Over.CHAT
            else _("Linking is very busy right now. Please try again in a little while.")
        )
    elif outcome is LinkOutcome.REMOVED:
        text = _(
            "A chat that holds {code} removed this chat from it, so {code} cannot be linked "
            "here again with the current bill. When the next bill comes, link it with that "
            "bill's amount, or ask someone who holds the code for a share code (/share). If "
            "the bill is yours and you need help, call 0800 791 00 (free of charge)."
        ).format(code=result.code)
    elif outcome is LinkOutcome.CODE_LOCKED:
        assert result.locked_until is not None
        text = _code_locked_text(result.code, result.locked_until)
    else:
        assert result.locked_until is not None
        text = locked_text(result.locked_until)
    return [OutgoingMessage(text, keyboards.menu())]


def _attempts_left(left: int) -> str:
    return ngettext("You have {n} attempt left.", "You have {n} attempts left.", left).format(
        n=left
    )
