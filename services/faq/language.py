"""Which language a message is written in: Albanian, English or Serbian (either script).

Script and letters decide first (Cyrillic, ``č ć š ž đ`` mean Serbian; ``ë ç`` mean
Albanian). Otherwise a naive Bayes model over folded words and character trigrams, trained
on the knowledge base (phrases and answers) and a short list of everyday words, decides.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping

from services.faq.models import LANGUAGES
from services.faq.normalize import tokens

_SQ_LETTERS = frozenset("ëç")
_SR_LETTERS = frozenset("čćšžđ")
_TRIGRAM_WEIGHT = 0.25
_PAIR_WEIGHT = 1.0
# Pairs are counted within a sentence or a clause ("gde si? ko je to?" has no pair "si je").
_SENTENCE_END = re.compile(r"[.?!,;:\n]")
_WEAK_MARGIN = 1.0


def _trigrams(word: str) -> list[str]:
    padded = f"^{word}$"
    return [padded[i : i + 3] for i in range(len(padded) - 2)]


class _Profile:
    def __init__(self, texts: Iterable[str]) -> None:
        self.words: Counter[str] = Counter()
        self.grams: Counter[str] = Counter()
        self.pairs: Counter[tuple[str, str]] = Counter()
        for text in texts:
            for sentence in _SENTENCE_END.split(text):
                words = tokens(sentence)
                self.pairs.update(zip(words, words[1:], strict=False))
                for word in words:
                    self.words[word] += 1
                    self.grams.update(_trigrams(word))
        self.word_total = sum(self.words.values())
        self.gram_total = sum(self.grams.values())
        self.pair_total = sum(self.pairs.values())

    def log_likelihood(
        self, words: list[str], word_vocab: int, gram_vocab: int, pair_vocab: int
    ) -> float:
        total = 0.0
        for pair in zip(words, words[1:], strict=False):
            probability = (self.pairs[pair] + 0.1) / (self.pair_total + 0.1 * pair_vocab)
            total += _PAIR_WEIGHT * math.log(probability)
        for word in words:
            total += math.log((self.words[word] + 0.1) / (self.word_total + 0.1 * word_vocab))
            for gram in _trigrams(word):
                probability = (self.grams[gram] + 0.5) / (self.gram_total + 0.5 * gram_vocab)
                total += _TRIGRAM_WEIGHT * math.log(probability)
        return total


class LanguageDetector:
    """Detects ``sq``, ``en`` or ``sr`` from letters first, then from words and trigrams."""

    def __init__(self, texts: Mapping[str, Iterable[str]]) -> None:
        self._profiles = {lang: _Profile(texts.get(lang, ())) for lang in LANGUAGES}
        self._word_vocab = len(set().union(*(p.words for p in self._profiles.values())))
        self._gram_vocab = len(set().union(*(p.grams for p in self._profiles.values())))
        self._pair_vocab = len(set().union(*(p.pairs for p in self._profiles.values())))

    def detect(self, text: str, hint: str | None = None) -> str:
        """The language of ``text``; ``hint`` (for example the chat's language) breaks ties."""
        lowered = text.lower()
        cyrillic = sum(1 for char in lowered if "\u0400" <= char <= "\u04ff")
        serbian = cyrillic + sum(1 for char in lowered if char in _SR_LETTERS)
        albanian = sum(1 for char in lowered if char in _SQ_LETTERS)
        if serbian != albanian:
            return "sr" if serbian > albanian else "sq"
        words = tokens(text)
        if not words:
            return hint if hint in LANGUAGES else LANGUAGES[0]
        scores = {
            lang: profile.log_likelihood(
                words, self._word_vocab, self._gram_vocab, self._pair_vocab
            )
            for lang, profile in self._profiles.items()
        }
        best = max(scores, key=scores.__getitem__)
        if hint in scores and scores[best] - scores[hint] < _WEAK_MARGIN:
            return hint
        return best
