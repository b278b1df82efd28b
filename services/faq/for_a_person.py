"""KESCO's own business that no topic answers: its contacts, not a refusal (round 9, issue 20).

A new connection, a contract moved to one's name, a debt paid in instalments, a reading to
dispute, a reconnection after a cut for debt, a discount or a social tariff, selling solar power,
a certificate of no debt, the price of a kWh, the opening hours of an office: the sources give
no answer, but these are KESCO's matters, not "clearly out of scope" (issue 20), and the one
who asks is sent to the people who can help: the ``contact`` topic (the call centre and the
e-mail, with "talk to a person"). Only when the engine would otherwise refuse (a topic staff
added for the matter is found first), when the power, the bill or KESCO is named or the matter
is the power's by its very word (a connection, a meter reading, a kWh), and when no other
company, place or thing for sale is.
"""

from __future__ import annotations

from collections.abc import Sequence

from services.faq import scope

# Matters of KESCO's that need a person, by the stems of their words.
_MATTERS = (
    *("kontrat", "contract", "ugovor", "installment", "instalment", "keste", "kestet", "kesti"),
    *("dispute", "reklamac", "ankes", "zalb", "discount", "zbritj", "popust", "subvenc"),
    *("social", "socijal", "pension", "penzion", "solar", "vertetim", "potvrd", "certificat"),
    *("uverenj", "tarif", "cmim", "qmim", "price", "cena", "cijen", "kosht", "kushto", "orar"),
    *("opening", "radno", "sportel", "salter", "poslovnic", "office", "zyr", "reconnect"),
    *("raskin", "proveri", "provjeri", "provere", "kontroll", "kontrol", "pogresno", "gabim"),
)
# Matters that are the power's by their very word: a connection, a reading, a kWh.
_OWN_MATTERS = (
    *("kycj", "kyqj", "kyc", "kyq", "prikljuc", "connection", "lexim", "ocitan", "ocitav"),
    *("reading", "kilovat", "kwh"),
)
# The power, the bill, the meter or KESCO named.
_OURS = (
    *("rrym", "struj", "energ", "elektr", "electric", "power", "kesco", "fatur", "racun"),
    *("bill", "meter", "njehsor", "sahat", "brojil", "borxh", "dug", "debt", "drita", "dritat"),
)
# "Na rate" (in instalments): the whole word only.
_WHOLE_WORDS = frozenset({"rate"})
# Things for sale, cars, private craftsmen and talk about prices in general: not KESCO's.
_NOT_OURS = (
    *("ngroh", "heater", "grejal", "klima", "shitje", "sale", "buy", "ble", "kupi", "tema"),
    *("vetur", "makin", "car", "auto", "kola", "tesla", "elektricist", "electrician"),
    *("majstor", "instalater", "privat"),
)
# A debt paid in instalments: "me këste", "installments", "otplata" (and "na rate", above).
_INSTALMENTS = ("installment", "instalment", "keste", "kestet", "kesti", "otplat")


def in_instalments(words: Sequence[str], lang: str) -> bool:
    """A debt or a bill paid in instalments ("me këste", "na rate"): not how to pay, but a
    matter for a person."""
    on_credit = "rate" in words and "na" in words  # "na rate"
    return on_credit or any(word.startswith(_INSTALMENTS) for word in words)


def ours_for_a_person(words: Sequence[str], lang: str) -> bool:
    """Whether the message asks about a matter of KESCO's that only a person can settle."""
    if scope.elsewhere(words, lang) or any(word.startswith(_NOT_OURS) for word in words):
        return False
    own = any(word.startswith(_OWN_MATTERS) for word in words)
    matter = own or any(word.startswith(_MATTERS) or word in _WHOLE_WORDS for word in words)
    return matter and (own or any(word.startswith(_OURS) for word in words))
