"""Cues of the situation a message describes, shared by the three languages: the power, a
danger, works on the network, a question about them, a person to talk to, notices.

Sentence cues decide between neighbours that share their words (``REREAD`` in the engine): a
question (when, why, how long, is there) asks about outages rather than reporting one; works
make an outage a planned work; a wire, a pole, sparks or smoke make it a danger; a person named
is asking for one; "notify me" is the alerts.
"""

from __future__ import annotations

from collections.abc import Sequence

from services.faq.cues import about_banks, already_paid, no_paying, reports_problem
from services.faq.wordclasses import is_abroad, is_other_service

# Works on the network ("punimet", "radovi", "maintenance"): planned works, not an outage.
_WORKS = ("punim", "punime", "mirembajt", "reduktim", "radov", "radovi", "odrzavan", "maintenan")


# Things that make a message a danger: wires, cables, poles, lines, transformers, meters and
# their boxes, sparks, fire, smoke, burning, shocks (the power itself is not one: "ka rënë
# rryma", "pala je struja" report no power; "ka rënë bora", "my phone fell on the street" are
# no danger at all).
_HAZARDS = (
    *("kabll", "shtyll", "trafo", "transformat", "njehsor", "sahat", "direk", "shkendi"),
    *("shkrep", "zjarr", "flak", "tym", "digj", "djeg", "dogj", "rrezik", "godit", "linj"),
    *("tension", "wire", "cable", "line", "pole", "meter", "spark", "fire", "smok", "burn"),
    *("shock", "electrocut", "danger", "explod", "zic", "kabl", "stub", "bander", "dalekovod"),
    *("brojil", "ormar", "varnic", "iskr", "pozar", "dim", "gori", "izgor", "zapal", "udar"),
    *("opasn", "plamen", "eksplod", "shperth", "kabel"),
)
_HAZARD_WORDS = frozenset(
    {"tel", "tela", "teli", "telat", "telit", "telin", "zuri", "zuni", "zune", "kapi"}
)
# The power itself, which a report of no power names ("ka rënë rryma", "nema struje", "my
# lights are out"); "ka rënë bora", "më ka rënë telefoni" report nothing.
_POWER = (
    *("rrym", "drit", "energj", "korent", "kurent", "elektr", "struj", "power", "electric"),
    *("light", "napon", "blackout", "outage", "svetl", "mrak", "dark", "nestal"),
)
_QUESTION_WORDS = frozenset(
    {
        *("kur", "kada", "kad", "when", "pse", "perse", "why", "zasto"),
        *("gjate", "zgjat", "zgjate", "long", "dugo", "until", "dokle", "deri"),
    }
)
_QUESTION_OPENINGS = {"sq": frozenset({"a"}), "en": frozenset({"is", "are", "any", "will", "has"})}


def asks(words: Sequence[str], lang: str) -> bool:
    """Whether a message (its ``words``, in ``lang``) is a question rather than a statement."""
    if not words:
        return False
    if words[0] in _QUESTION_OPENINGS.get(lang, ()) or (lang == "sr" and "li" in words):
        return True
    return not _QUESTION_WORDS.isdisjoint(words)


def about_works(words: Sequence[str], lang: str) -> bool:
    """Whether the message speaks of works or maintenance on the network."""
    return any(word.startswith(_WORKS) for word in words)


def no_hazard(words: Sequence[str], lang: str) -> bool:
    """Nothing dangerous named (no wire, cable, pole, meter, spark, fire, smoke, shock): a
    message that only says something fell in the street is no danger."""
    return _HAZARD_WORDS.isdisjoint(words) and not any(word.startswith(_HAZARDS) for word in words)


def no_power(words: Sequence[str], lang: str) -> bool:
    """The power (rrymë, drita, struja, power, lights...) is not named at all."""
    return not any(word.startswith(_POWER) for word in words)


# A person to talk to ("me lidh me dikon", "connect me with someone", "poveži me sa nekim").
_PERSONS = frozenset(
    {
        *("dikon", "dike", "diken", "dikush", "njeri", "person", "operator", "agjent"),
        *("punonjes", "someone", "somebody", "person", "operator", "agent", "human"),
        *("nekim", "nekog", "neko", "osobom", "osoba", "operaterom", "operater", "covekom"),
        *("sluzbenikom", "sluzbenik"),
    }
)
_CALLING = ("thirr", "telefon", "call", "ring", "phone", "pozov", "nazov", "zov")
# Asking to be called back: Albanian "më thirrni", "m'thirr", English "call me", Serbian
# "pozovite me" (but "qysh me ju thirr", *how to call you*, asks for the number).
_ME = frozenset({"m", "me"})
_IMPERATIVE_ENDINGS = ("ni", "meni", "nim")


