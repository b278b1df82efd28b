"""``kesco-bot staff``: add, list, disable and enable staff members, reset their passwords,
issue API tokens.

Passwords are never command-line arguments: they are asked for (twice) at the terminal, or read
as one line from standard input with ``--password-stdin``.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from bot.settings import Settings
from services.customer_codes import DISTRICTS


def add_staff_commands(commands: argparse._SubParsersAction) -> None:
    staff = commands.add_parser("staff", help="staff accounts of the /staff page and API")
    actions = staff.add_subparsers(dest="staff_command", required=True)
    add = actions.add_parser("add", help="add a staff member (the password is asked for)")
    add.add_argument("--username", required=True)
    add.add_argument("--role", required=True, choices=("operator", "admin"))
    add.add_argument(
        "--districts",
        default="",
        help=f"comma-separated, for operators: {','.join(DISTRICTS)}",
    )
    add.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    token = actions.add_parser("token", help="issue a new API token (replaces the old one)")
    token.add_argument("--username", required=True)
    actions.add_parser("list", help="list staff members")
    for name, text in (
        ("disable", "disable a staff member (sessions end, token and chats stop)"),
        ("enable", "enable a disabled staff member again"),
    ):
        actions.add_parser(name, help=text).add_argument("--username", required=True)
    password = actions.add_parser("password", help="reset a staff member's password")
    password.add_argument("--username", required=True)
    password.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )


def _password(from_stdin: bool) -> str | None:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Password again: ") != first:
        print("the passwords differ", file=sys.stderr)
        return None
    return first


async def run_staff(args: argparse.Namespace, settings: Settings) -> int:
    """Run one ``kesco-bot staff`` subcommand; the exit status."""
    from services.db import Database
    from services.staff import accounts, admin, audit
    from services.staff.accounts import StaffError

    asks = args.staff_command in ("add", "password")
    password = _password(args.password_stdin) if asks else None
    if asks and password is None:
        return 2
    database = Database(settings.database_url)
    try:
        await database.upgrade()
        async with database.transaction() as session:
            if args.staff_command == "add":
                districts = [d for d in args.districts.upper().split(",") if d.strip()]
                member = await accounts.create_staff(
                    session, args.username, args.role, districts, password or ""
                )
                audit.record(
                    session,
                    "cli",
                    "staff.created",
                    via="cli",
                    detail=f"{member.username} ({member.role})",
                )
                scope = ",".join(member.districts) or "all districts"
                print(f"staff member {member.username} added: {member.role}, {scope}")
            elif args.staff_command == "token":
                members = {m.username: m for m in await accounts.list_staff(session)}
                found = members.get(args.username.strip().lower())
                if found is None:
                    print(f"no staff member {args.username}", file=sys.stderr)
                    return 1
                token = await accounts.issue_api_token(session, found.id)
                audit.record(session, "cli", "api_token.issued", via="cli", detail=found.username)
                print(token)
            elif args.staff_command in ("disable", "enable"):
                active = args.staff_command == "enable"
                member = await admin.set_active(session, "cli", args.username, active, via="cli")
                print(f"staff member {member.username} {args.staff_command}d")
            elif args.staff_command == "password":
                member = await admin.reset_password(
                    session, "cli", args.username, password or "", via="cli"
                )
                print(f"the password of {member.username} was changed; their sessions ended")
            else:
                for m in await accounts.list_staff(session):
                    scope = ",".join(m.districts) or "all"
                    print(f"{m.username}\t{m.role}\t{scope}\t{'active' if m.active else 'off'}")
    except StaffError as error:
        print(f"{error.field}: {error}", file=sys.stderr)
        return 2
    except admin.StaffNotFound:
        print(f"no staff member {args.username}", file=sys.stderr)
        return 1
    finally:
        await database.dispose()
    return 0
