"""The ``kesco-bot`` command line: run, chat, faq ask, places, db upgrade, demo seed, staff, qr."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence

from bot.cli.places import add_places_commands
from bot.cli.qr import add_qr_command
from bot.cli.staff import add_staff_commands
from bot.settings import Settings
from locales import languages


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kesco-bot", description="KESCO customer assistant")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("run", help="the service: web server, channels, alert dispatcher")
    commands.add_parser("chat", help="the conversation in this terminal (console channel)")

    faq = commands.add_parser("faq", help="the free-text understanding").add_subparsers(
        dest="faq_command", required=True
    )
    ask = faq.add_parser("ask", help="what the bot understands from one message")
    ask.add_argument(
        "--lang",
        choices=languages.CODES,
        help="answer in this language (default: the message's)",
    )
    ask.add_argument("--json", action="store_true", help='print {"id", "score", "lang"}')
    ask.add_argument("text", help="the message, or - to read one message per line from stdin")

    db = commands.add_parser("db", help="the database").add_subparsers(
        dest="db_command", required=True
    )
    db.add_parser("upgrade", help="apply the schema migrations")

    demo = commands.add_parser("demo", help="the demo account backend").add_subparsers(
        dest="demo_command", required=True
    )
    seed = demo.add_parser("seed", help="fill the embedded demo account backend")
    seed.add_argument(
        "--customers",
        type=int,
        default=0,
        metavar="N",
        help="also add N synthetic customers across the seven districts",
    )
    add_places_commands(commands)
    add_staff_commands(commands)
    add_qr_command(commands)
    return parser


def quiet_routine_http_logs() -> None:
    """Every HTTP call the messengers' SDKs make (each getUpdates poll among them) is an INFO
    line of httpx: routine, 95% of the log on a quiet day. Their failures still show."""
    for name in ("httpx", "httpcore"):
        logging.getLogger(name).setLevel(logging.WARNING)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.command == "run" else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    quiet_routine_http_logs()
    settings = Settings()
    if args.command == "qr":
        from bot.cli.qr import run_qr

        return run_qr(args, settings)
    if args.command == "places":
        from bot.cli.places import run_places

        return run_places(args, settings.places_file)
    if args.command == "faq":
        from bot.cli.faq import ask

        return ask(args.text, args.lang, args.json)
    return asyncio.run(_dispatch(args, settings))


async def _dispatch(args: argparse.Namespace, settings: Settings) -> int:
    if args.command == "run":
        from bot.runtime import run
        from bot.secrets_check import WeakSecrets

        try:
            await run(settings)
        except WeakSecrets as error:
            print(f"kesco-bot run: {error}", file=sys.stderr)
            return 2
        return 0
    if args.command == "chat":
        from bot.app import build_app, channel_setup
        from bot.channels.console import ConsoleChannel
        from bot.channels.registry import entry

        app = await build_app(settings)
        console = entry("console").build(channel_setup(app, terminal=(sys.stdin, sys.stdout)))
        assert isinstance(console, ConsoleChannel)
        try:
            await console.run()
        finally:
            await app.close()
        return 0
    if args.command == "db":
        from services.db import Database

        database = Database(settings.database_url)
        await database.upgrade()
        await database.dispose()
        print("database schema is up to date")
        return 0
    if args.command == "demo":
        return await _seed(settings, args.customers)
    if args.command == "staff":
        from bot.cli.staff import run_staff

        return await run_staff(args, settings)
    return 2


async def _seed(settings: Settings, customers: int) -> int:
    from services.db import Database
    from services.demo_seed import ensure_demo_customers, seed_synthetic

    if customers < 0:
        print("--customers must be 0 or more", file=sys.stderr)
        return 2
    database = Database(settings.database_url)
    try:
        await database.upgrade()
        await ensure_demo_customers(database)
        added = await seed_synthetic(database, customers)
    finally:
        await database.dispose()
    print(f"demo customers ready; {added} synthetic customers added")
    return 0
