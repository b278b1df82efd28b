"""Masking personal data for chats that may only see a hint of it."""

from __future__ import annotations


def mask_name(full_name: str) -> str:
    """``Arben Krasniqi`` -> ``A*** K***``: the initials only."""
    return " ".join(f"{part[0]}***" for part in full_name.split() if part)
