"""Shared pieces of the tests of the answers staff keep: a staff topic as the API takes it, and
a bot instance (its own conversation, live FAQ and watcher) over a shared database."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from handlers.conversation import Conversation
from services.backend.demo import DemoBackend
from services.db import Database
from services.knowledge.live import LiveFaq
from services.knowledge.watcher import KnowledgeWatcher
from tests.fakes.chat import FakeChat
from tests.fakes.deps import deps_for

OFFICE_HOURS: dict[str, Any] = {
    "titles": {"sq": "Orari i zyrave", "en": "Office hours", "sr": "Радно време канцеларија"},
    "answers": {
        "sq": "Zyrat e KESCO-s punojnë nga e hëna në të premte, 8:00–16:00.",
        "en": "KESCO's offices are open Monday to Friday, 8:00–16:00.",
        "sr": "Канцеларије KESCO раде од понедељка до петка, 8:00–16:00.",
    },
    "examples": {
        "sq": [
            "kur punojnë zyrat e kescos",
            "orari i zyrave të kescos",
            "deri në sa ore punon sporteli",
        ],
        "en": [
            "when are your offices open",
            "office opening hours",
            "what time does the customer desk close",
        ],
        "sr": ["radno vreme kancelarije", "kada radi vaš šalter", "до кад ради канцеларија"],
    },
}


@dataclass
class Instance:
    """One running bot over the shared database: what a customer's chat talks to, and the
    loop that keeps its answers current."""

    faq: LiveFaq
    watcher: KnowledgeWatcher
    conversation: Conversation

    def chat(self, chat_id: str = "100") -> FakeChat:
        return FakeChat(self.conversation.handle, chat_id=chat_id, language_hint="en")


def instance(database: Database) -> Instance:
    faq = LiveFaq()
    conversation = Conversation(database, deps_for(DemoBackend(database), faq=faq))
    return Instance(faq, KnowledgeWatcher(database, faq, interval=0.05), conversation)
