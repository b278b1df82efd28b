"""The FAQ engine: understands a free-text message and answers FAQ topics.

A message goes through, in this order: the safety check (:mod:`services.faq.safety`: a hazard
is danger, whatever else it says), the veto words (a service KESCO does not provide), then the
scores of two readers blended (:mod:`services.faq.decision`): the linear classifier over
character n-grams and words (:mod:`services.faq.classifier`) and the phrase matcher
(:mod:`services.faq.matcher`), both re-read by the rules of ``REREAD``; and last the decision:
answer outright, ask back with the likeliest ids, or refuse.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path

from locales import languages
from services.faq import (
    courtesy,
    cues,
    decision,
    deliveries,
    for_a_person,
    formulae,
    not_ours,
    phrasings,
    promote,
    readings,
    safety,
    scope,
    situations,
    timing,
)
from services.faq.classifier import Classifier
from services.faq.knowledge import (
    DEFAULT_DATA_DIR,
    OUT_OF_SCOPE,
    Entry,
    load_entries,
    load_everyday_words,
    load_examples,
)
from services.faq.language import LanguageDetector
from services.faq.matcher import PhraseIndex
from services.faq.models import ANSWER_LANGUAGES, LANGUAGES, FaqAnswer, FaqButton, Understanding
from services.faq.normalize import tokens

DANGER = "intent:danger"
# KESCO's own matters no topic answers go to its contacts (services/faq/for_a_person.py).
FOR_A_PERSON = "contact"
# The confidence of a message made of courtesy alone (:mod:`services.faq.courtesy`).
COURTESY_CONFIDENCE = 0.9
# Neighbours that share their words and differ in how the message is put: when the cue holds,
# the first is read as the second (``None``: the candidate is dropped).
# - A question (when, why, how long, is there) asks about outages and reports nothing; an
#   outage with works or maintenance is a planned work.
# - "Your number" (and not "my") asks for KESCO's contacts, and so does "KESCO's number" with
#   no word of changing; "my number" (and not "your"), or changing with no "your", is about
#   updating one's own; "where do I find you" with no customer code looks for KESCO, not for
#   the code; a code with an SMS or a message is the SMS code.
# - A customer code with "link"/"add" is linking; without it, a question about the code; with
#   neither a code nor "link", there is nothing to link.
# - Paying with a failure word is the failed-payment topic, without one the payment, and a
#   failure with no word of paying (nor a card) is not a failed payment; "how much" asks for
#   the bill, "pay" (not "how much") pays it; a bank or a fee asks which banks.
# - A bill not up to date with no word of paying is not the paid-bill topic.
# - "Paid" ("pagova", "e kom pagu", "platio") is the paid bill still shown, not paying nor the
#   customer code (a payment made to another code), nor a failed payment or which banks ("kom
#   pagu ne bank e nuk po del e paguar"); paying still to be done ("me pagu", "pay") is
#   paying, not the paid bill. Paying with no word of registering is not a registration error
#   ("aplikacioni nuk e pranon pagesën").
# - Another company's number or e-mail (Ipko, Vala, Telekom) is not KESCO's contacts, nor an
#   update of one's own without a word of changing; where a bank is, is not which banks.
# - Prices and tariffs ("how much is a kWh", "çmimi i rrymës") are neither the bill nor paying.
# - A danger names something dangerous (a wire, a pole, a meter, sparks, smoke, a shock):
#   "my phone fell on the street", "ka rënë bora" are none; a report of no power names the
#   power ("ka rënë rryma"), "ka rënë bora" does not.
# - Connecting to a person ("me lidh me dikon", "connect me with someone") is asking for a
#   person, not linking a code; "call me" ("m'thirr", "më thirrni", "pozovite me") is a call
#   back, not KESCO's number ("qysh me ju thirr", *how do I call you*, still is); a person
#   named with the contacts ("me një punonjës") is asking for a person.
# - A wire, cable, pole, sparks, fire, smoke or a shock named in a report or a question about
#   the power is a danger first ("nuk ka rrymë, ka rënë teli"); a cut the customer states with
#   no works, no plan, nothing ahead and no question is a report ("më është ndalur rryma").
# - Power still not back asks when it comes back (the outage); a cut called planned,
#   scheduled or announced, or one that comes every Saturday, is a planned work.
# - A greeting, thanks or a goodbye says its formula ("jeni turp" is no "si jeni"); a change of
#   language names a language; a loan or a credit is not which banks take the payment.
# - An insult is not small talk; a request to translate or write something is neither small
#   talk nor a change of language; a car, a passport or a mailbox is not an eKesco account.
# - Notices ("dua njoftime për punimet", "notify me about outages"), and a message wished for
#   every time something happens ("send me a message whenever…"), are the alerts; an SMS with
#   the password is the SMS topic; someone (else) registered with the code is the blocked
#   registration.
REREAD: tuple[tuple[Callable[[Sequence[str], str], bool], str, str | None], ...] = (
    (timing.still_not_back, "intent:report-outage", "intent:outage"),
    (timing.planned, "intent:report-outage", "intent:planned-work"),
    (timing.planned, "intent:outage", "intent:planned-work"),
    (phrasings.asks_about_outages, "intent:report-outage", "intent:outage"),
    (situations.about_works, "intent:outage", "intent:planned-work"),
    (cues.about_yours, "update-contact-data", "contact"),
    (cues.about_kesco, "update-contact-data", "contact"),
    (cues.yours_without_code, "customer-code", "contact"),
    (cues.code_by_sms, "customer-code", "sms-not-received"),
    (cues.about_mine, "contact", "update-contact-data"),
    (cues.changes_own, "contact", "update-contact-data"),
    (cues.links, "customer-code", "intent:link"),
    (cues.code_without_linking, "intent:link", "customer-code"),
    (cues.neither_code_nor_linking, "intent:link", None),
    (cues.payment_link, "intent:link", "intent:pay"),
    (promote.keeps_code_here, "customer-code", "intent:link"),
    (cues.reports_problem, "intent:pay", "ekesco-payment-failed"),
    (cues.no_problem, "ekesco-payment-failed", "intent:pay"),
    (promote.pays_and_fails, "intent:pay", "ekesco-payment-failed"),
    (cues.no_paying_nor_card, "ekesco-payment-failed", None),
    (cues.no_paying, "paid-bill-still-shown", "bill-not-current"),
    (readings.disputes_reading, "bill-not-current", "contact"),
    (cues.asks_amount, "intent:pay", "intent:bill"),
    (cues.wants_to_pay, "intent:bill", "intent:pay"),
    (cues.wants_to_pay, "intent:outage", "intent:pay"),
    (cues.about_banks, "intent:pay", "payment-banks"),
    (cues.already_paid, "intent:pay", "paid-bill-still-shown"),
    (cues.already_paid, "customer-code", "paid-bill-still-shown"),
    (cues.already_paid, "ekesco-payment-failed", "paid-bill-still-shown"),
    (cues.already_paid, "payment-banks", "paid-bill-still-shown"),
    (cues.pays_without_registering, "ekesco-register-error", "ekesco-payment-failed"),
    (cues.to_pay, "paid-bill-still-shown", "intent:pay"),
    (not_ours.asks_money_back, "paid-bill-still-shown", "contact"),
    (not_ours.asks_money_back, "intent:pay", "contact"),
    (cues.names_other_company, "contact", None),
    (cues.other_company_unchanged, "update-contact-data", None),
    (cues.where_is_a_bank, "payment-banks", None),
    (situations.opens_a_bank, "payment-banks", None),
    (cues.bill_too_high, "intent:bill", "intent:bill-high"),
    (cues.bill_too_high, OUT_OF_SCOPE, None),
    (cues.bill_too_high, "bill-not-current", "intent:bill-high"),
    (cues.about_reductions, "intent:planned-work", "intent:outage"),
    (cues.names_other_company, "intent:bill-high", None),
    (for_a_person.in_instalments, "intent:pay", None),
    (for_a_person.in_instalments, "intent:bill", None),
    (cues.about_prices, "intent:bill", None),
    (cues.about_prices, "intent:pay", None),
    (situations.not_ahead, "intent:planned-work", "intent:report-outage"),
    (situations.no_hazard, "intent:danger", None),
    (situations.no_power, "intent:report-outage", None),
    (situations.with_a_person, "intent:link", "intent:human"),
    (situations.call_me, "contact", "intent:human"),
    (situations.with_a_person, "contact", "intent:human"),
    (situations.wants_notices, "intent:planned-work", "intent:alerts"),
    (situations.wants_notices, "intent:outage", "intent:alerts"),
    (situations.wants_notices, "intent:bill", "intent:alerts"),
    (situations.asks_to_be_told, "intent:outage", "intent:alerts"),
    (situations.asks_to_be_told, "intent:report-outage", "intent:alerts"),
    (situations.asks_to_be_told, "intent:planned-work", "intent:alerts"),
    (cues.code_by_sms, "ekesco-password", "sms-not-received"),
    (deliveries.code_not_arriving, "ekesco-password", "sms-not-received"),
    (situations.someone_registered, "customer-code", "ekesco-register-blocked"),
    (situations.someone_registered, "ekesco-register", "ekesco-register-blocked"),
    (situations.paid_still_shown, "intent:bill", "paid-bill-still-shown"),
    (situations.phone_operator, "intent:human", None),
    (formulae.asks_what_you_are, "intent:human", "intent:about"),
    (formulae.asks_what_you_do, "intent:human", "intent:about"),
    (formulae.anyone_there_greeting, "intent:human", "intent:greeting"),
    (situations.cannot_open, "ekesco-register", "ekesco-login"),
    (situations.registers_from_abroad, "ekesco-register", "ekesco-register-error"),
    *((situations.another_service, account, None) for account in situations.ACCOUNT_TOPICS),
    *((scope.another_thing, account, None) for account in situations.ACCOUNT_TOPICS),
    *((scope.insults, small_talk, None) for small_talk in scope.SMALL_TALK),
    *((scope.asks_to_translate, small_talk, None) for small_talk in scope.SMALL_TALK),
    (scope.asks_to_translate, "intent:language", None),
    (scope.another_place, "contact", None),
    (scope.about_loans, "payment-banks", None),
    (formulae.not_a_greeting, "intent:greeting", None),
    (formulae.no_thanks, "intent:thanks", None),
    (formulae.thanks_but, "intent:thanks", None),
    (formulae.no_goodbye, "intent:goodbye", None),
    (formulae.no_language, "intent:language", None),
)


class FaqEngine:
    """Matches messages to FAQ topics and intents, and renders topic answers.

    Build it once with :meth:`load` (cached per data folder); it is read-only afterwards and
    safe to share between concurrent conversations.
    """

    def __init__(
        self,
        entries: tuple[Entry, ...],
        everyday_words: Mapping[str, str] | None = None,
        examples: Sequence[tuple[str, str]] = (),
    ) -> None:
        """``everyday_words``: extra text per language for the language detector;
        ``examples``: labelled customer messages (text, entry id) for the classifier."""
        everyday = everyday_words or {}
        self._staff: PhraseIndex | None = None
        self._entries = {entry.id: entry for entry in entries}
        self._veto = frozenset().union(*(entry.veto for entry in entries))
        phrases = _phrases(entries)
        self._index = PhraseIndex(phrases, nearest_only=frozenset({OUT_OF_SCOPE}))
        known = set(self._entries)
        self._classifier = Classifier(
            [(text, entry_id) for entry_id, _, text in phrases]
            + [(text, entry_id) for text, entry_id in examples if entry_id in known]
        )
        self._language = LanguageDetector(
            {
                lang: [
                    *(phrase for entry in entries for phrase in entry.phrases[lang]),
                    *(entry.answers[lang] for entry in entries if lang in entry.answers),
                    everyday.get(lang, ""),
                ]
                for lang in LANGUAGES
            }
        )
        self.topic_ids: tuple[str, ...] = tuple(e.id for e in entries if e.kind == "topic")
        self.intent_ids: tuple[str, ...] = tuple(e.id for e in entries if e.kind == "intent")

    @classmethod
    def with_staff(
        cls, base: FaqEngine, entries: tuple[Entry, ...], staff: Sequence[tuple[str, str, str]]
    ) -> FaqEngine:
        """``base`` reading ``entries`` (the built-in ones with what staff added merged in, and
        the topics staff added) with its matcher; the staff's example questions ``staff`` (id,
        language, text) are preferred over the out-of-scope list when near
        (:func:`services.faq.decision.prefer`). The classifier and the language detector are
        ``base``'s, not trained again: a version of the staff topics applies in a fraction of
        a second, and the start-up stays that of the built-in engine."""
        engine = copy.copy(base)
        engine._entries = {entry.id: entry for entry in entries}
        engine._veto = frozenset().union(*(entry.veto for entry in entries))
        engine._index = PhraseIndex(_phrases(entries), nearest_only=frozenset({OUT_OF_SCOPE}))
        staff_ids = frozenset(entry_id for entry_id, _, _ in staff)
        engine._staff = PhraseIndex(list(staff), nearest_only=staff_ids) if staff else None
        engine.topic_ids = tuple(e.id for e in entries if e.kind == "topic")
        engine.intent_ids = tuple(e.id for e in entries if e.kind == "intent")
        return engine

    @classmethod
    def load(cls, data_dir: Path | str | None = None) -> FaqEngine:
        """The engine for ``data_dir`` (default: the package's own knowledge base), cached."""
        return _load_cached(Path(data_dir) if data_dir else DEFAULT_DATA_DIR)

    def understand(self, text: str, lang_hint: str | None = None) -> Understanding:
        """Topic or intent of ``text`` (None when not confident), the ids to ask back with
        when unsure (``choices``), a confidence (0..1) and the language of the text."""
        lang = self._language.detect(text, lang_hint)
        if safety.is_hazard(text):
            return Understanding(DANGER, 1.0, lang)
        words = tokens(text)
        if not words or phrasings.vetoed(words, self._veto) or not_ours.not_ours(words, lang):
            return Understanding(None, 0.0, lang)
        formula = courtesy.small_talk_only(words)
        if formula is not None:
            return Understanding(formula, COURTESY_CONFIDENCE, lang)
        matched = self._index.scores(text, lang)
        scores = decision.blend(self._classifier.scores(text), matched)
        for cue, read, instead in REREAD:
            if read in scores and cue(words, lang):
                score = scores.pop(read)
                if instead is not None:
                    scores[instead] = max(scores.get(instead, score), score)
        promote.promote(scores, words, lang, OUT_OF_SCOPE)
        promote.code_given(scores, words, lang, OUT_OF_SCOPE)
        if self._staff is not None and not scope.elsewhere(words, lang):
            near = self._staff.scores(text, lang)
            decision.prefer(scores, near, matched.get(OUT_OF_SCOPE, 0.0), OUT_OF_SCOPE)
        chosen = decision.decide(scores, OUT_OF_SCOPE)
        confidence = round(1.0 / (1.0 + math.exp(-2.0 * chosen.score)), 4)
        if chosen.id is None and not chosen.choices and for_a_person.ours_for_a_person(words, lang):
            return Understanding(FOR_A_PERSON, confidence, lang, referred=True)
        return Understanding(chosen.id, confidence, lang, chosen.choices)

    def answer(self, topic_id: str, lang: str) -> FaqAnswer:
        """The answer to ``topic_id`` in ``lang`` (``sq``, ``en``, ``sr`` or ``sr-Latn``)."""
        entry = self._entries.get(topic_id)
        if entry is None or entry.kind != "topic":
            raise KeyError(f"no FAQ topic {topic_id!r}")
        if lang not in ANSWER_LANGUAGES:
            raise ValueError(f"language must be one of {ANSWER_LANGUAGES}, got {lang!r}")
        base = languages.catalog_of(lang)

        def written(texts: Mapping[str, str]) -> str:
            """The text in ``lang`` (in its script), or in English until it is written."""
            if base in texts:
                return languages.in_script(lang, texts[base])
            return texts[languages.FALLBACK]

        buttons = tuple(
            FaqButton(label=written(spec.labels), url=spec.url, action=spec.action)
            for spec in entry.buttons
        )
        return FaqAnswer(text=written(entry.answers), buttons=buttons)


def _phrases(entries: Sequence[Entry]) -> list[tuple[str, str, str]]:
    """(entry id, language, phrase) of every phrase of ``entries``."""
    return [
        (entry.id, lang, phrase)
        for entry in entries
        for lang in LANGUAGES
        for phrase in entry.phrases[lang]
    ]


@lru_cache(maxsize=4)
def _load_cached(data_dir: Path) -> FaqEngine:
    return FaqEngine(load_entries(data_dir), load_everyday_words(data_dir), load_examples(data_dir))
