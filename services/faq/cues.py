"""Cues of *how* a message is put, shared by the three languages.

Markers become one shared feature each (``n:<name>``) whatever the language: a negation (a
problem is reported) and "your" (KESCO's own number or e-mail rather than the customer's).

Sentence cues decide between neighbours that share their words (``REREAD`` in the engine):
"your" without "my" asks for KESCO's contacts; "link"/"add" links a code; a failure word
makes a payment a failed one; "how much" asks for the bill; a bank or fee asks which banks;
"paid" is a paid bill still shown. Cues of the situation (the power, a danger, works, a
person, notices) are in :mod:`services.faq.situations`; classes of words the matcher reads as
one (towns, districts, relatives) in :mod:`services.faq.wordclasses`.
"""

from __future__ import annotations

from collections.abc import Sequence

from services.faq.albanian import root
from services.faq.wordclasses import is_district, is_other_company

_MARKERS = {
    "negation": "nuk ska sna sme smund sun spo skam skemi skom sbon sbo spunon skalon smunem skena "
    "nema nije nisam nisu nece necu nemam nemamo not no cant cannot dont doesnt didnt wont isnt "
    "never ne",
    "yours": "your yours juaj tuaj jush tju keni vas vam vasa vase vaseg vasem vasi vasu imate "
    "ur yr jote tvoj tvoja tvoje tvog tvom",
}
MARKERS = {name: frozenset(words.split()) for name, words in _MARKERS.items()}
_NEGATION_NOT_SERBIAN = MARKERS["negation"] - {"ne"}
_MINE = frozenset(
    {
        *("my", "mine", "im", "ime", "imi", "tim", "time", "tem", "jem", "jeme"),
        *("moj", "moja", "moje", "mog", "mojoj", "mojim", "moju", "mojeg", "mojem"),
    }
)
_LINKING = frozenset(
    {
        *("lidh", "lidhe", "lidhni", "lidhja", "lidhim", "lidhi", "lidhur", "lidhet", "lidhesh"),
        *("shto", "shtoj", "shtoni", "shtoje", "shtojme", "shtohet", "shtuar", "shtu", "shtue"),
        *("link", "linking", "connect", "add", "adding", "attach"),
        *("povezi", "povezati", "povezivanje", "povezem", "povezemo", "povezete", "poveze"),
        *("dodaj", "dodati", "dodajte", "dodam", "dodamo", "spoji", "spojim", "prikaci"),
    }
)
# Albanian and Serbian words of linking, in any ending ("shtimi", "lidhjen", "povežem").
_LINKING_STEMS = ("lidh", "shto", "shtim", "shtua", "povez", "doda", "spoj", "prikac")
_FAILURE = frozenset(
    {
        *("gabim", "gabimi", "error", "deshton", "deshtoi", "deshtim", "refuzohet", "problem"),
        *("fail", "fails", "failed", "failing", "declined", "rejected", "problemi"),
        *("greska", "greske", "gresku", "odbijena", "odbija", "neuspesna", "neuspesno"),
        *("unable", "refused", "refuses", "failure", "refuzoi", "refuzon", "skaloi", "skalon"),
        *("sfunksionon", "spranon", "spranohet", "odbijen", "odbio", "odbila"),
    }
)
# Roots of Albanian failure words (albanian.root): dështon, dështoi, dështim; refuzohet,
# refuzohen, refuzuar; gabim, gabime; problemi; s'kalon; s'funksionon; s'pranohet.
_FAILURE_ROOTS = frozenset({"desht", "refuz", "gab", "problem", "error", "skal", "sfunksion"})
_FAILURE_ROOTS |= {"spran"}
_AMOUNT = frozenset(
    {"sa", "shuma", "shumen", "how", "much", "amount", "owe", "koliko", "koliki", "kolika", "iznos"}
)
_TO_PAY = frozenset(
    {
        *("paguaj", "paguj", "pagu", "paguar", "paguajme", "pay", "paying"),
        *("platim", "platiti", "plati", "platimo", "uplatim", "uplatiti", "platio"),
        *("placa", "placam", "placanje", "placanja"),
    }
)
# Said after paying: "pagova", "paid", "platio", or the perfect "kam/kom paguar/pagu" (but
# "kam me pagu", *I have to pay*, is still to pay).
_PAID = frozenset(
    {
        *("pagova", "pagove", "paguam", "paguat", "paguan", "paid", "payed"),
        *("platio", "platila", "platili", "platih", "uplatio", "uplatila", "uplatili", "uplatih"),
        *("placeno", "placen", "placena", "uplaceno", "uplacen", "uplacena"),
        # Paid by a transfer: "wired the money", "transferova", "prebacio pare".
        *("wired", "transferred", "transfered", "transferova", "transferuam", "transferuar"),
        *("prebacio", "prebacila", "prebacili", "prebacih", "settled"),
    }
)
_HAVE = frozenset({"kam", "kom", "kemi", "kena", "keni", "ka", "kane", "kan"})
# "është paguar", "u pagua" (has been, was paid): the passive says it as well.
_BEEN = frozenset({"eshte", "osht", "asht", "ishte", "u", "jane"})
# "fatura e paguar" (the paid bill), "after paying".
_PAID_PAIRS = frozenset({("e", "paguar"), ("i", "paguar"), ("after", "paying"), ("after", "paid")})
_PAID_PARTICIPLE = frozenset({"paguar", "pagu", "pague", "paguajtur"})
_KESCO = ("kesc", "ekesc")
_CHANGING: tuple[str, ...] = (
    "nderr",
    "ndrr",
    "ndrysh",
    "perdites",
    "change",
    "update",
    "edit",
    "promen",
    "izmen",
    "azur",
)
# "new" ("i ri", "novi broj") as a word of its own.
_NEW = frozenset({"ri", "re", "new", "novi", "novu", "nova", "novo", "nove", "novim"})
# Prices and tariffs (there is no topic for them): "how much is a kWh", "cmimi i rrymes".
_PRICES = ("kwh", "kilovat", "kilowat", "tarif", "cmim", "qmim", "price", "cena", "cene", "cijen")
# A text message: "kodin me sms" is a code sent by SMS, not the customer code.
_SMS = frozenset(
    {"sms", "smsi", "smsin", "smsja", "mesazh", "mesazhi", "mesazhin", "text", "poruka"}
)
_WHERE = frozenset({"ku", "where", "wheres", "gde", "gdje", "nearest", "najblize", "afert"})
# "banaka" is the Serbian genitive plural ("preko kojih banaka", round 6).
_BANKING = (
    *("bank", "banak", "banc", "provizi", "komisi", "commission", "fee"),
    *("raiffeisen", "procredit"),
)
_BANK_NAMES = frozenset({"teb", "bkt", "nlb", "bpb", "isbank", "ziraat"})
_ATM = ("bankom",)
_CARDS = frozenset(
    {"card", "cards", "kartele", "kartel", "kartela", "karte", "kartica", "karticom", "karticu"}
)
_PAYING = (
    "pag",
    "pay",
    "paid",
    "unpaid",
    "papagu",
    "plat",
    "plac",
    "uplat",
    "uplac",
    "transa",
    "transk",
)
_CODE_WORDS = ("kod", "shif", "sifr", "code", "custom", "klient", "konsumat", "kupc", "potros")


