"""Phone numbers a customer gives for a call back: read, checked and written one way (E.164).

Accepted: a Kosovo number in the forms people write it (``044 123 456``, ``+383 44 123 456``,
``00383 44 123 456``, ``383 44 123 456``, ``44 123 456``; fixed lines ``038 123 456``), and an
international number in E.164 (``+49 30 1234567``, or ``0049 ...``). Spaces, dashes, dots,
slashes and brackets between the digits are ignored. Anything else (``abc``, ``112``, a number
too short or too long for its country) is refused, and the bot asks again.

A Kosovo national number has 8 digits (``+383`` and then a mobile number ``4x xxx xxx`` or a
fixed line ``2x``/``3x xxx xxx``); E.164 allows at most 15 digits in all.
"""

from __future__ import annotations

import re

KOSOVO = "383"
_SEPARATORS = re.compile(r"[\s\-./()\u00a0]")
_KOSOVO_NATIONAL = re.compile(r"[234]\d{7}")
_CANDIDATE = re.compile(r"(?:\+|\b)[0-9(][0-9\s\-./()\u00a0]{5,22}[0-9]")
MIN_INTERNATIONAL = 8  # country code and subscriber number together
MAX_INTERNATIONAL = 15


def parse_phone(text: str) -> str | None:
    """The number as E.164 (``+38344123456``), or None when ``text`` is not one number."""
    raw = _SEPARATORS.sub("", text.strip())
    if not raw:
        return None
    if raw.startswith("+"):
        digits = raw[1:]
    elif raw.startswith("00"):
        digits = raw[2:]
    elif raw.startswith("0"):
        digits = KOSOVO + raw[1:]
    elif raw.startswith(KOSOVO) and len(raw) == len(KOSOVO) + 8:
        digits = raw
    elif len(raw) == 8 and raw.startswith("4"):
        digits = KOSOVO + raw  # a mobile number written without its leading 0
    else:
        return None
    if not (digits.isascii() and digits.isdigit()) or digits.startswith("0"):
        return None
    if digits.startswith(KOSOVO):
        return "+" + digits if _KOSOVO_NATIONAL.fullmatch(digits[3:]) else None
    if not MIN_INTERNATIONAL <= len(digits) <= MAX_INTERNATIONAL:
        return None
    return "+" + digits


def find_phone(text: str) -> str | None:
    """The first phone number written somewhere in ``text`` (a message saying what it is about
    and where to call), as E.164; None when it holds none."""
    for match in _CANDIDATE.finditer(text):
        phone = parse_phone(match.group(0))
        if phone is not None:
            return phone
    return None


def display_phone(phone: str) -> str:
    """An E.164 number as people read it: ``+383 44 123 456``; others ``+<digits>`` as stored."""
    if phone.startswith("+" + KOSOVO) and len(phone) == 12:
        national = phone[4:]
        return f"+{KOSOVO} {national[:2]} {national[2:5]} {national[5:]}"
    return phone


def parse_shared_phone(phone: str) -> str | None:
    """A number a messenger sent with its share button: international, with or without its
    ``+`` (Telegram sends ``38344123456``), as E.164; None when it is not one."""
    raw = _SEPARATORS.sub("", phone.strip())
    if raw.isascii() and raw.isdigit() and not raw.startswith("0"):
        raw = "+" + raw
    return parse_phone(raw)