def with_a_person(words: Sequence[str], lang: str) -> bool:
    """A person named (someone, an operator, "dikon", "nekim"): connecting to a person."""
    return not _PERSONS.isdisjoint(words)


def call_me(words: Sequence[str], lang: str) -> bool:
    """The customer asks to be called ("m'thirr", "më thirrni", "call me", "pozovite me")."""
    for first, second in zip(words, words[1:], strict=False):
        if first == "m" and second.startswith(_CALLING):
            return True
        if first == "me" and second.startswith(_CALLING) and second.endswith(_IMPERATIVE_ENDINGS):
            return True
        if first.startswith(_CALLING) and second == "me" and lang in ("en", "sr"):
            return True
        if first == "me" and second.startswith(("pozov", "nazov")) and lang == "sr":
            return True
    return False


# Asking to be notified ("njoftomë", "dua njoftime", "notify me", "obavesti me"): the alerts.
_NOTIFYING = (
    *("njoft", "lajmero", "lajmr", "notif", "alert", "obavest", "obavijest", "javlja", "javit"),
)
# Someone else ("dikush", "dikush tjetër", "someone else", "neko drugi").
_SOMEONE = frozenset({"dikush", "dikujt", "dike", "someone", "somebody", "neko", "nekog", "nekim"})
_REGISTERING = ("regjistr", "regist", "registr")


_WHETHER = frozenset({"li", "nese", "whether", "a"})


def wants_notices(words: Sequence[str], lang: str) -> bool:
    """Whether the message asks for (or about) notifications: "dua njoftime", "notify me";
    not "please inform me whether…" (``obavestite me da li``, ``më njoftoni nëse``): that is
    the question itself, politely put."""
    for index, word in enumerate(words):
        if word.startswith(_NOTIFYING):
            return not _WHETHER.intersection(words[index + 1 : index + 4])
    return False


_SENDING = (
    "send",
    "messag",
    "text",
    "tell",
    "dergo",
    "shkrua",
    "lajmer",
    "lajmro",
    "javi",
    "javlj",
    "posal",
    "poruk",
    "pis",
    "mesazh",
    "sms",
)
_EVERY_TIME = (
    ("whenever",),
    ("every", "time"),
    ("each", "time"),
    ("sa", "here"),
    ("sa", "her"),
    ("cdo", "here"),
    ("cdo", "her"),
    ("qdo", "her"),
    ("kurdo",),
    ("svaki", "put"),
    ("kad", "god"),
    ("cim",),
)


def asks_to_be_told(words: Sequence[str], lang: str) -> bool:
    """A wish to be told every time something happens ("send me a message whenever there is an
    outage", ``javite mi svaki put kad nestane struje``): the alerts, not the outage itself."""
    if not any(word.startswith(_SENDING) for word in words):
        return False
    return any(all(part in words for part in phrase) for phrase in _EVERY_TIME)


def someone_registered(words: Sequence[str], lang: str) -> bool:
    """Someone (else) registered with the code: the registration is blocked."""
    return not _SOMEONE.isdisjoint(words) and any(word.startswith(_REGISTERING) for word in words)


# What only a danger names (a meter or a transformer alone may just be out of order): wires,
# cables, poles, sparks, fire, smoke, burning, a shock.
_STRICT_HAZARDS = (
    *("kabll", "shtyll", "direk", "shkendi", "shkrep", "zjarr", "flak", "tym", "digj", "djeg"),
    *("dogj", "wire", "cable", "pole", "spark", "fire", "smok", "burn", "shock", "electrocut"),
    *("zic", "kabl", "kabel", "stub", "bander", "varnic", "iskr", "pozar", "gori", "zapal"),
)
# Serbian smoke ("dim", "dimi se"), not the Albanian winter ("dimër").
_STRICT_HAZARD_WORDS = frozenset(
    {"tel", "tela", "teli", "telat", "telit", "telin", "dim", "dima", "dimi", "dimom"}
)
# Planned works are named as works or plans, or asked about ahead of time.
_PLANNING = (*_WORKS, "planifik", "plan", "orar", "schedul", "raspored", "work")
_AHEAD = frozenset(
    {
        *("do", "neser", "pasneser", "javen", "tjeter", "will", "tomorrow", "next", "week"),
        *("sutra", "prekosutra", "ce", "sledece", "sledeceg", "sledecoj"),
    }
)