def markers(words: Sequence[str], content: Sequence[str]) -> list[str]:
    """Names of the markers in a message: ``words`` are all its words, ``content`` the words
    left after stopwords (Albanian "ne", *in*, is a stopword; Serbian "ne", *not*, is not)."""
    found = [
        name
        for name, marker_words in MARKERS.items()
        if name != "yours" and not marker_words.isdisjoint(content if name == "negation" else words)
    ]
    if about_yours_at_all(words):
        found.append("yours")
    return found


# Courtesy formulae whose "you" is no "your": "molim vas", "hvala vam", "unapred vam hvala",
# "ju lutem", "ju faleminderit", "thank you".
_COURTESY_BEFORE_YOU = ("molim", "moli", "hval", "zahvalj", "unapred", "pozdrav", "thank")
_COURTESY_AFTER_YOU = ("lutem", "falem", "faleminderit", "flm", "hval", "zahvalj")


def _courtesy(words: Sequence[str], index: int) -> bool:
    """Whether the "you" at ``index`` belongs to a courtesy formula."""
    before = words[index - 1] if index > 0 else ""
    after = words[index + 1] if index + 1 < len(words) else ""
    return (
        bool(before)
        and before.startswith(_COURTESY_BEFORE_YOU)
        or (bool(after) and after.startswith(_COURTESY_AFTER_YOU))
    )


