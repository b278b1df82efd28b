"""How a notice will read in the customers' chats, in every language, as the alerts engine
renders it (``services.alerts.texts``): the text and the buttons under it. Serbian Latin is
derived from the Cyrillic by the engine (``cyrillic_to_latin``)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from locales import languages
from services.alerts import texts
from services.alerts.event_types import outage_started, outage_updated, planned_work_scheduled
from services.channels import ChannelDirectory
from services.notices.changes import OutageChange
from services.notices.inputs import NoticeInput
from services.notices.views import OutageNow


@dataclass(frozen=True)
class Preview:
    """A notice in one language: its text, the labels of its buttons by row, and for every
    channel that limits the length of a message whether the text fits in one (``fits``)."""

    text: str
    buttons: tuple[tuple[str, ...], ...]
    fits: dict[str, bool]

    @property
    def length(self) -> int:
        return len(self.text)

    @property
    def fits_everywhere(self) -> bool:
        return all(self.fits.values())


def rendered_for(data: NoticeInput) -> texts.Rendered:
    if data.kind == "outage":
        return outage_started.message(data.where, data.starts_at, data.ends_at, data.texts)
    assert data.ends_at is not None
    return planned_work_scheduled.message(
        data.where, data.starts_at, data.ends_at, data.texts or {}
    )


def render_previews(data: NoticeInput, channels: ChannelDirectory) -> dict[str, Preview]:
    """The notice in every language of the registry (Serbian in both scripts), with a
    ``fits`` entry for every channel of ``channels`` that limits a message's length."""
    return _previews(rendered_for(data), channels)


def update_previews(
    now: OutageNow, change: OutageChange, channels: ChannelDirectory
) -> dict[str, Preview]:
    """How an update of a published outage will read, as the alerts engine renders it: the
    outage with the change applied (areas added, a new expected end, a new reason)."""
    added = (*change.areas, *change.places)
    areas = (*now.areas, *(area for area in dict.fromkeys(added) if area not in now.areas))
    ends_at = change.ends_at or now.ends_at
    texts_now = change.texts if change.texts is not None else now.texts
    return _previews(outage_updated.message(areas, ends_at, texts_now), channels)


def _previews(rendered: texts.Rendered, channels: ChannelDirectory) -> dict[str, Preview]:
    limited = channels.limited()
    previews: dict[str, Preview] = {}
    for language in languages.CODES:
        text, buttons = rendered[language]
        rows = json.loads(buttons) if buttons else []
        previews[language] = Preview(
            text=text,
            buttons=tuple(tuple(label for label, _payload in row) for row in rows),
            fits={channel.name: channel.fits(text) for channel in limited},
        )
    return previews
