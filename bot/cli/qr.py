"""``kesco-bot qr CODE [--out FILE.svg|FILE.png]``: the signed deep links of a customer code,
for its bill, and their QR code (written to FILE, or drawn in the terminal)."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TextIO

from bot.settings import Settings
from services import qr
from services.customer_codes import parse_customer_code
from services.deep_links import DEFAULT, BillLinks, InvalidExpiry

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

    links = settings.deep_links()
    if not links.can_sign:
        return fail("KESCO_LINK_SECRET is not set: signed links need it (docs/configuration.md)")
    if not links.urls("x"):
        return fail("set KESCO_TELEGRAM_BOT_USERNAME and/or KESCO_VIBER_CHAT_URI")
    parsed = parse_customer_code(args.code)
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
        made = links.bill_links(str(parsed.code), until)  # type: ignore[arg-type]
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


def _chosen(made: BillLinks, messenger: str | None) -> str | None:
    if messenger is not None:
        return made.url(messenger)
    return made.telegram or made.viber