def _polite_you(words: Sequence[str]) -> bool:
    """Albanian "ju" (you), except in "ju lutem" (please), "ju faleminderit"."""
    return any(word == "ju" and not _courtesy(words, index) for index, word in enumerate(words))


def about_yours(words: Sequence[str], lang: str) -> bool:
    """Whether the message is about KESCO's own things ("your number") and not the customer's."""
    return about_yours_at_all(words) and _MINE.isdisjoint(words)


def about_mine(words: Sequence[str], lang: str) -> bool:
    """Whether the message is about the customer's own things ("my number") and not KESCO's."""
    return not _MINE.isdisjoint(words) and not about_yours_at_all(words)


def about_yours_at_all(words: Sequence[str]) -> bool:
    """Whether the message says "your" in any language (not in "molim vas", "hvala vam")."""
    return any(
        word in MARKERS["yours"] and not _courtesy(words, index) for index, word in enumerate(words)
    ) or _polite_you(words)


def links(words: Sequence[str], lang: str) -> bool:
    """Whether the message asks to link, add or connect something (a code, a meter)."""
    return not _LINKING.isdisjoint(words) or any(word.startswith(_LINKING_STEMS) for word in words)


def names_code(words: Sequence[str], lang: str) -> bool:
    """Whether the message names a customer code ("kodi", "shifra", "šifra", "code", "DPR")."""
    return any(word.startswith(_CODE_WORDS) or is_district(word) for word in words)


def shows_code(words: Sequence[str], lang: str) -> bool:
    """Whether the message gives a customer code (``DPZ 318442``, ``DGJ123456``, ``DPR 123
    456``) or a long number: the customer has the code and asks about something else."""
    for index, word in enumerate(words):
        if is_district(word) and len(word) > 3:
            return True
        following = words[index + 1] if index + 1 < len(words) else ""
        if is_district(word) and following.isdigit() and len(following) >= 3:
            return True
        if word.isdigit() and len(word) >= 6:
            return True
    return False


def yours_without_code(words: Sequence[str], lang: str) -> bool:
    """ "You" (KESCO) and no customer code: "ku mundem me ju gjet" looks for KESCO itself."""
    return about_yours(words, lang) and not names_code(words, lang)


def code_without_linking(words: Sequence[str], lang: str) -> bool:
    """A customer code named with no word of linking: a question about the code."""
    return names_code(words, lang) and not links(words, lang)


def neither_code_nor_linking(words: Sequence[str], lang: str) -> bool:
    """Neither a customer code nor a word of linking: nothing to link."""
    return not names_code(words, lang) and not links(words, lang)


_LINK_NOUNS = frozenset({"link", "linku", "linkun", "linkin", "linka", "linkom"})


def payment_link(words: Sequence[str], lang: str) -> bool:
    """A link to pay ("send me the link to pay", "pošalji link da platim"): a link, a word of
    paying and no code, meter or account to link."""
    return (
        not _LINK_NOUNS.isdisjoint(words)
        and any(word.startswith(_PAYING) for word in words)
        and not names_code(words, lang)
    )


def reports_problem(words: Sequence[str], lang: str) -> bool:
    """Whether the message says something fails: a negation or a word such as "error" (in
    Albanian in any ending: "refuzohen", "dështuar", "gabimet"). Albanian "ne" (in, we) is
    not the Serbian "ne" (not)."""
    negation = MARKERS["negation"] if lang == "sr" else _NEGATION_NOT_SERBIAN
    if not (_FAILURE.isdisjoint(words) and negation.isdisjoint(words)):
        return True
    return lang == "sq" and any(root(word) in _FAILURE_ROOTS for word in words)


def no_problem(words: Sequence[str], lang: str) -> bool:
    """The opposite of :func:`reports_problem`."""
    return not reports_problem(words, lang)


def no_paying(words: Sequence[str], lang: str) -> bool:
    """Whether the message says nothing about paying (no "paid", "pagova", "platio", "wired
    the money"...)."""
    return not any(word.startswith(_PAYING) for word in words) and not already_paid(words, lang)


