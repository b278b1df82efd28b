"""Cues of *how* a message is put, shared by the three languages.

Markers become one shared feature each (``n:<name>``) whatever the language: a negation (a
problem is reported) and "your" (KESCO's own number or e-mail rather than the customer's).
District codes (``DPR``, ``DGJ``…, alone or starting a customer code) are one word.

Sentence cues decide between neighbours that share their words (``REREAD`` in the engine):
a question (when, why, how long, is there) asks about outages rather than reporting one;
"your" without "my" asks for KESCO's contacts; "link"/"add" links a code; a failure word
makes a payment a failed one; "how much" asks for the bill; a bank or fee asks which banks.
"""

from __future__ import annotations

from collections.abc import Sequence

from services.faq.albanian import root

_MARKERS = {
    "negation": "nuk ska sna sme smund sun spo skam skemi skom sbon sbo spunon skalon smunem skena "
    "nema nije nisam nisu nece necu nemam nemamo not no cant cannot dont doesnt didnt wont isnt "
    "never ne",
    "yours": "your yours juaj tuaj jush tju keni vas vam vasa vase vaseg vasem vasi vasu imate",
}
MARKERS = {name: frozenset(words.split()) for name, words in _MARKERS.items()}
_NEGATION_NOT_SERBIAN = MARKERS["negation"] - {"ne"}
# Everyday words that say when or where but alone say nothing about a topic ("si je sot",
# "will it be sunny tomorrow", "how old is Kosovo"): they weigh less than other words.
VAGUE = frozenset(
    {
        *("sot", "sonte", "neser", "pasneser", "dje", "tani", "tash", "tashti", "naten", "dite"),
        *("today", "tonight", "tomorrow", "yesterday", "now", "night", "day", "see", "old"),
        *("danas", "veceras", "sutra", "prekosutra", "juce", "sada", "sad", "noc", "nocu", "dan"),
        *("kosovo", "kosova", "kosoves", "kosovu", "kosove"),
    }
)
DISTRICTS = frozenset({"dpr", "dmi", "dpe", "dpz", "dfe", "dgl", "dgj"})
# Towns of Kosovo in Albanian and Serbian (folded), each followed by at most three letters of
# an ending ("prizren", "prizrenit", "prizrenu"; "peje", "pejes"; "peci"). To the matcher a
# town is one word: "is there an outage in Gjilan" is the same question in every town.
_TOWNS = (
    *("prisht", "pristin", "prizren", "pej", "pec", "gjakov", "djakov", "mitrovic", "ferizaj"),
    *("urosevc", "gjilan", "gnjilan", "gracanic", "graqanic", "shterpc", "strpc", "podujev"),
    *("vushtrr", "vucitrn", "lipjan", "kamenic", "decan", "deqan", "istog", "malishev"),
    *("rahovec", "orahovc", "suharek", "dragash", "kacanik", "shtime", "skenderaj", "drenas"),
    *("glogovc", "obiliq", "obilic", "zvecan", "leposavic", "zubin"),
)
_TOWN_ENDING = 3
# Relatives whose meter a customer adds or asks about ("shifra e vellait", "my mother's meter",
# "brojilo moje majke"): one word to the matcher, per language.
_KIN_WORDS = {
    "sq": "nena nene nenes nenen nana nane nanes nanen baba babai babait babes babain vella "
    "vellai vellait vellaut vellezerve motra motres motren motrave gjyshi gjyshit gjyshja "
    "gjyshes gjyshe prinderit prinderve prinder prindi prindit djali djalit vajza vajzes "
    "burri burrit gruaja gruas",
    "en": "mother mothers mom moms mum mums father fathers dad dads parent parents brother "
    "brothers sister sisters grandma grandmas grandpa grandparents son sons daughter "
    "daughters husband husbands wife wifes",
    "sr": "majka majke majci majku majkom mama mame mami mamu otac oca ocu tata tate brat brata "
    "bratu sestra sestre sestri sestru roditelji roditelja roditeljima roditelje baka bake "
    "baki baku deda dede sin sina sinu cerka cerke cerki cerku muz muza muzu zena zene zeni "
    "zenu supruga suprug supruge",
}
_KIN = {lang: frozenset(words.split()) for lang, words in _KIN_WORDS.items()}
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
    }
)
# Said after paying: "pagova", "paid", "platio", or the perfect "kam/kom paguar/pagu" (but
# "kam me pagu", *I have to pay*, is still to pay).
_PAID = frozenset(
    {
        *("pagova", "pagove", "paguam", "paguat", "paguan", "paid", "payed"),
        *("platio", "platila", "platili", "platih", "uplatio", "uplatila", "uplatili", "uplatih"),
        *("placeno", "placen", "placena", "uplaceno", "uplacen", "uplacena"),
    }
)
_HAVE = frozenset({"kam", "kom", "kemi", "kena", "keni", "ka", "kane", "kan"})
# "fatura e paguar" (the paid bill), "after paying".
_PAID_PAIRS = frozenset({("e", "paguar"), ("i", "paguar"), ("after", "paying"), ("after", "paid")})
_PAID_PARTICIPLE = frozenset({"paguar", "pagu", "pague", "paguajtur"})
# Other companies (telephone, internet, water): "Ipko's number" is not KESCO's contacts.
_OTHER_COMPANIES = ("ipk", "telekom", "kujtes", "artmotion", "yettel", "telenor", "vodafon")
_OTHER_COMPANY_WORDS = frozenset({"vala", "vales", "valen", "vale", "valu", "mts", "zmobile"})
_KESCO = ("kesc", "ekesc")
_CHANGING = ("nderr", "ndrr", "ndrysh", "perdites", "change", "update", "edit", "promen")
_CHANGING += ("izmen", "azur")
# "new" ("i ri", "novi broj") as a word of its own.
_NEW = frozenset({"ri", "re", "new", "novi", "novu", "nova", "novo", "nove", "novim"})
# Prices and tariffs (there is no topic for them): "how much is a kWh", "cmimi i rrymes".
_PRICES = ("kwh", "kilovat", "kilowat", "tarif", "cmim", "qmim", "price", "cena", "cene", "cijen")
# Works on the network ("punimet", "radovi", "maintenance"): planned works, not an outage.
_WORKS = ("punim", "punime", "mirembajt", "reduktim", "radov", "radovi", "odrzavan", "maintenan")
# A text message: "kodin me sms" is a code sent by SMS, not the customer code.
_SMS = frozenset(
    {"sms", "smsi", "smsin", "smsja", "mesazh", "mesazhi", "mesazhin", "text", "poruka"}
)
_WHERE = frozenset({"ku", "where", "wheres", "gde", "gdje", "nearest", "najblize", "afert"})
_BANKING = ("bank", "banc", "provizi", "komisi", "commission", "fee", "raiffeisen", "procredit")
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


