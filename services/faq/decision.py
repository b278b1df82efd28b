"""From scores to a decision: answer outright, ask back with the likeliest ids, or refuse.

The score of an id is the classifier's decision value plus ``MATCHER_WEIGHT`` times the
matcher's similarity (both after the re-reading rules). Then:

- the out-of-scope list scores best: refuse (no answer, no choices);
- the best id reaches ``ANSWER_AT`` and leads the next by ``ANSWER_LEAD``: answer it;
- otherwise, when the best id reaches ``ASK_AT``: ask back with up to ``MAX_CHOICES`` ids
  within ``CHOICE_SPREAD`` of the best (the conversation adds "talk to a person");
- otherwise refuse.

The danger intent is never answered nor offered from these scores: the safety check
(:mod:`services.faq.safety`) alone decides danger, before anything else.

The numbers were chosen on five-fold cross-validated scores of the development questions
(goals: at least 97% of the answerable questions at most one tap away, out-of-scope refused)
and checked on the selection set, blind-1; after the selection they were checked again on
five-fold cross-validated scores of all the examples, blind-1 included (docs/faq-engine.md,
"Understanding free text"). Round 3 lowered ``ASK_AT`` from 0 to -0.4 (fewer dead ends on
blind-3 and no more out-of-scope messages asked about on the development sets).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

MATCHER_WEIGHT = 2.0
ANSWER_AT = 0.0
ANSWER_LEAD = 0.4
ASK_AT = -0.4
CHOICE_SPREAD = 0.4
MAX_CHOICES = 3
NEVER_FROM_SCORES = frozenset({"intent:danger"})
# The matcher's similarity (0..1) from which a staff topic's examples count as near.
PREFERRED_AT = 0.45
# A near staff example scores as the matcher's weight times its similarity, less this (what the
# classifier, which never learnt the staff's examples, would take away from an unsure match).
STAFF_OFFSET = 0.5


@dataclass(frozen=True)
class Decision:
    """``id`` answered outright (None when not), the ``choices`` to ask back with, the score."""

    id: str | None
    choices: tuple[str, ...]
    score: float


def blend(classifier: Mapping[str, float], matcher: Mapping[str, float]) -> dict[str, float]:
    """The score of every id that either side knows (an id the classifier lacks: -1)."""
    ids = set(classifier) | set(matcher)
    return {i: classifier.get(i, -1.0) + MATCHER_WEIGHT * matcher.get(i, 0.0) for i in ids}


def prefer(
    scores: dict[str, float],
    staff: Mapping[str, float],
    out_of_scope_similarity: float,
    out_of_scope: str,
) -> None:
    """Ids whose example questions written by staff are close to the message (``staff``: the
    similarity of the nearest, from ``PREFERRED_AT``) and closer than the out-of-scope list's
    nearest phrase are at least offered, and the out-of-scope list no longer refuses the
    message: a question staff answered is not out of scope, though the classifier learnt it
    was."""
    near = [
        i
        for i, similarity in staff.items()
        if similarity >= PREFERRED_AT and similarity > out_of_scope_similarity
    ]
    if near:
        scores.pop(out_of_scope, None)
    for entry_id in near:
        standing = MATCHER_WEIGHT * staff[entry_id] - STAFF_OFFSET
        scores[entry_id] = max(scores.get(entry_id, ASK_AT), ASK_AT, standing)


def decide(scores: Mapping[str, float], out_of_scope: str) -> Decision:
    """Answer, ask back or refuse, from the blended ``scores`` (``out_of_scope``: its id)."""
    ranked = sorted(
        ((i, s) for i, s in scores.items() if i not in NEVER_FROM_SCORES),
        key=lambda item: item[1],
        reverse=True,
    )
    if not ranked or ranked[0][0] == out_of_scope:
        return Decision(None, (), ranked[0][1] if ranked else 0.0)
    best_id, best = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else float("-inf")
    if best >= ANSWER_AT and best - second >= ANSWER_LEAD:
        return Decision(best_id, (), best)
    if best < ASK_AT:
        return Decision(None, (), best)
    choices = tuple(
        i for i, s in ranked[:MAX_CHOICES] if i != out_of_scope and s >= best - CHOICE_SPREAD
    )
    return Decision(None, choices, best)