def wants_to_pay(words: Sequence[str], lang: str) -> bool:
    """Whether the message says "pay" (not "paid") and does not ask how much."""
    return not _TO_PAY.isdisjoint(words) and not asks_amount(words, lang)


def about_banks(words: Sequence[str], lang: str) -> bool:
    """Whether the message names a bank, a bank fee or a commission (a bank *card* is not
    about banks: "kartele bankare", "bankovna kartica", "bank card"; nor is an ATM)."""
    padded = ["", *words, ""]
    return any(
        (word.startswith(_BANKING) and not word.startswith(_ATM) or word in _BANK_NAMES)
        and padded[index] not in _CARDS
        and padded[index + 2] not in _CARDS
        for index, word in enumerate(words)
    )


def asks_amount(words: Sequence[str], lang: str) -> bool:
    """Whether the message asks how much ("sa", "koliko", "how much", "amount")."""
    present = set(words)
    if lang == "en":
        return "amount" in present or "owe" in present or {"how", "much"} <= present
    return not _AMOUNT.isdisjoint(present)


def already_paid(words: Sequence[str], lang: str) -> bool:
    """Whether the message says the bill was paid ("pagova", "e kom pagu", "paid", "platio")."""
    if not _PAID.isdisjoint(words):
        return True
    return any(
        (first in _HAVE | _BEEN and second in _PAID_PARTICIPLE)
        or (first == "u" and second.startswith("pagu"))
        or (first, second) in _PAID_PAIRS
        for first, second in zip(words, words[1:], strict=False)
    )


def to_pay(words: Sequence[str], lang: str) -> bool:
    """Whether the message speaks of paying still to be done ("me pagu", "pay", "platim")."""
    return not _TO_PAY.isdisjoint(words) and not already_paid(words, lang)


def names_other_company(words: Sequence[str], lang: str) -> bool:
    """Whether the message names another company (Ipko, Vala, Telekom...) and not KESCO."""
    return any(is_other_company(word) for word in words) and not any(
        word.startswith(_KESCO) for word in words
    )


def _changing(words: Sequence[str]) -> bool:
    """A word of changing or of something new ("ndryshoj", "update", "novi", "i ri")."""
    return any(word.startswith(_CHANGING) or word in _NEW for word in words)


def about_kesco(words: Sequence[str], lang: str) -> bool:
    """KESCO named ("kesco's e-mail", "broj kesca"; not the app eKesco), with no "my" and no
    word of changing: KESCO's contacts rather than an update of one's own."""
    return (
        any(word.startswith("kesc") for word in words)
        and _MINE.isdisjoint(words)
        and not _changing(words)
    )


def other_company_unchanged(words: Sequence[str], lang: str) -> bool:
    """Another company named with no word of changing: its contacts, not an update of ours."""
    return names_other_company(words, lang) and not _changing(words)


def where_is_a_bank(words: Sequence[str], lang: str) -> bool:
    """Where a bank is (a branch, an ATM), with no word of paying."""
    return (
        about_banks(words, lang)
        and not _WHERE.isdisjoint(words)
        and not any(word.startswith(_PAYING) for word in words)
    )


def about_prices(words: Sequence[str], lang: str) -> bool:
    """Whether the message asks about prices or tariffs (kWh, "çmimi", "cena"), not a bill:
    "my bill" or "fatura ime" named beside the prices is the bill ("the prices are shocking,
    why is my bill so high")."""
    return any(word.startswith(_PRICES) for word in words) and not _my_bill(words)


_BILLS = ("bill", "fatur", "racun")


def _my_bill(words: Sequence[str]) -> bool:
    """The customer's own bill named ("my bill", "faturen time", "moj račun", "sa e kam
    faturën")."""
    return any(word.startswith(_BILLS) for word in words) and (
        not _MINE.isdisjoint(words) or not _HAVE.isdisjoint(words)
    )


def no_paying_nor_card(words: Sequence[str], lang: str) -> bool:
    """Nothing of paying in the message: no "pay", "pagesa", "plaćanje", no card."""
    return no_paying(words, lang) and _CARDS.isdisjoint(words)