def markers(words: Sequence[str], content: Sequence[str]) -> list[str]:
    """Names of the markers in a message: ``words`` are all its words, ``content`` the words
    left after stopwords (Albanian "ne", *in*, is a stopword; Serbian "ne", *not*, is not)."""
    found = [
        name
        for name, marker_words in MARKERS.items()
        if not marker_words.isdisjoint(content if name == "negation" else words)
    ]
    if "yours" not in found and _polite_you(words):
        found.append("yours")
    return found


def is_town(word: str) -> bool:
    """A town of Kosovo, in any of its usual endings (``prizrenit``, ``prizrenu``)."""
    return any(word.startswith(town) and len(word) - len(town) <= _TOWN_ENDING for town in _TOWNS)


def is_kin(word: str, lang: str) -> bool:
    """A relative (mother, brother, parents...) in ``lang``, in any of its usual endings."""
    return word in _KIN.get(lang, ())


def is_district(word: str) -> bool:
    """A district code alone (``dpe``) or starting a customer code (``dpr100001``)."""
    return word[:3] in DISTRICTS and (len(word) == 3 or word[3:].isdigit())


def asks(words: Sequence[str], lang: str) -> bool:
    """Whether a message (its ``words``, in ``lang``) is a question rather than a statement."""
    if not words:
        return False
    if words[0] in _QUESTION_OPENINGS.get(lang, ()) or (lang == "sr" and "li" in words):
        return True
    return not _QUESTION_WORDS.isdisjoint(words)


def _polite_you(words: Sequence[str]) -> bool:
    """Albanian "ju" (you), except in "ju lutem" (please)."""
    return any(
        word == "ju" and (index + 1 == len(words) or words[index + 1] != "lutem")
        for index, word in enumerate(words)
    )


def about_yours(words: Sequence[str], lang: str) -> bool:
    """Whether the message is about KESCO's own things ("your number") and not the customer's."""
    return about_yours_at_all(words) and _MINE.isdisjoint(words)


