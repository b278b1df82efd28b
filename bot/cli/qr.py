"""``kesco-bot qr CODE [--out FILE.svg|FILE.png]``: the signed deep links of a customer code,
for its bill, and their QR code (written to FILE, or drawn in the terminal);
``kesco-bot qr CODE --revoke`` voids every link printed for the code so far.

Whoever runs the CLI holds the server (its settings and database), so it may make links that
never end (``--valid-until never``), which the staff API leaves to admins."""

from __future__ import annotations

import argparse
import asyncio
import sys
from datetime import date
from pathlib import Path
from typing import TextIO

from bot.settings import Settings
from services import link_grants, qr
from services.customer_codes import parse_customer_code
from services.db import Database
from services.deep_links import DEFAULT, BillLinks, DeepLinks, InvalidExpiry
from services.staff import audit

FORMATS = (".svg", ".png")


def add_qr_command(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "qr", help="the signed Telegram and Viber links of a customer code, and their QR code"
    )
    parser.add_argument("code", help="the customer code, e.g. DPR100001")
    parser.add_argument(
        "--out", metavar="FILE", help="write the QR code to FILE.svg or FILE.png (else: drawn)"
    )
    parser.add_argument(
        "--messenger",
        choices=("telegram", "viber"),
        help="whose link the QR code holds (default: Telegram's when configured)",
    )
    parser.add_argument(
        "--valid-until",
        metavar="YYYY-MM-DD|never",
        help="last day the link works, Kosovo time (default: KESCO_LINK_VALID_DAYS from today)",
    )
    parser.add_argument(
        "--revoke",
        action="store_true",
        help="void every link printed for the code so far (the secret is not changed)",
    )


def _valid_until(value: str | None) -> date | None | object:
    if value is None:
        return DEFAULT
    if value == "never":
        return None
    return date.fromisoformat(value)


def run_qr(args: argparse.Namespace, settings: Settings, out: TextIO | None = None) -> int:
    out = out or sys.stdout

    def fail(message: str) -> int:
        print(f"kesco-bot qr: {message}", file=sys.stderr)
        return 2

    parsed = parse_customer_code(args.code)
    links = settings.deep_links()
    if args.revoke and parsed.code is not None:
        generation = asyncio.run(_revoke(settings, str(parsed.code)))
        print(f"code: {parsed.code}", file=out)
        print(f"revoked: every link printed so far (revocation {generation})", file=out)
        return 0
    if not links.can_sign:
        return fail("KESCO_LINK_SECRET is not set: signed links need it (docs/configuration.md)")
    if not links.urls("x"):
        return fail("set KESCO_TELEGRAM_BOT_USERNAME and/or KESCO_VIBER_CHAT_URI")
    if parsed.code is None:
        return fail(f"{args.code!r} is not a customer code ({parsed.problem.value})")  # type: ignore[union-attr]
    try:
        until = _valid_until(args.valid_until)
    except ValueError:
        return fail("--valid-until: a date YYYY-MM-DD, or never")
    target = Path(args.out) if args.out else None
    if target is not None and target.suffix.lower() not in FORMATS:
        return fail("--out: a file name ending in .svg or .png")
    try:
        made = asyncio.run(_signed(settings, links, str(parsed.code), until))
    except InvalidExpiry as error:
        return fail(f"--valid-until: {error}")
    url = _chosen(made, args.messenger)
    if url is None:
        return fail(f"no {args.messenger} link: its setting is not set (docs/configuration.md)")
    print(f"code: {made.code}", file=out)
    print(f"valid until: {made.valid_until or 'never'}", file=out)
    for link in made.links:
        print(f"{link.channel}: {link.url}", file=out)
    if target is None:
        qr.draw(url, out)
    elif target.suffix.lower() == ".svg":
        target.write_text(qr.svg(url), encoding="utf-8")
        print(f"QR code of {url} written to {target}", file=out)
    else:
        target.write_bytes(qr.png(url))
        print(f"QR code of {url} written to {target}", file=out)
    return 0


async def _revoke(settings: Settings, code: str) -> int:
    database = Database(settings.database_url)
    try:
        await database.upgrade()
        async with database.transaction() as session:
            generation = await link_grants.revoke(session, code, link_grants.STAFF)
            audit.record(
                session, "cli", "bill_links_revoked", via="cli", district=code[:3], detail=code
            )
        return generation
    finally:
        await database.dispose()


async def _signed(settings: Settings, links: DeepLinks, code: str, until: object) -> BillLinks:
    database = Database(settings.database_url)
    try:
        await database.upgrade()
        return await link_grants.signed_links(database, links, code, until)  # type: ignore[arg-type]
    finally:
        await database.dispose()


def _chosen(made: BillLinks, messenger: str | None) -> str | None:
    if messenger is not None:
        return made.url(messenger)
    return made.telegram or made.viber