def names_danger(words: Sequence[str], lang: str) -> bool:
    """A wire, cable, pole, sparks, fire, smoke or a shock named: a danger comes first, even
    in a report of no power ("ka rënë kabllo e rrymës")."""
    return not _STRICT_HAZARD_WORDS.isdisjoint(words) or any(
        word.startswith(_STRICT_HAZARDS) for word in words
    )


def not_ahead(words: Sequence[str], lang: str) -> bool:
    """No works, no plan, nothing ahead (tomorrow, next week, "do të"), and no question: a
    cut the customer states ("më është ndalur rryma") is a report, not a planned work."""
    return (
        not any(word.startswith(_PLANNING) for word in words)
        and _AHEAD.isdisjoint(words)
        and not asks(words, lang)
    )


_KESCO = ("kesc", "ekesc")


def another_service(words: Sequence[str], lang: str) -> bool:
    """Another service's account (Facebook, Viber, a bank's app) named, and neither KESCO nor
    eKesco: logging in, registering or a password there is not eKesco's."""
    return any(is_other_service(word) for word in words) and not any(
        word.startswith(_KESCO) for word in words
    )


# The topics of an eKesco account, which another service's account is not.
ACCOUNT_TOPICS = (
    *("ekesco-login", "ekesco-password", "ekesco-register", "ekesco-register-blocked"),
    *("ekesco-register-error", "update-contact-data"),
)


# "Still", "but", "yet" after paying: the bill is still shown ("e kam paguar por ende del").
_STILL = frozenset(
    {
        *("ende", "hala", "akoma", "prap", "prape", "perseri", "por", "po", "ama", "mirepo"),
        *("still", "yet", "but", "again", "jos", "opet", "ali", "ipak", "dalje"),
    }
)


def paid_still_shown(words: Sequence[str], lang: str) -> bool:
    """Paid, and still (or but) something shown: the paid bill still shown, not the bill."""
    return already_paid(words, lang) and not _STILL.isdisjoint(words)


def registers_from_abroad(words: Sequence[str], lang: str) -> bool:
    """Registering with a number or an identity card from abroad ("numër i Zvicrës", "strani
    broj"): eKesco takes only Kosovo's, so this is the registration error, not how to register."""
    return any(is_abroad(word) for word in words) and any(
        word.startswith(_REGISTERING) for word in words
    )


# Opening ("kur hapet banka", "hap llogari bankare", "when does the bank open"), or a bank's
# hours: the bank's own business, not paying KESCO through it.
_OPENING = ("hap", "open", "otvar", "otvor", "orar", "hours")


def opens_a_bank(words: Sequence[str], lang: str) -> bool:
    """A bank opening (its hours, a new account there), with no word of paying."""
    return (
        about_banks(words, lang)
        and any(word.startswith(_OPENING) for word in words)
        and no_paying(words, lang)
    )


# Opening one's account: "s'më hapet llogaria", "nuk po hapet", "won't open", "ne otvara se".
_OPENS = ("hap", "open", "otvar", "otvor")


def cannot_open(words: Sequence[str], lang: str) -> bool:
    """The account (or app) does not open: getting in fails, no new account is asked for."""
    return any(word.startswith(_OPENS) for word in words) and reports_problem(words, lang)


# A telephone network ("operatori celular", "mobile operator", "mobilni operater"), or
# "another operator" with a new number ("kalova te një operator tjetër me numër të ri"): the
# customer's phone company, not a person to talk to ("më lidh me një operator tjetër" is one).
_OPERATOR = ("operator", "operater")
_NETWORK = frozenset(
    {
        *("celular", "celulare", "mobil", "mobile", "kosovar", "kosovare", "telefonik"),
        *("network", "mobilni", "mobilnog", "telefonski", "telefonskog"),
    }
)
_OTHER = frozenset({"tjeter", "other", "another", "drugi", "drugog", "drugom"})
_NUMBER = ("numer", "numr", "number", "broj", "sim")


def phone_operator(words: Sequence[str], lang: str) -> bool:
    """An operator of a telephone network, not a person to talk to."""
    numbered = any(word.startswith(_NUMBER) for word in words)
    for before, word, after in zip(["", *words], words, [*words[1:], ""], strict=False):
        if word.startswith(_OPERATOR):
            near = {before, after}
            if not _NETWORK.isdisjoint(near) or (numbered and not _OTHER.isdisjoint(near)):
                return True
    return False
