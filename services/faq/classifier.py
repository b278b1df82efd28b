"""A linear classifier over character n-grams and words of the folded text (scikit-learn).

It learns every entry (topics, intents, the out-of-scope list) from the knowledge base's
phrases and the labelled customer messages of ``data/examples/``, and scores a message against
each of them: one linear SVM per entry, one against the rest, on TF-IDF weights of the
character 2- to 5-grams inside words (``char_wb``: they carry roots, endings, typos and both
spellings of a word) and of single words and pairs of neighbouring words. It reads the text
folded as the matcher does (lower case, Serbian Cyrillic as Latin, no diacritics), so that one
phrase teaches every script and spelling of itself.

Trained when the engine is built (about a second for the ~3,500 examples), read-only after.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion
from sklearn.svm import LinearSVC

from services.faq.normalize import tokens

# Chosen by five-fold cross-validation on the development questions and by the score on the
# selection set (blind-1): docs/faq-engine.md.
C = 1.0
CHAR_NGRAMS = (2, 5)
WORD_NGRAMS = (1, 2)
# The score of the one id of a knowledge base that has only one: neither for nor against.
SINGLE_ID_SCORE = -0.5


def folded(text: str) -> str:
    """The text as the classifier reads it: folded words joined by single spaces."""
    return " ".join(tokens(text))


class Classifier:
    """Scores a message against every entry id it was trained on (higher is likelier)."""

    def __init__(self, examples: Sequence[tuple[str, str]]) -> None:
        """``examples``: (text, entry id) pairs; at least two distinct ids."""
        texts = [folded(text) for text, _ in examples]
        labels = [label for _, label in examples]
        self.ids: tuple[str, ...] = tuple(sorted(set(labels)))
        self._model: LinearSVC | None = None
        if len(self.ids) < 2:  # nothing to tell apart: the matcher alone decides
            return
        self._features = FeatureUnion(
            [
                (
                    "chars",
                    TfidfVectorizer(
                        analyzer="char_wb",
                        ngram_range=CHAR_NGRAMS,
                        sublinear_tf=True,
                        dtype=numpy.float32,
                    ),
                ),
                (
                    "words",
                    TfidfVectorizer(
                        analyzer="word",
                        ngram_range=WORD_NGRAMS,
                        sublinear_tf=True,
                        token_pattern=r"\S+",
                        dtype=numpy.float32,
                    ),
                ),
            ]
        )
        matrix = self._features.fit_transform(texts)
        model = LinearSVC(C=C).fit(matrix, labels)
        self._model = model
        self.ids = tuple(str(label) for label in model.classes_)

    def scores(self, text: str) -> dict[str, float]:
        """The decision value of every id for ``text`` (about -1.5 to 1.5; > 0: likely)."""
        if self._model is None:
            return dict.fromkeys(self.ids, SINGLE_ID_SCORE)
        values = self._model.decision_function(self._features.transform([folded(text)]))[0]
        if len(self.ids) == 2:  # a binary model has one column: the second id against the first
            return {self.ids[0]: -float(values), self.ids[1]: float(values)}
        return {label: float(value) for label, value in zip(self.ids, values, strict=True)}
