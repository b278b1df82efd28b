"""Nearest training phrase per entry, through an inverted index over sparse vectors."""

from __future__ import annotations

from collections import defaultdict

from services.faq.features import Vector, Vectorizer, raw_features

# Share of the second-nearest phrase of the same entry in its score (nearest-two blend).
SECOND_SHARE = 0.45


class PhraseIndex:
    """Cosine similarity of a message to every training phrase, best score per entry id."""

    def __init__(
        self, phrases: list[tuple[str, str, str]], nearest_only: frozenset[str] = frozenset()
    ) -> None:
        """``phrases`` is a list of (entry id, language, phrase text). Entries in
        ``nearest_only`` (lists of unrelated families, such as the out-of-scope list) score
        by their nearest phrase alone."""
        self._nearest_only = nearest_only
        counts = [raw_features(text, lang) for _, lang, text in phrases]
        self.vectorizer = Vectorizer(counts, owners=[entry_id for entry_id, _, _ in phrases])
        self._owner: list[str] = [entry_id for entry_id, _, _ in phrases]
        postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for row, doc in enumerate(counts):
            for feature, value in self.vectorizer.vector(doc).items():
                postings[feature].append((row, value))
        self._postings = {feature: tuple(items) for feature, items in postings.items()}

    def vector(self, text: str, lang: str) -> Vector:
        """The weighted vector of ``text`` written in ``lang``."""
        return self.vectorizer.vector(raw_features(text, lang))

    def scores(self, text: str, lang: str) -> dict[str, float]:
        """Blended cosine (0..1) of the nearest two phrases, per entry id sharing a feature."""
        query = self.vector(text, lang)
        dots: dict[int, float] = defaultdict(float)
        for feature, value in query.items():
            for row, weight in self._postings.get(feature, ()):
                dots[row] += value * weight
        top: dict[str, list[float]] = {}
        owner = self._owner
        for row, dot in dots.items():
            pair = top.setdefault(owner[row], [0.0, 0.0])
            if dot > pair[0]:
                pair[0], pair[1] = dot, pair[0]
            elif dot > pair[1]:
                pair[1] = dot
        keep = 1.0 - SECOND_SHARE
        return {
            entry_id: a if entry_id in self._nearest_only else keep * a + SECOND_SHARE * b
            for entry_id, (a, b) in top.items()
        }
