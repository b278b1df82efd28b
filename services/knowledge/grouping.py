"""Grouping kept questions by likeness, so that staff see "23 × when is the office in Peja open"
rather than 23 lines: each question is read as the matcher reads it (content words, their roots
and character 4-grams, in its language: :func:`services.faq.features.raw_features`), weighted
by how rare each feature is among the kept questions, and joins the group whose centre (the sum
of its questions) is the most alike, when at least ``SIMILAR`` (cosine); otherwise it starts a
group of its own."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from services.faq.features import Vector, Vectorizer, raw_features

SIMILAR = 0.5


@dataclass(frozen=True)
class Item:
    """A question to group: its row id, text (masked) and language."""

    id: int
    text: str
    language: str


def _cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    dot = sum(value * b.get(feature, 0.0) for feature, value in a.items())
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


def group(items: Sequence[Item], similar: float = SIMILAR) -> list[list[Item]]:
    """``items`` (newest first) in groups of alike questions, each in the items' order."""
    counts = [raw_features(item.text, item.language) for item in items]
    vectorizer = Vectorizer(counts)
    groups: list[tuple[Vector, list[Item]]] = []
    for item, count in zip(items, counts, strict=True):
        vector = vectorizer.vector(count)
        best = max(groups, key=lambda g: _cosine(vector, g[0]), default=None)
        if best is not None and vector and _cosine(vector, best[0]) >= similar:
            best[1].append(item)
            for feature, value in vector.items():  # the group's centre moves towards it
                best[0][feature] = best[0].get(feature, 0.0) + value
        else:
            groups.append((dict(vector), [item]))
    return [members for _vector, members in groups]
