"""Messages made of courtesy alone: a greeting, thanks, praise or a goodbye (round 4 of issue 20).

Small talk is a closed set of formulae (:mod:`services.faq.formulae`). A message whose every
word is a formula or a word that goes with one ("how are you *today*", ``qysh je sot``,
"hahaha you're a very helpful bot", ``shum i mirë je``, ``hvala puno, pozdrav``) is small talk,
whatever the readers score: the readers weigh the few words they know against the out-of-scope
list's chit-chat ("how is your day"), and a greeting with a word of time was refused. Praise of
the bot ("good bot", ``odličan si``, ``je zjarr``) is thanked for. A message with any other word
("thanks, but it still does not work", "hi, where is my code") is left to the readers.
The words are folded (lower case, Serbian Cyrillic as Latin, no diacritics).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from services.faq import formulae

# Words that go with a formula and say nothing of their own: time, emphasis, address, particles.
_FILLERS = frozenset(
    {
        *("a", "an", "the", "very", "so", "really", "too", "much", "lot", "lots", "today"),
        *("there", "again", "all", "guys", "everyone", "sir", "madam", "dear"),
        *("friend", "mate", "buddy", "bro", "ok", "okay", "k", "oh", "well", "and", "have"),
        *("day", "it", "its", "is", "doing", "going", "for", "your", "the", "help", "everything"),
        *("sot", "sonte", "shume", "shum", "sa", "kaq", "i", "e", "te", "o", "ore", "or", "bre"),
        *("vlla", "vella", "shok", "shoku", "zoteri", "zonje", "po", "okej", "per", "gjithcka"),
        *("ndihmen", "ndihme", "ndihmn", "nga", "zemer", "m", "u", "me", "ma", "mu", "dhe"),
        *("danas", "puno", "mnogo", "bas", "brate", "druze", "sve", "za", "pomoc"),
        *("pomoci", "ovo", "to", "je", "jako", "stvarno", "vrlo", "dan", "noc", "nocu", "i"),
        *("dobro", "lepo", "svima", "vam", "vama", "tebi", "ti", "vi", "svaka", "are", "am"),
        *("duart", "dorat", "that", "this", "was", "mi", "si", "mnogo"),
    }
)
_YOU = frozenset(
    {
        *("you", "youre", "ur", "u", "bot", "robot", "je", "jeni", "ti", "ju", "juve", "si"),
        *("ste", "vi", "bote", "boti", "botin"),
    }
)
_PRAISE = (
    "helpful",
    "great",
    "awesome",
    "amazing",
    "best",
    "smart",
    "fast",
    "quick",
    "cool",
    "perfect",
    "excellent",
    "brilliant",
    "wonderful",
    "super",
    "bravo",
    "genius",
    "legend",
    "good",
    "nice",
    "mrekull",
    "shpejt",
    "zjarr",
    "zgjuar",
    "fantastik",
    "perfekt",
    "shkelqy",
    "mire",
    "mir",
    "pergjigj",
    "shpjeg",
    "explain",
    "objasn",
    "odlic",
    "sjajan",
    "sjajn",
    "brz",
    "paamet",
    "pamet",
    "najbolj",
    "genij",
    "kralj",
    "dobar",
    "carina",
    "car",
)
# Words of a goodbye that also greet ("tung", "ćao", "pozdrav"): a greeting when alone.
_BOTH = frozenset({"tung", "cao", "ciao", "pozdrav", "pozdravi", "alo", "hej"})
# Words that part and nothing else; the other words of parting ("mirë", "nice", "dita") part
# only when nothing greets ("qysh je, mirë je?" greets).
_PARTING = (
    "have",
    "mirupafshim",
    "pafshim",
    "shihemi",
    "naten",
    "kalofsh",
    "pacim",
    "bye",
    "goodbye",
    "night",
    "cya",
    "farewell",
    "dovidjenja",
    "dovidenja",
    "zbogom",
    "laku",
    "prijatno",
    "vidimo",
)
# "How are you" in every language; not "šta radiš" (*what are you doing*, chit-chat), nor "a je"
# nor "si po" (the start of many questions), which the readers weigh.
_HOW_ARE_YOU = frozenset(
    {
        *(("si", "je"), ("si", "jeni"), ("si", "jini"), ("qysh", "je"), ("qysh", "jeni")),
        *(("kako", "si"), ("kako", "ste"), ("how", "are"), ("hows", "it"), ("whats", "up")),
        *(("sta", "ima"), ("si", "ia"), ("po", "kaloni"), ("po", "kalon"), ("si", "kaloni")),
        *(("qysh", "kaloni"), ("si", "kalon"), ("po", "shkon"), ("how", "going")),
        # "a je mirë?" (are you well?) asks how one is; "shum i mirë je" praises (round 5).
        *(("je", "mire"), ("jeni", "mire"), ("je", "mir"), ("jeni", "mir"), ("jesi", "dobro")),
    }
)
_LAUGHTER = re.compile(r"^(?:(?:a?h+[aeiu]+)+h?|(?:x+d+)|(?:l+o+l+)|(?:j+a+)+|(?:h+m+))$")


def small_talk_only(words: Sequence[str]) -> str | None:
    """The small-talk id of a message made of courtesy alone, else ``None``."""
    if not words:
        return None
    thanks = praise = goodbye = greeting = you = False
    if formulae.asks_what_you_are(words, "") and not any(
        formulae.is_thanks(word) or word.startswith(_PRAISE) for word in words
    ):
        return None  # "a je robot?" asks what the bot is ("hej bot" greets)
    in_pairs = {
        at
        for index, pair in enumerate(zip(words, words[1:], strict=False))
        if pair in _HOW_ARE_YOU
        for at in (index, index + 1)
    }
    greeting = bool(in_pairs)
    for index, word in enumerate(words):
        kind = index in in_pairs
        if formulae.is_thanks(word):
            thanks = kind = True
        if word in _BOTH:
            kind = True
        elif word in formulae.GREETING_WORDS:
            greeting = kind = True
        elif formulae.is_goodbye(word):
            goodbye = kind = True
        if word.startswith(_PRAISE):
            praise = kind = True
        if word in _YOU:
            you = kind = True
        if not (kind or word in _FILLERS or _LAUGHTER.match(word)):
            return None
    parting = any(word.startswith(_PARTING) for word in words)
    if thanks or (praise and you and not greeting):
        return "intent:thanks"
    if parting or (goodbye and not greeting):
        return "intent:goodbye"
    if greeting or any(word in _BOTH for word in words):
        return "intent:greeting"
    return None
