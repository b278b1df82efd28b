"""The formulae of small talk and the names of languages (round 2 of issue 20).

Greetings, thanks and goodbyes are closed sets of formulae: a message is one of them only when
it says one ("hello", ``tung``, ``si jeni``, ``hvala``, "see you"), whatever the readers score
(``jeni turp``, *shame on you*, shares a word with ``si jeni``, *how are you*, and is no
greeting). A wish to change the language names a language or the word "language" ("the capital
of Albania" does not). The re-reading rules (``REREAD`` in the engine) drop these ids otherwise.
The words are folded (lower case, Serbian Cyrillic as Latin, no diacritics).
"""

from __future__ import annotations

from collections.abc import Sequence

_GREETING_WORDS = frozenset(
    {
        *("pershendetje", "pershendes", "pershendetja", "tung", "tungjatjeta", "ckemi", "qkemi"),
        *("mirmengjes", "miremengjes", "mirdita", "miredita", "mirembrema", "mbremje", "hej"),
        *("mbrema",),
        *("alo", "selam", "selamalejkum", "hello", "hi", "hiya", "hey", "morning", "afternoon"),
        *("evening", "greetings", "yo", "sup", "howdy", "zdravo", "pozdrav", "pozdravi", "cao"),
        *("ciao", "pomaze", "ej", "halo", "dobar", "dobro", "dobrodosli", "zdravo", "merhaba"),
    }
)
_GREETING_PAIRS = frozenset(
    {
        *(("si", "je"), ("si", "jeni"), ("si", "jini"), ("qysh", "je"), ("qysh", "jeni")),
        *(("si", "ia"), ("si", "po"), ("a", "je"), ("kako", "si"), ("kako", "ste")),
        *(("how", "are"), ("hows", "it"), ("how", "is"), ("whats", "up"), ("sta", "ima")),
        *(("good", "day"), ("sta", "radis")),
    }
)
_THANKS = (
    "faleminderit",
    "falemnderit",
    "flm",
    "rrofsh",
    "rrofshi",
    "lumte",
    "lumsh",
    "falenderoj",
    "falemenderit",
    "bravo",
    "mersi",
    "merci",
    "thank",
    "thx",
    "ty",
    "appreciat",
    "cheers",
    "hvala",
    "zahvaljuj",
    "fala",
    "cast",
    "tnx",
    "faliminderit",
)
_GOODBYE = (
    "mirupafshim",
    "pafshim",
    "shihemi",
    "shnet",
    "naten",
    "kalofsh",
    "mbare",
    "pacim",
    "ciao",
    "cao",
    "bye",
    "goodbye",
    "see",
    "night",
    "nice",
    "care",
    "cya",
    "later",
    "farewell",
    "dovidjenja",
    "dovidenja",
    "zbogom",
    "laku",
    "prijatno",
    "vidimo",
    "pozdrav",
    "ajd",
    "tung",
    "dita",
    "dite",
    "mire",
)
_LANGUAGES = (
    "english",
    "anglisht",
    "albanian",
    "shqip",
    "serbian",
    "serbisht",
    "srpsk",
    "albansk",
    "englesk",
    "language",
    "gjuh",
    "jezik",
    "cirilic",
    "latinic",
    "cyrillic",
    "latin",
    "serbe",
    "anglez",
    "engl",
)


GREETING_WORDS = _GREETING_WORDS
GREETING_PAIRS = _GREETING_PAIRS
# "ty" thanks in English chat and is "you" in Albanian ("po ty?"): not a word of thanks alone.
_THANKS_ALONE = tuple(prefix for prefix in _THANKS if prefix != "ty")


def is_thanks(word: str) -> bool:
    """Whether ``word`` thanks ("faleminderit", "flm", "thanks", "hvala"); "ty" does not."""
    if word.startswith("falas"):  # free of charge
        return False
    return word.startswith(_THANKS_ALONE) or word in ("tysm", "tyvm")


def is_goodbye(word: str) -> bool:
    """Whether ``word`` is one of parting ("bye", ``mirupafshim``, ``doviđenja``, "night")."""
    return word.startswith(_GOODBYE)


def not_a_greeting(words: Sequence[str], lang: str) -> bool:
    """No greeting formula: no "hello", ``tung``, ``zdravo``, nor "how are you" in any form."""
    if not _GREETING_WORDS.isdisjoint(words):
        return False
    return not any(pair in _GREETING_PAIRS for pair in zip(words, words[1:], strict=False))


def no_thanks(words: Sequence[str], lang: str) -> bool:
    """No word of thanks ("thanks", ``faleminderit``, ``flm``, ``hvala``)."""
    return not any(word.startswith(_THANKS) for word in words)


def no_goodbye(words: Sequence[str], lang: str) -> bool:
    """No word of parting ("bye", ``mirupafshim``, ``doviđenja``, "see you", "good night")."""
    return not any(word.startswith(_GOODBYE) for word in words)


