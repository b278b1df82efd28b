"""Nearest training phrase per entry, through an inverted index over sparse vectors."""

from __future__ import annotations

from collections import defaultdict

from services.faq.features import Vector, Vectorizer, raw_features


class PhraseIndex:
    """Cosine similarity of a message to every training phrase, best score per entry id."""

    def __init__(self, phrases: list[tuple[str, str]]) -> None:
        """``phrases`` is a list of (entry id, phrase text)."""
        counts = [raw_features(text) for _, text in phrases]
        self.vectorizer = Vectorizer(counts)
        self._owner: list[str] = [entry_id for entry_id, _ in phrases]
        postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for row, doc in enumerate(counts):
            for feature, value in self.vectorizer.vector(doc).items():
                postings[feature].append((row, value))
        self._postings = {feature: tuple(items) for feature, items in postings.items()}

    def vector(self, text: str) -> Vector:
        """The weighted vector of ``text``."""
        return self.vectorizer.vector(raw_features(text))

    def scores(self, text: str) -> dict[str, float]:
        """Best cosine (0..1) per entry id that shares at least one feature with ``text``."""
        query = self.vector(text)
        dots: dict[int, float] = defaultdict(float)
        for feature, value in query.items():
            for row, weight in self._postings.get(feature, ()):
                dots[row] += value * weight
        best: dict[str, float] = {}
        owner = self._owner
        for row, dot in dots.items():
            entry_id = owner[row]
            if dot > best.get(entry_id, 0.0):
                best[entry_id] = dot
        return best
