"""The ``kesco-bot`` command (``python -m bot``): :func:`main` and its subcommands."""

from bot.cli.main import main

__all__ = ["main"]