def about_mine(words: Sequence[str], lang: str) -> bool:
    """Whether the message is about the customer's own things ("my number") and not KESCO's."""
    return not _MINE.isdisjoint(words) and not about_yours_at_all(words)


def about_yours_at_all(words: Sequence[str]) -> bool:
    """Whether the message says "your" in any language."""
    return not MARKERS["yours"].isdisjoint(words) or _polite_you(words)


def links(words: Sequence[str], lang: str) -> bool:
    """Whether the message asks to link, add or connect something (a code, a meter)."""
    return not _LINKING.isdisjoint(words) or any(word.startswith(_LINKING_STEMS) for word in words)


def names_code(words: Sequence[str], lang: str) -> bool:
    """Whether the message names a customer code ("kodi", "shifra", "šifra", "code", "DPR")."""
    return any(word.startswith(_CODE_WORDS) or is_district(word) for word in words)


def yours_without_code(words: Sequence[str], lang: str) -> bool:
    """ "You" (KESCO) and no customer code: "ku mundem me ju gjet" looks for KESCO itself."""
    return about_yours(words, lang) and not names_code(words, lang)


def code_without_linking(words: Sequence[str], lang: str) -> bool:
    """A customer code named with no word of linking: a question about the code."""
    return names_code(words, lang) and not links(words, lang)


def neither_code_nor_linking(words: Sequence[str], lang: str) -> bool:
    """Neither a customer code nor a word of linking: nothing to link."""
    return not names_code(words, lang) and not links(words, lang)


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
    """Whether the message says nothing about paying (no "paid", "pagova", "platio"...)."""
    return not any(word.startswith(_PAYING) for word in words)


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
    words = set(words)
    if lang == "en":
        return "amount" in words or "owe" in words or {"how", "much"} <= words
    return not _AMOUNT.isdisjoint(words)


def already_paid(words: Sequence[str], lang: str) -> bool:
    """Whether the message says the bill was paid ("pagova", "e kom pagu", "paid", "platio")."""
    if not _PAID.isdisjoint(words):
        return True
    return any(
        (first in _HAVE and second in _PAID_PARTICIPLE) or (first, second) in _PAID_PAIRS
        for first, second in zip(words, words[1:], strict=False)
    )


def to_pay(words: Sequence[str], lang: str) -> bool:
    """Whether the message speaks of paying still to be done ("me pagu", "pay", "platim")."""
    return not _TO_PAY.isdisjoint(words) and not already_paid(words, lang)


def is_other_company(word: str) -> bool:
    """Another company's name (Ipko, Vala, Telekom...) in any ending."""
    return word.startswith(_OTHER_COMPANIES) or word in _OTHER_COMPANY_WORDS


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
    """Whether the message asks about prices or tariffs (kWh, "çmimi", "cena"), not a bill."""
    return any(word.startswith(_PRICES) for word in words)


def about_works(words: Sequence[str], lang: str) -> bool:
    """Whether the message speaks of works or maintenance on the network."""
    return any(word.startswith(_WORKS) for word in words)


def no_paying_nor_card(words: Sequence[str], lang: str) -> bool:
    """Nothing of paying in the message: no "pay", "pagesa", "plaćanje", no card."""
    return no_paying(words, lang) and _CARDS.isdisjoint(words)


def changes_own(words: Sequence[str], lang: str) -> bool:
    """A word of changing ("ndryshoj", "change", "promeni") and no "your": one's own data."""
    return _changing(words) and not about_yours_at_all(words)


def code_by_sms(words: Sequence[str], lang: str) -> bool:
    """A code named together with an SMS or a message: the SMS code, not the customer code."""
    return not _SMS.isdisjoint(words)


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
_NOTIFYING = ("njoft", "lajmero", "notif", "alert", "obavest", "obavijest")
# Someone else ("dikush", "dikush tjetër", "someone else", "neko drugi").
_SOMEONE = frozenset({"dikush", "dikujt", "dike", "someone", "somebody", "neko", "nekog", "nekim"})
_REGISTERING = ("regjistr", "regist", "registr")


def wants_notices(words: Sequence[str], lang: str) -> bool:
    """Whether the message asks for (or about) notifications: "dua njoftime", "notify me"."""
    return any(word.startswith(_NOTIFYING) for word in words)


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
