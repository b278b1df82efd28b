"""A light stemmer for Albanian as the matcher reads it (folded: no ``ë``, no ``ç``).

Albanian marks definiteness, case and number with endings (``fatura``, ``faturën``,
``faturës``, ``faturat``, ``faturave``: the bill), and its verbs and the nouns made from them
share a root (``paguaj``, ``pagova``, ``paguar``, ``paguhet``, ``pagesa``: to pay, paid,
payment; ``regjistrohem``, ``regjistruar``, ``regjistrimi``: to register, registration). A
question written with other endings than the knowledge base's phrases is the same question, so
the matcher also sees each Albanian word by its root: the longest known ending is dropped, as
long as ``MIN_ROOT`` letters remain. A few roots of the domain end like an ending
(``fatur-a``, ``telefon``, ``aplikacion``) and are kept whole.

It is deliberately light: no dictionary, one ending at most. It is not a linguist's stemmer;
it is what tells the matcher that ``njehsorin``, ``njehsorit`` and ``njehsorët`` are the same
meter and that ``pagesën`` is about paying.
"""

from __future__ import annotations

from functools import lru_cache

MIN_ROOT = 3

_ENDINGS = tuple(
    sorted(
        {
            # Case, number and definiteness of nouns and adjectives: fatur-a, -ën, -ës, -at,
            # -ave; llogar-ia, -inë, -isë; njehsor-i, -in, -it, -ët; lidh-ja, -jen.
            *("a", "e", "i", "u", "o", "in", "it", "un", "ut", "en", "es", "et", "at", "ve"),
            *("ave", "eve", "ine", "ise", "ja", "ia", "je", "jen", "jes", "jet", "jeve", "se"),
            # Verbs: present, aorist, participle, passive and reflexive (pag-uaj, -ova, -uar,
            # -uhet; regjistr-ohem, -ohet; ndrysh-oj, -on, -oni, -ojmë; fik-ur, hap-ur).
            *("oj", "on", "ojme", "ojne", "ojm", "ojn", "oni", "osh", "oi", "ova", "ove", "uam"),
            *("ohem", "ohet", "ohen", "ohesh", "ohemi", "oheni", "ohej", "uhet", "uhen"),
            *("uat", "uan", "uaj", "uar", "uara", "uari", "ua", "uj", "ur", "ej", "em", "ni"),
            # Imperative with its pronoun (nderr-oje, sht-oje) and Gheg participles
            # (planifik-ume, kal-uem).
            *("oje", "ojeni", "ume", "uem", "uemi", "omeni", "meni"),
            # Nouns made from verbs: regjistr-imi, -imin; njoft-imet, -imeve; pag-esa, -esën.
            *("im", "imi", "imin", "imit", "ime", "imet", "imeve", "esa", "ese", "esen", "eses"),
        },
        key=len,
        reverse=True,
    )
)
# Roots of the domain that end like an ending ("fatura" is not "fat-ura", "telefoni" not
# "telef-oni"), and words that are not Albanian at all: a word starting with one is that root.
# Two spellings of one root (shifër/shifra, numër/numri, emër/emri) are one.
_ROOTS = {
    **{"fatur": "fatur", "telefon": "telefon", "aplikacion": "aplikacion", "person": "person"},
    **{"ekesco": "ekesco", "kesco": "kesco", "email": "email", "online": "online"},
    **{"iphone": "iphone", "punim": "punim", "konsum": "konsum", "problem": "problem"},
    **{"konsumator": "konsumator", "personal": "personal"},
    **{"kilovat": "kilovat", "shifer": "shifr", "shifr": "shifr", "numer": "numr", "numr": "numr"},
    **{"emer": "emr", "emr": "emr"},
}
_KNOWN = sorted(_ROOTS, key=len, reverse=True)
# Roots that mean the same thing to a customer of an electricity supplier: the light, energy and
# electricity are the power ("s'kemi drita", "nuk ka energji" are "s'kemi rrymë"; Kosovo's
# "korent" is read as "rrymë" already); changing, swapping and updating one's number or e-mail.
SAME_MEANING = {
    **{"drit": "rrym", "energj": "rrym", "elektricitet": "rrym"},
    **{"nderr": "ndrysh", "perdites": "ndrysh"},
    # The password as chats write it ("passin", "passwordi") is the "fjalëkalim".
    **{"pass": "fjalekal", "password": "fjalekal", "pasvord": "fjalekal"},
}
_ENDING_SET = frozenset(_ENDINGS)


@lru_cache(maxsize=1 << 16)
def meaning(word: str) -> str:
    """The root of ``word``, one for words of the same meaning (``drita`` -> ``rrym``)."""
    found = root(word)
    return SAME_MEANING.get(found, found)


@lru_cache(maxsize=1 << 16)
def root(word: str) -> str:
    """The root of one folded Albanian word (``faturave`` -> ``fatur``, ``pagova`` -> ``pag``)."""
    if len(word) <= MIN_ROOT or not word.isalpha():
        return word
    for known in _KNOWN:
        if word.startswith(known):
            return _ROOTS[known]
    at = word.find("ion", MIN_ROOT - 2)
    if at > 0 and (word[at + 3 :] in _ENDING_SET or at + 3 == len(word)):
        return word[: at + 3]  # -ion nouns: komision-i, transaksion-it (not komisi-oni)
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_ROOT:
            return word[: -len(ending)]
    return word
