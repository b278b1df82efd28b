"""Classes of words the matcher reads as one: vague words of time and place, district codes,
towns of Kosovo, relatives and other companies, in the three languages (folded).
"""

from __future__ import annotations

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


def is_town(word: str) -> bool:
    """A town of Kosovo, in any of its usual endings (``prizrenit``, ``prizrenu``)."""
    return any(word.startswith(town) and len(word) - len(town) <= _TOWN_ENDING for town in _TOWNS)


def is_kin(word: str, lang: str) -> bool:
    """A relative (mother, brother, parents...) in ``lang``, in any of its usual endings."""
    return word in _KIN.get(lang, ())


def is_district(word: str) -> bool:
    """A district code alone (``dpe``) or starting a customer code (``dpr100001``)."""
    return word[:3] in DISTRICTS and (len(word) == 3 or word[3:].isdigit())


# Other companies (telephone, internet, water): "Ipko's number" is not KESCO's contacts.
_OTHER_COMPANIES = ("ipk", "telekom", "kujtes", "artmotion", "yettel", "telenor", "vodafon")
_OTHER_COMPANY_WORDS = frozenset({"vala", "vales", "valen", "vale", "valu", "mts", "zmobile"})


def is_other_company(word: str) -> bool:
    """Another company's name (Ipko, Vala, Telekom...) in any ending."""
    return word.startswith(_OTHER_COMPANIES) or word in _OTHER_COMPANY_WORDS


# Other online services whose accounts are not eKesco's (social networks, messengers, banks):
# "si të regjistrohem në Facebook", "aplikacioni i bankës nuk më lejon të kyçem". The stores
# where eKesco lives (Google Play, App Store) and e-mail providers (the reset link comes to
# Gmail) are not among them.
_OTHER_SERVICES = frozenset(
    {
        *("facebook", "facebookut", "fejsbuk", "fejsbukut", "fb", "instagram", "instagramit"),
        *("whatsapp", "whatsappi", "whatsappit", "viber", "viberit", "viberi", "viberu"),
        *("tiktok", "twitter", "snapchat", "skype", "netflix", "paypal", "linkedin"),
        *("ebanking", "raiffeisen", "procredit", "teb", "bkt", "nlb", "bpb", "isbank"),
        *("фејсбук", "инстаграм", "вибер"),
    }
)
# Banks in any ending: "bankës", "bankare", "banka", "banke", "bank" (not "bankomat").
_BANK = ("bank", "banc")


def is_other_service(word: str) -> bool:
    """An online service or a bank other than eKesco (Facebook, Viber, "banka", "bankës")."""
    return word in _OTHER_SERVICES or (word.startswith(_BANK) and not word.startswith("bankom"))


# Abroad: other countries and "foreign" (a phone number or an identity card from abroad),
# in the usual endings; the names of languages ("gjermanisht", "anglisht", "engleski") are not.
_ABROAD_STEMS = (
    *("gjermani", "zvicer", "zvicr", "austri", "itali", "franc", "suedi", "angli", "britani"),
    *("amerik", "shqiperi", "maqedoni", "turqi", "belgjik", "holand", "norvegji", "serbi"),
    *("germany", "switzerland", "austria", "italy", "france", "sweden", "england", "britain"),
    *("america", "albania", "macedonia", "serbia", "turkey"),
    *("nemack", "svajcarsk", "austrij", "italij", "francusk", "svedsk", "amerik", "albanij"),
    *("makedonij", "srbij", "turcsk"),
)
_ABROAD_WORDS = frozenset(
    {
        *("huaj", "huej", "foreign", "abroad", "usa", "uk"),
        *("strani", "stranog", "stranim", "stranom", "inostranstva", "inostranstvo"),
        *("inostrani", "inostranog", "inostranim", "inostranom"),
    }
)
# Adjectives that name a language rather than a country ("gjermanisht", "nemački", "na nemačkom").
_LANGUAGE_ENDINGS = ("isht", "ki", "kom", "kog", "ian", "ish")


def is_abroad(word: str) -> bool:
    """A country other than Kosovo, or "foreign"/"abroad" ("gjermanisë", "Zvicrës", "strani")."""
    if word in _ABROAD_WORDS:
        return True
    return any(
        word.startswith(stem) and len(word) - len(stem) <= 3 for stem in _ABROAD_STEMS
    ) and not word.endswith(_LANGUAGE_ENDINGS)