def changes_own(words: Sequence[str], lang: str) -> bool:
    """A word of changing ("ndryshoj", "change", "promeni") and no "your": one's own data."""
    return _changing(words) and not about_yours_at_all(words)


def code_by_sms(words: Sequence[str], lang: str) -> bool:
    """A code named together with an SMS or a message: the SMS code, not the customer code."""
    return not _SMS.isdisjoint(words)


_REGISTERING = ("regjistr", "regist", "registr", "sign")


def pays_without_registering(words: Sequence[str], lang: str) -> bool:
    """A word of paying and none of registering: "aplikacioni nuk e pranon pagesën" is a
    payment that fails, not an error in registration."""
    return not no_paying(words, lang) and not any(word.startswith(_REGISTERING) for word in words)


# "Reduktime" (rotating cuts when power is short): the cuts now and today, the outages.
_REDUCTIONS = ("redukt", "redukc", "редукц")
_WORKS = (
    *("punim", "planifik", "radov", "planiran", "works", "maintenance", "remont", "orar"),
    *("raspored", "schedule", "timetable", "jave", "nesr", "neser", "sutra", "tomorrow", "next"),
)


def about_reductions(words: Sequence[str], lang: str) -> bool:
    """Rotating cuts ("reduktimet", "redukcije") with no works named: the outages and the
    timetable of rotating cuts (``/outages``), not the planned works."""
    return any(word.startswith(_REDUCTIONS) for word in words) and not any(
        word.startswith(_WORKS) for word in words
    )


# A bill said to be too high: "so high", "double", "more than usual", "kaq e madhe", "dyfish",
# "duplo veći", "toliki", "a shock", "e kripur" (salty: dear).
_TOO_HIGH = (
    *("high", "double", "tripl", "huge", "expensive", "insane", "crazy", "shock", "massive"),
    *("lart", "nalt", "madh", "dyfish", "trefish", "fryr", "rritur", "shtrenjt", "kripur", "kaq"),
    *("shok", "visok", "veci", "veca", "vece", "velik", "dupl", "skup", "naduv", "povec", "tolik"),
    *("papren", "sokir", "basnoslov", "pika", "zjarr"),
)


# Asking to see the bill or what one owes ("show me", "what I owe", "sa e kam saktë",
# "koliko tačno dugujem"): the bill itself, however high.
_SEE_WHAT_I_OWE = frozenset(
    {
        *("show", "see", "owe", "trego", "tregoni", "tregom", "mtrego", "sakt", "sakte"),
        *("dugujem", "dugujemo", "platim", "placam", "pokazi", "prikazi", "tacno", "vidim"),
        "pogledam",
    }
)


# Words that compare two amounts: "usually", "than", "never more than", "preko", "nego".
_COMPARING = frozenset(
    {
        *("usually", "normally", "than", "never", "over", "zakonisht", "normalisht", "kurre"),
        *("se", "kurr", "inace", "obicno", "nego", "preko", "nikad", "nikada", "od", "umesto"),
    }
)


# Bills of other services: a phone, the internet, cable TV ("fatura e telefonit mobil").
_OTHER_BILLS = (
    *("telefon", "phone", "mobil", "internet", "kabllor", "kablovsk", "mts", "vala", "ipko"),
    *("telekom", "artmotion", "kujtesa"),
)


def _compares_amounts(words: Sequence[str]) -> bool:
    """Two amounts and a word comparing them: "120 euro, kurrë s'kam pas ma shumë se 50",
    "došlo 90 a nikad nije bio preko 40"."""
    return sum(word.isdigit() for word in words) >= 2 and not _COMPARING.isdisjoint(words)


def bill_too_high(words: Sequence[str], lang: str) -> bool:
    """A bill named and said to be too high, in words or by two amounts compared: the
    question why (``intent:bill-high``), not what the bill is; asking to see it or what one
    owes is the bill."""
    return (
        any(word.startswith(_BILLS) for word in words)
        and (any(word.startswith(_TOO_HIGH) for word in words) or _compares_amounts(words))
        and _SEE_WHAT_I_OWE.isdisjoint(words)
        and not any(word.startswith(_OTHER_BILLS) for word in words)
        and not {"how", "much"} <= set(words)
        and not {"sa", "kam"} <= set(words)
    )
