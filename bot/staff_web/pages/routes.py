"""Every route of the staff pages (``/staff``): what is happening now, compose with a preview,
send or schedule, watch delivery, update, say power is back, cancel, stop, reports,
call-backs, reason templates, the audit log, link a chat, manage staff (admins), the answers
staff keep and the questions the bot could not answer, the places admins keep. In the staff
member's language (Albanian unless they choose another), for a phone as much as for a desk."""

from __future__ import annotations

from aiohttp import web

from bot.staff_web.context import StaffContext
from bot.staff_web.pages.account import AccountPages
from bot.staff_web.pages.audit import AuditPages
from bot.staff_web.pages.board import BoardPages
from bot.staff_web.pages.callbacks import CallbackPages
from bot.staff_web.pages.compose import ComposePages
from bot.staff_web.pages.faq import FaqPages
from bot.staff_web.pages.lifecycle import LifecyclePages
from bot.staff_web.pages.links import LinkPages
from bot.staff_web.pages.login import LoginPages
from bot.staff_web.pages.notice import NoticePages
from bot.staff_web.pages.places import PlacePages
from bot.staff_web.pages.reason_templates import ReasonTemplatePages
from bot.staff_web.pages.reports import ReportPages
from bot.staff_web.pages.rotations import RotationPages
from bot.staff_web.pages.section import PageSection
from bot.staff_web.pages.shell import ShellPages
from bot.staff_web.pages.team import TeamPages
from bot.staff_web.pages.unanswered import UnansweredPages

# ComposePages before NoticePages: /staff/notices/new is not a notice's id.
SECTIONS: tuple[type[PageSection], ...] = (
    ShellPages,
    LoginPages,
    BoardPages,
    ComposePages,
    NoticePages,
    LifecyclePages,
    ReportPages,
    RotationPages,
    CallbackPages,
    ReasonTemplatePages,
    AuditPages,
    AccountPages,
    LinkPages,
    TeamPages,
    FaqPages,
    UnansweredPages,
    PlacePages,
)


def page_routes(context: StaffContext) -> list[web.RouteDef]:
    return [route for section in SECTIONS for route in section(context).routes()]
