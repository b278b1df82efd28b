"""Cues that a message is out of the bot's scope although it shares words with what it answers
(round 2 of issue 20), used by the re-reading rules (``REREAD`` in the engine):

- an insult ("stupid bot", ``jeni hajna``, ``lopovi``) is not small talk: the bot does not
  greet back nor tell what it is, it refuses (and says what it can do);
- a request to translate or to write something ("translate this into English", ``përktheje``,
  ``prevedi``) is not a wish to change the chat's language, nor a greeting ("translate good
  morning");
- another thing to register or to log in to (a car, a driving licence, a passport) is not an
  eKesco account;
- another place's number (a taxi, a hospital, the police, the post office) is not KESCO's
  contacts.

The words are folded (lower case, Serbian Cyrillic as Latin, no diacritics).
"""

from __future__ import annotations

from collections.abc import Sequence

from services.faq import cues, phrasings, situations

_INSULT_PREFIXES = (
    "stupid",
    "idiot",
    "useless",
    "garbage",
    "rubbish",
    "dumb",
    "crook",
    "thie",
    "liar",
    "moron",
    "scam",
    "fraud",
    "trash",
    "budall",
    "hajn",
    "hajdut",
    "mashtrue",
    "rrenacak",
    "genjeshtar",
    "trash",
    "kot",
    "leshi",
    "plehr",
    "mut",
    "glup",
    "lopov",
    "lazov",
    "kreten",
    "debil",
    "beskorist",
    "smec",
    "prevarant",
    "bezvredn",
    "lopuz",
    "turp",
    "sramot",
    "pathetic",
    "disgrace",
)
_INSULT_WORDS = frozenset({"suck", "sucks", "fools", "fool", "thief", "shut", "umukni"})
_TRANSLATING = ("translat", "perkth", "preved", "prevod", "prevest")
_TRANSLATE = (
    "translat",
    "perkthe",
    "perkthim",
    "perkthej",
    "prevedi",
    "preved",
    "prevod",
    "prevest",
    "write",
    "shkruaj",
    "shkruje",
    "napisi",
    "napisati",
    "sastavi",
)
# Things to register or log in to that are not an eKesco account.
_OTHER_THINGS = (
    "vehicle",
    "automobil",
    "vozil",
    "vetur",
    "makin",
    "targa",
    "targat",
    "passport",
    "pasaport",
    "pasos",
    "licens",
    "licence",
    "vozack",
    "gmail",
    "yahoo",
    "hotmail",
    "outlook",
)
_OTHER_EXACT = frozenset({"car", "cars", "auto", "kola", "kolima"})
_OURS = (
    "ekesco",
    "kesco",
    "rrym",
    "struj",
    "electric",
    "njehsor",
    "brojil",
    "meter",
    "fatur",
    "shifr",
    "sifr",
    "kod",
    "code",
)


def insults(words: Sequence[str], lang: str) -> bool:
    """Whether the message calls the bot or KESCO names ("stupid bot", "lopovi jedni")."""
    return any(word.startswith(_INSULT_PREFIXES) or word in _INSULT_WORDS for word in words)


# Writing to order (round 4): an essay, a poem, homework ("më shkru ni ese", "napiši pesmu").
_WRITING = ("shkru", "write", "napis", "pisi", "pises")
_WRITINGS = (
    "ese",
    "essay",
    "esej",
    "hartim",
    "poem",
    "poezi",
    "pesm",
    "homework",
    "detyr",
    "domac",
    "zadac",
    "sastav",
    "story",
    "tregim",
    "song",
    "kenge",
    "lyric",
    "referat",
)


def asks_to_translate(words: Sequence[str], lang: str) -> bool:
    """Whether the message asks to translate or to write something for the customer (not the
    customer writing in a language: round 6)."""
    if phrasings.writes_in_a_language(words) and not any(
        word.startswith(_TRANSLATING) for word in words
    ):
        return False
    if any(word.startswith(_WRITING) for word in words) and any(
        word.startswith(_WRITINGS) for word in words
    ):
        return True
    return any(word.startswith(_TRANSLATE) for word in words) and not any(
        word.startswith(_OURS) for word in words
    )


def another_thing(words: Sequence[str], lang: str) -> bool:
    """Whether the message is about registering or logging in to something not ours (a car,
    a passport, a mailbox), with no word of KESCO, eKesco, the power, the meter or the bill."""
    named = any(word in _OTHER_EXACT or word.startswith(_OTHER_THINGS) for word in words)
    return named and not any(word.startswith(_OURS) for word in words)


_PLACES = (
    "taxi",
    "cab",
    "hospital",
    "clinic",
    "police",
    "ambulance",
    "firefight",
    "pharmac",
    "municipal",
    "school",
    "universit",
    "airport",
    "restaurant",
    "hotel",
    "embass",
    "plumber",
    "mechanic",
    "doctor",
    "dentist",
    "lawyer",
    "notar",
    "taksi",
    "spital",
    "klinik",
    "polic",
    "ambulanc",
    "zjarrfik",
    "farmaci",
    "barnator",
    "shkoll",
    "aeroport",
    "restorant",
    "ambasad",
    "hidraulik",
    "mekanik",
    "mjek",
    "doktor",
    "avokat",
    "noter",
    "bolnic",
    "policij",
    "vatrogas",
    "apotek",
    "opstin",
    "skol",
    "univerzitet",
    "aerodrom",
    "restoran",
    "vodoinstalater",
    "mehanicar",
    "lekar",
    "zubar",
    "advokat",
)
_PLACE_WORDS = frozenset(
    {"post", "posta", "postes", "posten", "poste", "postu", "postom", "komuna", "komunes"}
    | {"komunen"}
)


def another_place(words: Sequence[str], lang: str) -> bool:
    """Whether the message names another place or trade (a taxi, a hospital, the police, the
    post office, a plumber) and not KESCO: its number is not KESCO's contacts."""
    named = any(word.startswith(_PLACES) or word in _PLACE_WORDS for word in words)
    return named and not any(word.startswith(("kesco", "ekesco")) for word in words)


_LOANS = ("kredi", "kredit", "loan", "mortgage", "hipotek", "kamat", "interest", "lizing")


def about_loans(words: Sequence[str], lang: str) -> bool:
    """Whether the message is about a loan, a credit or interest: a bank's business."""
    return any(word.startswith(_LOANS) for word in words)


def elsewhere(words: Sequence[str], lang: str) -> bool:
    """Whether the message is about another place, company or service (a post office, a bank,
    Ipko, Facebook) and not KESCO: a topic staff wrote for KESCO is not its answer."""
    return (
        another_place(words, lang)
        or situations.another_service(words, lang)
        or cues.names_other_company(words, lang)
    )


SMALL_TALK = ("intent:greeting", "intent:thanks", "intent:goodbye", "intent:about")
