"""Sparse TF-IDF features over words, word prefixes, word pairs and character n-grams.

Words catch the vocabulary of a topic; stems act across inflections: the root of an Albanian
word (:mod:`services.faq.albanian`: ``faturës``/``faturave`` -> ``fatur``, ``pagova``/
``pagesën`` -> ``pag``), the 5-letter prefix of an English or Serbian one (``lozinka``/
``lozinku``); character 4-grams of the
word padded with ``^``/``$`` absorb typos and missing letters (``rrym``/``rryma``; 3-grams
as well cost twice the time for no gain on the tuning half). The word block and the character
block are normalised separately and mixed with ``WORD_WEIGHT``, so that the cosine of two
vectors is ``WORD_WEIGHT * cos_words + (1 - WORD_WEIGHT) * cos_chars``.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable

from services.faq.albanian import meaning
from services.faq.cues import markers
from services.faq.normalize import standard_albanian_words, tokens
from services.faq.wordclasses import VAGUE, is_district, is_kin, is_other_company, is_town

WORD_WEIGHT = 0.65
PREFIX = 5
VAGUE_WEIGHT = 0.35
# A word of the message that no phrase has (a filler, a typo, a name) weighs half of the rarest
# known word: it still tells a message made of strangers from a question of ours, but no longer
# drowns the one known word of a chat line ("a munesh me m'tregu ku e kom shifren"). Chosen with
# the threshold on the tuning half and our development questions.
UNKNOWN_WEIGHT = 0.5
# Share of the rarity among entries in a feature's weight (the rest: among phrases). Chosen on
# the tuning half and development questions of our own (0.7-0.8 best on both).
ENTRY_IDF_SHARE = 0.8
CHAR_SIZES = (4,)
_STOPWORDS = {
    "sq": "a e i te ne me per nga se dhe ose qe u jam je eshte osht asht jane kam ka kemi keni "
    "po edhe ju une un ti tim time im ime imi juaj tuaj ma mi ta t na nje kete ky kjo ai ajo "
    "lutem si pse ku kur cka cfare cili cila mund mundem dua qysh kom jom ni prej mu m ia ja "
    "tash tani munem bon bo n pershendetje tung ckemi hej du nji qka qfare jan kan ish tu "
    "sapo tashme gjithe shume pak hic sepse nese ketu aty atje keto ato tyre tone yne jone sone "
    "tij saj atij ketij kesaj ketyre jem jeme jon jena tem teme juj "
    "por apo ndersa ndonese megjithese megjithate disa gjitha bej vazhdimisht gjithmone kurre pra "
    "atehere gjithashtu dicka asgje",
    "en": "the a an to of in on at for is are am be my me you your it its this that and or do "
    "does did with from there have has was will would should please i im ive so what how why "
    "where when which who can could want need whats theres hows lets yet also hello hi hey",
    "sr": "da li je se sam si su u na za sa od do mi me ti te mu moj moja moje mojoj mojim svoj "
    "svoju vas vam ja on ona to ovo taj ali ga kako gde gdje zasto sta kad kada koji koja koje "
    "hocu zelim ce cu bi sto ovaj ova ovog ovom mogu moze mozete zdravo pozdrav cao",
}
STOPWORDS = {lang: frozenset(words.split()) for lang, words in _STOPWORDS.items()}
TOWN = "xtownx"
COMPANY = "xcompanyx"
KIN = "xkinx"
# Banks of Kosovo by name ("NLB", "TEB", "Raiffeisen") are the word "bank" to the matcher.
BANK = "xbankx"
BANK_NAMES = frozenset(
    {"nlb", "teb", "bkt", "bpb", "raiffeisen", "procredit", "isbank", "ziraat", "rbko", "pcb"}
)
Vector = dict[str, float]


def _stem(word: str, lang: str) -> str:
    """The root of an Albanian word (``njehsorin``/``njehsorët`` -> ``njehsor``, ``drita`` ->
    ``rrym`` as ``rryma``); otherwise one final vowel dropped (``sifra``/``sifru``,
    ``struja``/``struje``) and 5 letters kept."""
    if lang == "sq":
        return meaning(word)
    if len(word) > 4 and word[-1] in "aeiouy":
        word = word[:-1]
    return word[:PREFIX]


def content_words(words: Iterable[str], lang: str) -> list[str]:
    """The words the matcher keeps of a folded text in ``lang``: stopwords dropped, Albanian
    in its standard spelling (Gheg ``pagu`` is ``paguar``), district codes one word (DPR, DPE
    or DGJ123456 all read as "dpr"), towns one word ("xtownx") and so are other companies
    ("xcompanyx": Ipko, Vala, Telekom) and relatives ("xkinx": "nenes", "mother", "majke")."""
    stop = STOPWORDS[lang]
    kept = []
    if lang == "sq":
        words = standard_albanian_words(list(words))
    for word in words:
        if word in stop:
            continue
        if is_district(word):
            word = "dpr"
        elif is_town(word):
            word = TOWN
        elif is_other_company(word):
            word = COMPANY
        elif is_kin(word, lang):
            word = KIN
        elif word in BANK_NAMES:
            word = BANK
        kept.append(word)
    return kept


def raw_features(text: str, lang: str) -> Counter[str]:
    """Feature counts of one text written in ``lang``, before weighting."""
    every = tokens(text)
    words = content_words(every, lang)
    counts: Counter[str] = Counter()
    for name in markers(every, words):
        counts["n:" + name] = 1
    stems = [_stem(word, lang) for word in words]
    for word, stem in zip(words, stems, strict=True):
        if word in VAGUE or word == TOWN:
            counts["v:" + word] += 1
            continue
        counts["w:" + word] += 1
        counts["p:" + stem] += 1
        padded = f"^{word}$"
        for size in CHAR_SIZES:
            for start in range(len(padded) - size + 1):
                counts["c:" + padded[start : start + size]] += 1
    for first, second in zip(stems, stems[1:], strict=False):
        counts[f"b:{first}_{second}"] += 1
    return counts


class Vectorizer:
    """IDF weights learnt from the training phrases; turns a text into a unit-ish vector.

    A feature's weight blends how rare it is among the phrases and among the *entries*
    (``ENTRY_IDF_SHARE``): a word that many phrases of one topic share ("njoftim" in the alerts)
    still tells that topic apart, and a word spread over many topics ("rryma") tells little."""

    def __init__(
        self, documents: Iterable[Counter[str]], owners: Iterable[str] | None = None
    ) -> None:
        """``documents``: feature counts per phrase; ``owners``: the entry of each phrase."""
        docs = list(documents)
        frequency: Counter[str] = Counter()
        for doc in docs:
            frequency.update(doc.keys())
        total = len(docs)
        rarest = math.log(1 + total) + 1.0
        self.idf = {
            feature: math.log((1 + total) / (1 + count)) + 1.0
            for feature, count in frequency.items()
        }
        self._unknown_idf = rarest * UNKNOWN_WEIGHT
        if owners is None:
            return
        entries_of: dict[str, set[str]] = defaultdict(set)
        owner_list = list(owners)
        for doc, owner in zip(docs, owner_list, strict=True):
            for feature in doc:
                entries_of[feature].add(owner)
        entries = len(set(owner_list))
        scale = rarest / (math.log(1 + entries) + 1.0)  # the rarest feature weighs the same
        for feature, owned in entries_of.items():
            entry_idf = (math.log((1 + entries) / (1 + len(owned))) + 1.0) * scale
            phrase_idf = self.idf[feature]
            self.idf[feature] = phrase_idf + ENTRY_IDF_SHARE * (entry_idf - phrase_idf)

    def vector(self, counts: Counter[str]) -> Vector:
        """Weighted, block-normalised vector of one text's feature counts."""
        words: Vector = {}
        chars: Vector = {}
        for feature, count in counts.items():
            weight = (1.0 + math.log(count)) * self.idf.get(feature, self._unknown_idf)
            if feature.startswith("v:"):
                weight *= VAGUE_WEIGHT
            (chars if feature.startswith("c:") else words)[feature] = weight
        out: Vector = {}
        for block, share in ((words, WORD_WEIGHT), (chars, 1.0 - WORD_WEIGHT)):
            norm = math.sqrt(sum(value * value for value in block.values()))
            if norm:
                scale = math.sqrt(share) / norm
                for feature, value in block.items():
                    out[feature] = value * scale
        return out
