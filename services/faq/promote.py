"""Ids that a message's situation puts among the choices at least (round 2 of issue 20).

The re-reading rules (``REREAD`` in the engine) move a score from one id to its neighbour; they
cannot help when no reader scored the right id at all, and the message was refused although
its situation is plain: a payment that fails on the screen ("the page keeps loading after the
card", ``pagesa s'kryhet``, ``uplata pukne``), a wish to keep one's code in this chat, a cut
called planned or announced, the power still not back. When such a cue holds, the id's score
is raised to ``OFFER_AT`` (0, where the engine asked back until round 3 lowered that to -0.4):
the customer is one tap from the answer, and is answered outright when nothing else comes near.
The out-of-scope list no longer outscores a promoted id (round 3: "transaction declined" after
tapping pay is ours, whatever the list's nearest phrase): at worst the engine asks back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from services.faq import cues, decision, formulae, timing
from services.faq.normalize import standard_albanian_words

OFFER_AT = decision.ANSWER_AT
_PAYING = ("pag", "pay", "paid", "plat", "plac", "uplat", "checkout", "transak", "transact")
_FAILING = (
    "fail",
    "error",
    "declin",
    "stuck",
    "spinning",
    "loading",
    "crash",
    "freez",
    "break",
    "breaks",
    "broke",
    "gabim",
    "desht",
    "refuz",
    "ngel",
    "ngec",
    "rrotull",
    "pada",
    "padne",
    "bllok",
    "ngri",
    "puk",
    "puca",
    "gresk",
    "neuspe",
    "odbi",
    "odbij",
    "vrti",
    "zaglav",
    "zamrz",
    "koci",
)
_GOING_THROUGH = ("kryhet", "kryej", "kalon", "kaloi", "through", "work", "prolaz", "prosl")
_NOT = frozenset({"nuk", "s", "not", "never", "dont", "doesnt", "didnt", "wont", "ne", "nije"})
_KEEPING = (
    "lidh",
    "shto",
    "ruaj",
    "ruhet",
    "regjistr",
    "link",
    "connect",
    "add",
    "save",
    "register",
    "povez",
    "doda",
    "sacuv",
    "zapamt",
    "registr",
    "spoj",
)
_HERE = frozenset(
    {
        *("chat", "bot", "bisede", "biseden", "bisedes", "ketu", "here", "conversation"),
        *("cet", "cetu", "razgovor", "razgovoru", "razgovorom", "ovde", "ovdje", "botu", "viber"),
        *("telegram",),
    }
)
_CODES = ("kod", "shifr", "njehsor", "code", "meter", "account", "sifr", "brojil", "llogari")
_POWER = ("rrym", "drit", "korent", "power", "electric", "struj", "nderprer", "iskljuc", "cut")


def _standard(words: Sequence[str], lang: str) -> list[str]:
    return standard_albanian_words(list(words)) if lang == "sq" else list(words)


def pays_and_fails(words: Sequence[str], lang: str) -> bool:
    """Paying named, and it fails ("fails", "keeps loading", "s'kryhet", "ne prolazi")."""
    words = _standard(words, lang)
    if not any(word.startswith(_PAYING) for word in words):
        return False
    if any(word.startswith(_FAILING) for word in words):
        return True
    return any(
        word.startswith(_GOING_THROUGH) and index > 0 and words[index - 1] in _NOT
        for index, word in enumerate(words)
    ) or any(word.startswith("s") and word[1:].startswith(_GOING_THROUGH) for word in words)


def keeps_code_here(words: Sequence[str], lang: str) -> bool:
    """A wish to link, add or save a code, meter or account here, in this chat."""
    return (
        any(word.startswith(_KEEPING) for word in words)
        and not _HERE.isdisjoint(words)
        and any(word.startswith(_CODES) for word in words)
    )


def planned_cut(words: Sequence[str], lang: str) -> bool:
    """A cut of the power called planned, scheduled or announced, or recurring on a day."""
    return timing.planned(words, lang) and any(word.startswith(_POWER) for word in words)


_SCRIPTS = ("cirilic", "latinic", "cyrillic", "kirilic", "latinik")


def names_script(words: Sequence[str], lang: str) -> bool:
    """A script named ("ćirilica", "latinicom", "Cyrillic", "shkronja cirilike"): the
    language choice offers it."""
    return any(word.startswith(_SCRIPTS) for word in words)


PROMOTE: tuple[tuple[Callable[[Sequence[str], str], bool], str], ...] = (
    (pays_and_fails, "ekesco-payment-failed"),
    (keeps_code_here, "intent:link"),
    (planned_cut, "intent:planned-work"),
    (timing.still_not_back, "intent:outage"),
    (names_script, "intent:language"),
    (timing.power_ahead, "intent:planned-work"),
    (formulae.asks_what_you_do, "intent:about"),
)


def promote(
    scores: dict[str, float], words: Sequence[str], lang: str, out_of_scope: str = ""
) -> None:
    """Raise, in place, the score of every id whose cue holds to at least ``OFFER_AT``, and
    keep ``out_of_scope`` (its id) from outscoring it."""
    for cue, entry_id in PROMOTE:
        if cue(words, lang):
            scores[entry_id] = max(scores.get(entry_id, OFFER_AT), OFFER_AT)
            if out_of_scope in scores:
                scores[out_of_scope] = min(scores[out_of_scope], scores[entry_id] - 1e-6)
    adds_to_account(scores, words, lang)


# Adding a meter or a house to the app, or to one and the same account (round 6): "me i shtu
# edhe 2 shpia ne te njejten llogari ne app", "u jednom nalogu da dodam brojilo", "add my second
# meter" in eKesco. "Add it to my account" alone may be linking here: it is left to the readers.
_ADDING = ("shto", "shtu", "shtua", "add", "doda", "dodav")
_APP = ("app", "aplikac", "ekesco", "ekesko")
_ACCOUNT = ("llogari", "nalog", "account", "profil")
_ONE = frozenset({"njejten", "njejtin", "nje", "nji", "jednom", "istom", "isti", "same", "one"})
_LINK = "intent:link"
_REGISTER = "ekesco-register"


def adds_to_account(scores: dict[str, float], words: Sequence[str], lang: str) -> None:
    """Adding a meter or a house to the app or to one account (not to this chat) is as likely
    the app's registration as linking here: when linking is scored, raise, in place,
    registering to its score (the engine then asks back with both)."""
    if _LINK not in scores or not _HERE.isdisjoint(words):
        return
    if not any(word.startswith(_ADDING) for word in words):
        return
    one_account = not _ONE.isdisjoint(words) and any(word.startswith(_ACCOUNT) for word in words)
    if one_account or any(word.startswith(_APP) for word in words):
        scores[_REGISTER] = max(scores.get(_REGISTER, scores[_LINK]), scores[_LINK])


_CODE_TOPIC = "customer-code"


def code_given(
    scores: dict[str, float], words: Sequence[str], lang: str, out_of_scope: str
) -> None:
    """A customer code given in the message (``shifra DPZ 318442``) is no question about where
    to find it when another id is near enough to be offered (round 4): "what do I owe, code
    DPZ 318442" asks for the bill. Drops, in place, the customer-code topic then."""
    if _CODE_TOPIC not in scores or not cues.shows_code(words, lang):
        return
    others = [score for key, score in scores.items() if key not in (_CODE_TOPIC, out_of_scope)]
    if others and max(others) >= decision.ASK_AT:
        del scores[_CODE_TOPIC]
