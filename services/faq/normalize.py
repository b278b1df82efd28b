"""Text folding shared by matching and language detection.

Every script and spelling a customer may use is reduced to lower-case ASCII: Serbian
Cyrillic is transliterated to Latin, ``đ`` becomes ``dj``, and diacritics are dropped
(``ë``->``e``, ``ç``->``c``, ``č``/``ć``->``c``, ``š``->``s``, ``ž``->``z``). A few
spellings are then made one: ``еКеско``/``ekesko`` -> ``ekesco``, ``e-mail`` -> ``email``.

Albanian as written in chats (Gheg, no ë) is brought to the standard form word by word by
:func:`standard_albanian`: the short participle ``pagu``/``pague``/``pagume`` is ``paguar``,
``ndrru`` is ``nderruar``; :func:`standard_albanian_words` also reads a word with the one
before it (the Gheg infinitive ``me e pa`` is *to see*) and splits ``s'un`` (*can't*).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from locales.serbian_script import cyrillic_to_latin

_SPECIAL = str.maketrans({"đ": "dj", "ß": "ss", "’": "", "'": "", "`": "", "´": ""})
_STARS = re.compile(r"\*+")
# Albanian elisions n' (në), m' (më), t' (të) stand for a word of their own: "n'shpi" is
# "në shpi". Other apostrophes join ("s'ka" -> "ska", "don't" -> "dont").
_ELISION = re.compile(r"\b([nmt])['’`´]")
# The English possessive and "is" ("power's out", "KESCO's e-mail", "what's") are the word alone.
_POSSESSIVE = re.compile(r"(?<=[a-z])['’]s\b")
_TOKEN = re.compile(r"[a-z0-9]+")
# A case ending written after a hyphen ("KESCO-s", "eKesco-n", "SMS-ja", "IPKO-s", "SMS-om")
# belongs to the word: "eKesco-s" is "ekesco", not "ekesco" and a stray "s".
_HYPHEN_ENDING = re.compile(r"(?<=[a-z0-9]{2})-(?:s|n|se|ne|ja|je|it|ve|ut|un|a|om|u|e|i)\b")
# A letter written three times or more is one ("hellooo", "faleminderittt", "shumeee").
_ELONGATED = re.compile(r"([a-z])\1{2,}")
_SPELLINGS = (
    (re.compile(r"kesko"), "kesco"),
    (re.compile(r"\be[ -]?mail"), "email"),
    # "falem nderit", "faleminderit" written in two words, is one.
    (re.compile(r"\bfale?m ne?derit"), "faleminderit"),
)


def fold(text: str) -> str:
    """Lower-case ASCII form of ``text`` (any script, with or without diacritics)."""
    latin = _POSSESSIVE.sub("", cyrillic_to_latin(text.lower()))
    latin = _ELISION.sub(r"\1 ", latin).translate(_SPECIAL)
    latin = _STARS.sub(" xstarsx ", latin)
    decomposed = unicodedata.normalize("NFKD", latin)
    folded = "".join(char for char in decomposed if not unicodedata.combining(char))
    folded = _ELONGATED.sub(r"\1", folded)
    for pattern, spelling in _SPELLINGS:
        folded = pattern.sub(spelling, folded)
    return _HYPHEN_ENDING.sub("", folded)


def tokens(text: str) -> list[str]:
    """Words of ``text`` after folding (``s'ka`` -> ``ska``, ``n'shpi`` -> ``n shpi``)."""
    return _TOKEN.findall(fold(text))


# Gheg participles: "me pagu", "e kom pague" are "paguar" ("harru", "shkru", "regjistru",
# "perditesu"...). Short words ending in -u are not participles ("ku", "ju", "tu", "mu").
_GHEG_PARTICIPLE = re.compile(r"^(\w{2,}[^aeiou])(ue?|ume|uem)$")
# "ndrru"/"ndrroj" (ë dropped between consonants) is "nderruar"/"nderroj".
_GHEG_NDRR = re.compile(r"^(n|m)(d|b)rr")
# "fjalkalim" (ë dropped in the compound) is "fjalekalim"; so "dshton" (fails) is "deshton" and
# "kshill" (advice) "keshill" (round 4).
_FJALKALIM = re.compile(r"^fjalkal")
_E_DROPPED = re.compile(r"^(d|k)sh(?=t[oi]|ill)")


# Gheg and chat spellings of everyday words ("ksaj muji" is "kesaj muaji", "shpi" is
# "shtepi", "hala" is "ende", "kqyr" is "shiko").
_GHEG_WORDS = {
    **{"ksaj": "kesaj", "kto": "keto", "kta": "keta", "hala": "ende", "veq": "vetem"},
    **{"muj": "muaj", "muji": "muaji", "mujin": "muajin", "mujit": "muajit", "jav": "jave"},
    **{"shpi": "shtepi", "shpia": "shtepia", "shpija": "shtepia", "shpin": "shtepine"},
    **{"shpis": "shtepise", "shpise": "shtepise", "nana": "nena", "nanes": "nenes"},
    **{"nanen": "nenen", "kqyr": "shiko", "kqyre": "shiko", "her": "here", "gjat": "gjate"},
    **{"prap": "prape", "drit": "drite", "rrym": "rryme", "fatur": "fature", "kartel": "kartele"},
    **{"ndonji": "ndonje", "ardh": "ardhur", "ik": "ikur", "hy": "hyj", "hyn": "hyj", "ra": "rene"},
    # Gheg "n" for standard "r" between vowels: "e zuni rryma" is "e zuri rryma".
    **{"zuni": "zuri", "zune": "zene", "zuna": "zura"},
    # Chat forms of "kryej" (to carry out) and of its participle "kryer": "e kom kry pagesen".
    **{"kryj": "kryej", "kry": "kryer", "krye": "kryer", "kryme": "kryer", "kryem": "kryer"},
    # Kosovo words for the same things: "korenti" (the power), "sahati" (the meter), "direku"
    # (the pole), "avaria" (a fault), "celulari" (the phone), "qo" (send), "logohem" (log in).
    **{"korent": "rryme", "korenti": "rryma", "korentin": "rrymen", "korentit": "rrymes"},
    **{"sahat": "njehsor", "sahati": "njehsori", "sahatin": "njehsorin", "sahatit": "njehsorit"},
    **{"direk": "shtylle", "direku": "shtylla", "direkun": "shtyllen", "direkut": "shtylles"},
    **{"avari": "defekt", "avaria": "defekti", "celular": "telefon", "celulari": "telefoni"},
    **{"celularit": "telefonit", "celularin": "telefonin", "qo": "dergo", "qoni": "dergoni"},
    **{"qoje": "dergoje", "logohem": "kycem", "logu": "kycur", "logohu": "kycu", "login": "kycje"},
}
# "q" written for "ç" ("kyqem", "qmimi"): the words of logging in and of prices.
_Q_FOR_C = re.compile(r"^(kyq|qmim)")


@lru_cache(maxsize=1 << 16)
def standard_albanian(word: str) -> str:
    """The standard spelling of one folded Albanian word written in Gheg or in chat style."""
    if word in _GHEG_WORDS:
        return _GHEG_WORDS[word]
    word = _Q_FOR_C.sub(lambda match: match.group(1).replace("q", "c"), word)
    word = _FJALKALIM.sub("fjalekal", _GHEG_NDRR.sub(r"\1\2err", word))
    word = _E_DROPPED.sub(r"\1esh", word)
    return _GHEG_PARTICIPLE.sub(r"\1uar", word)


# Negations written as one word in chats ("s'del", "s'po", "s'un"): "nuk" and the word, so that
# "fatura sdel", "sma hap" and "sun e kryj" read as "nuk del", "nuk ma hap", "nuk mund e kryj".
# "s'ka", "s'kam", "s'kemi", "s'kom", "s'po" and "s'na", words the knowledge base has as they
# are, stay one word.
_NEGATED = {"sun": "mund", "smun": "mund", "smunem": "mundem", "smunesh": "mund"}
_NEGATABLE = frozenset(
    {
        *("m", "me", "ma", "mi", "jam", "jemi", "jena", "osht", "asht", "eshte", "jane", "jan"),
        *("del", "dal", "vjen", "vjon", "hap", "hapet", "hapen", "kalon", "punon", "bon", "bo"),
        *("ban", "shkon", "pranon", "pranohet", "lejon", "len", "di", "dij", "funksionon"),
        *("paguj", "paguaj", "hyj", "hy", "mund", "mundem", "munem", "mberrin", "mbrrin"),
        *("shihet", "shoh", "arrin", "merr", "marr", "gjej", "gjen", "kycem", "kyqem", "lidhet"),
    }
)
# Gheg infinitive "me (e) pa" (to see) and "me (i) pas" (to have), after "me" and a clitic
# pronoun: "dua me e pa faturen" is "dua ta shoh faturen" (not "pa", *without*; nor "pas",
# *after*).
_GHEG_INFINITIVE = {"pa": "shoh", "pas": "kam"}
_CLITICS = frozenset({"e", "i", "a", "ia", "ja", "t", "ta", "m", "ma", "na", "ju", "u"})
# Kosovo words in any ending: "sahatat" (the meters), "kabelli" (the cable).
_PREFIXES = (("sahat", "njehsor"), ("kabell", "kabll"), ("kabel", "kabll"))


def standard_albanian_words(words: Sequence[str]) -> list[str]:
    """The standard spelling of folded Albanian words, each read with the word before it
    (Gheg infinitives) and one-word negations split ("s'un" -> "nuk mund")."""
    out: list[str] = []
    infinitive = False
    for word in words:
        if word in _NEGATED:
            out += ["nuk", _NEGATED[word]]
        elif word[:1] == "s" and word[1:] in _NEGATABLE:
            out += ["nuk", standard_albanian(word[1:])]
        elif infinitive and word in _GHEG_INFINITIVE:
            out.append(_GHEG_INFINITIVE[word])
        else:
            for prefix, standard in _PREFIXES:
                if word.startswith(prefix) and word not in _GHEG_WORDS:
                    word = standard + word[len(prefix) :]
            out.append(standard_albanian(word))
        infinitive = word == "me" or (infinitive and word in _CLITICS)
    return out
