"""The knowledge base: topic, intent and out-of-scope files (TOML) read into plain objects.

Layout of the data folder::

    topics/<id>.toml     FAQ topic: [answer] sq/en/sr, optional [[buttons]], [phrases]
    intents/<name>.toml  intent routed to a bot feature: id = "intent:<name>", [phrases]
    languages.toml       everyday words per language, for the language detector
    examples/*.tsv       labelled customer messages (text, id or null, lang, ...) that the
                         classifier learns from beside the phrases (training material only)
    out-of-scope.toml    phrases the bot must not answer (matched, then rejected), and
                         veto words: a message containing one is never answered

Serbian is written in Cyrillic; the Latin form is derived when answering.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from locales.languages import FALLBACK
from services.faq.models import LANGUAGES
from services.faq.normalize import fold

OUT_OF_SCOPE = "out-of-scope"
DEFAULT_DATA_DIR = Path(__file__).with_name("data")


@dataclass(frozen=True)
class ButtonSpec:
    """A button as written in a topic file: a label per language and a url or an action."""

    labels: dict[str, str]
    url: str | None
    action: str | None


@dataclass(frozen=True)
class Entry:
    """One knowledge-base entry: training phrases per language, and answer for topics."""

    id: str
    kind: str  # "topic", "intent" or "out-of-scope"
    phrases: dict[str, tuple[str, ...]]
    answers: dict[str, str]
    buttons: tuple[ButtonSpec, ...]
    source: Path
    veto: frozenset[str] = frozenset()


def _load_entry(path: Path, kind: str) -> Entry:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    entry_id = data["id"]
    phrases = {lang: tuple(data.get("phrases", {}).get(lang, ())) for lang in LANGUAGES}
    if not any(phrases.values()):
        raise ValueError(f"{path}: no phrases")
    answers = {lang: text.strip() for lang, text in data.get("answer", {}).items()}
    if kind == "topic" and FALLBACK not in answers:
        raise ValueError(f"{path}: a topic needs at least its answer in {FALLBACK}")
    unknown = set(answers) - set(LANGUAGES)
    if unknown:
        raise ValueError(f"{path}: answers in unknown languages {sorted(unknown)}")
    buttons = tuple(
        ButtonSpec(labels=dict(raw["label"]), url=raw.get("url"), action=raw.get("action"))
        for raw in data.get("buttons", ())
    )
    for button in buttons:
        if FALLBACK not in button.labels or not set(button.labels) <= set(LANGUAGES):
            raise ValueError(f"{path}: a button label needs {FALLBACK}, in known languages only")
    veto = frozenset(fold(word).strip() for word in data.get("veto", ()))
    return Entry(entry_id, kind, phrases, answers, buttons, path, veto)


def load_entries(data_dir: Path = DEFAULT_DATA_DIR) -> tuple[Entry, ...]:
    """Read every topic, intent and the out-of-scope list from ``data_dir``."""
    entries: list[Entry] = []
    for path in sorted((data_dir / "topics").glob("*.toml")):
        entries.append(_load_entry(path, "topic"))
    for path in sorted((data_dir / "intents").glob("*.toml")):
        entries.append(_load_entry(path, "intent"))
    out_of_scope = data_dir / f"{OUT_OF_SCOPE}.toml"
    if out_of_scope.exists():
        entries.append(_load_entry(out_of_scope, OUT_OF_SCOPE))
    ids = [entry.id for entry in entries]
    duplicates = {entry_id for entry_id in ids if ids.count(entry_id) > 1}
    if duplicates:
        raise ValueError(f"duplicate ids in {data_dir}: {sorted(duplicates)}")
    for entry in entries:
        if entry.kind == "intent" and not entry.id.startswith("intent:"):
            raise ValueError(f"{entry.source}: intent ids start with 'intent:'")
    return tuple(entries)


def load_everyday_words(data_dir: Path = DEFAULT_DATA_DIR) -> dict[str, str]:
    """Everyday words and lines per language (``languages.toml``), empty when the file is
    absent. The words are separated by commas (each is a clause of its own: no pairs of
    neighbours), the lines are kept as written."""
    path = data_dir / "languages.toml"
    if not path.exists():
        return {}
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    lines = data.get("lines", {})
    return {
        lang: ", ".join(str(data.get(lang, "")).split()) + "\n" + str(lines.get(lang, ""))
        for lang in LANGUAGES
    }


def load_examples(data_dir: Path = DEFAULT_DATA_DIR) -> list[tuple[str, str]]:
    """The labelled messages of ``examples/*.tsv``: (text, entry id), ``null`` read as the
    out-of-scope list and the first of several ids ``a|b`` taken. Comment lines start
    with ``#``; a header row starting with ``text`` is skipped."""
    examples: list[tuple[str, str]] = []
    for path in sorted((data_dir / "examples").glob("*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#") or line.startswith("text\t"):
                continue
            text, expected = line.split("\t")[:2]
            first = expected.split("|")[0]
            examples.append((text, OUT_OF_SCOPE if first == "null" else first))
    return examples
