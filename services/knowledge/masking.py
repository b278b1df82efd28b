"""Masking what identifies a customer in a message kept for staff: customer codes (``DPR123456``,
``dpr 123-456``), e-mail addresses, phone numbers (``+383 44 123 456``, ``044123456``,
``044/123-456``), amounts of money (``42.50``, ``42,50 €``, ``35 euro``) and any other number of
four digits or more (a personal number, a meter number). Each becomes a word in brackets:
``[code]``, ``[email]``, ``[phone]``, ``[amount]``, ``[number]``; the rest of the text stays."""

from __future__ import annotations

import re

from services.customer_codes import DISTRICTS

_DISTRICTS = "|".join(sorted(DISTRICTS))
_CODE = re.compile(rf"(?i)\b(?:{_DISTRICTS})[\s\-_./]*\d[\d\s\-_./]{{3,14}}\d\b")
_EMAIL = re.compile(r"(?i)\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_PHONE = re.compile(r"(?<![\w.,])(?:\+|00)?\d{2,4}(?:[\s\-/.]?\d{2,4}){2,4}(?![\w.,]*\d)")
_AMOUNT = re.compile(
    r"(?i)(?:[€$]\s*\d+(?:[.,]\d{1,2})?|\b\d+(?:[.,]\d{1,2})?\s*(?:€|eur\w*|euro\w*|evra|evro\w*|"
    r"евра|евро\w*|cent\w*|centi|cente)|\b\d+[.,]\d{2}\b)"
)
_NUMBER = re.compile(r"\d[\d\s\-/.]{2,}\d|\d{4,}")
_DIGITS = re.compile(r"\d")
MASKS = ("[code]", "[email]", "[phone]", "[amount]", "[number]")


def mask(text: str) -> str:
    """``text`` with customer codes, e-mails, phone numbers, amounts and long numbers masked."""
    text = _CODE.sub("[code]", text)
    text = _EMAIL.sub("[email]", text)
    text = _AMOUNT.sub("[amount]", text)
    text = _PHONE.sub(_phone, text)
    return _NUMBER.sub(_number, text)


def _phone(match: re.Match[str]) -> str:
    digits = len(_DIGITS.findall(match.group(0)))
    return "[phone]" if digits >= 8 else match.group(0)


def _number(match: re.Match[str]) -> str:
    digits = len(_DIGITS.findall(match.group(0)))
    return "[number]" if digits >= 4 else match.group(0)