def no_language(words: Sequence[str], lang: str) -> bool:
    """No language named, nor the word "language" (``gjuha``, ``jezik``)."""
    return not any(word.startswith(_LANGUAGES) for word in words)


# "Are you a robot?", "jesi ti pravi čovek ili program?", "a je njeri apo makinë?": a question
# about what the bot is, not a wish to talk to a person (round 3).
_YOU_ARE = frozenset({"you", "ti", "jesi", "jeste", "si", "je", "jeni", "ste", "this", "ovo"})
_BEINGS = (
    "robot",
    "bot",
    "program",
    "masin",
    "makin",
    "automat",
    "vestack",
    "artificial",
    "machine",
    "computer",
    "kompjuter",
)
BEINGS = _BEINGS
_PERSONS = frozenset(
    {"human", "person", "real", "njeri", "njeriu", "covek", "coveka", "pravi", "ziv", "vertete"}
)
_WANTS_A_PERSON = (
    "talk",
    "speak",
    "flas",
    "fol",
    "razgovar",
    "pric",
    "operat",
    "agent",
    "want",
    "dua",
    "hoc",
    "zel",
    "connect",
    "lidh",
    "povez",
    "call",
    "thirr",
    "pozov",
)


def asks_what_you_are(words: Sequence[str], lang: str) -> bool:
    """A question whether the bot is a person or a program, with no wish to talk to one."""
    if _YOU_ARE.isdisjoint(words) or any(word.startswith(_WANTS_A_PERSON) for word in words):
        return False
    being = any(word.startswith(_BEINGS) for word in words)
    return being and not _PERSONS.isdisjoint(words) or being and len(words) <= 6


# "Is anyone there?" with a greeting ("Mirëdita, a ka dikush aty?", "zdravo, ima li nekog",
# "hi, anyone here?") greets: it asks for no person in particular (round 3).
_ANYONE = frozenset({"dikush", "kush", "anyone", "anybody", "someone", "neko", "nekog", "nekoga"})
_THERE = frozenset({"aty", "ketu", "there", "here", "tu", "ovde", "ovdje", "tamo", "ka", "ima"})


def anyone_there_greeting(words: Sequence[str], lang: str) -> bool:
    """A greeting formula and "is anyone there", with no wish to talk to a person."""
    if not_a_greeting(words, lang) or _ANYONE.isdisjoint(words) or _THERE.isdisjoint(words):
        return False
    return not any(word.startswith(_WANTS_A_PERSON) for word in words)


# "What can you do (for me)?", "çfarë mund të bëni për mua?", "šta možeš da uradiš?": a question
# about what the bot does, not a wish for a person (round 4). "What can I do" is not: a "you"
# is said or is in the verb.
_WHAT = frozenset({"what", "whats", "cfare", "qka", "cka", "ca", "sta", "shta", "sto", "cfar"})
_CAN = frozenset(
    {
        *("can", "could", "mund", "mundeni", "mundesh", "mundni", "mundsh", "din", "dini"),
        *("dinni", "mozes", "mozete", "moze", "znas", "znate", "umes", "umete"),
    }
)
_YOU_DO = frozenset(
    {
        *("you", "u", "mundeni", "mundesh", "mundni", "mundsh", "din", "dini", "dinni", "ti"),
        *("ju", "vi", "mozes", "mozete", "znas", "znate", "umes", "umete", "beni", "bosh"),
        *("radis", "radite", "uradis", "uradite"),
    }
)
_DO = ("do", "help", "offer", "bej", "beni", "bo", "bone", "ndihm", "uradi", "radi", "pomog", "ofr")


def asks_what_you_do(words: Sequence[str], lang: str) -> bool:
    """A question what the bot can do, with a "you" ("what can you do for me", ``çfarë mund
    të bëni``, ``šta možeš da uradiš``); not "what do you think", nor "what can I do"."""
    return (
        not _WHAT.isdisjoint(words)
        and not _CAN.isdisjoint(words)
        and not _YOU_DO.isdisjoint(words)
        and any(word.startswith(_DO) for word in words)
        and not any(word.startswith(_WANTS_A_PERSON) for word in words)
    )


# Thanks, and then "but" or "still" ("faleminderit, po prap nuk kam rrymë", "hvala, ali račun
# još nije stigao", "thanks for nothing, still no power"): the message goes on to a problem,
# and the thanks are courtesy (round 4).
_BUT = frozenset(
    {
        *("but", "however", "still", "again", "yet", "por", "porse", "mirepo", "megjithate"),
        *("ama", "prap", "prape", "ende", "hala", "akoma", "ali", "medjutim", "jos", "opet"),
    }
)


def thanks_but(words: Sequence[str], lang: str) -> bool:
    """Thanks said, then "but" or "still" and more words: not thanks."""
    return any(is_thanks(word) for word in words) and not _BUT.isdisjoint(words) and len(words) > 3
