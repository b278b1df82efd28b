"""Readers of the folded words for the safety check (:mod:`services.faq.safety`): whether a
word names a line, a touch, a device, a touchable thing; whether something hangs or is live;
whether a meter is one of water. The words are in :mod:`services.faq.safety_words`."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from services.faq import safety_words as w


def has(words: Sequence[str], prefixes: tuple[str, ...], exact: Collection[str] = ()) -> bool:
    return any(word.startswith(prefixes) or word in exact for word in words)


def is_touch(word: str) -> bool:
    """A word of touching ("prek", "touched", "dirnuo"), not Serbian "preko" or "prekid"."""
    return word.startswith(w.TOUCH_PREFIXES) and not word.startswith(w.NOT_TOUCH)


def touched(words: Sequence[str]) -> bool:
    return any(is_touch(word) for word in words)


def is_line(word: str) -> bool:
    """A wire, cable, pole or line, in any ending."""
    return word in w.LINE_WORDS or word.startswith(w.LINE_PREFIXES)


def hangs(words: Sequence[str]) -> bool:
    """Serbian "vise" as *hangs* (before where it hangs), not *more*."""
    return any(
        word == "vise" and index + 1 < len(words) and words[index + 1] in w.HANGING_AFTER
        for index, word in enumerate(words)
    )


def live(words: Sequence[str]) -> bool:
    """Whether something is said to be live ("pod strujom", "ka rrymë"), not "nuk ka rrymë"."""
    return any(
        word in w.LIVE_BEFORE
        and index + 1 < len(words)
        and words[index + 1].startswith(w.LIVE_BEFORE[word])
        and (index == 0 or words[index - 1] not in w.NEGATIONS)
        for index, word in enumerate(words)
    )


def only_poles(words: Sequence[str]) -> bool:
    """Whether every wire-like thing named is a pole (which stands in a yard or a street)."""
    named = [word for word in words if is_line(word)]
    return bool(named) and all(word.startswith(w.POLE_PREFIXES) for word in named)


def devices(words: Sequence[str]) -> list[str]:
    """The words that name a device carrying power: not a town that starts like one
    ("Prizren"), nor "sahat" after a number (hours), nor a meter of water."""
    named = []
    for index, word in enumerate(words):
        if not (word.startswith(w.DEVICE_PREFIXES) or word in w.DEVICE_WORDS):
            continue
        if word.startswith(w.NOT_DEVICES):
            continue
        before = words[index - 1] if index else ""
        if word.startswith(w.HOURS) and (before.isdigit() or before in w.NUMERALS):
            continue
        if word.startswith(w.METER_PREFIXES) and of_water(words, index):
            continue
        named.append(word)
    return named


def of_water(words: Sequence[str], index: int) -> bool:
    """Whether the meter at ``index`` is one of water: water just before it ("water meter"),
    or after it as its genitive, possessives aside ("sahati i ujit", "sahati im i ujit",
    "brojilo za vodu", "brojilo vode"); not water that runs into it ("iz brojila curi voda")."""
    if index > 0 and words[index - 1].startswith(w.WATER_OF_METER):
        return True
    after = [word for word in words[index + 1 : index + 4] if word not in w.MINE]
    after += ["", ""]
    return after[0] in w.WATER_GENITIVE or (
        after[0] in w.OF and after[1].startswith(w.WATER_OF_METER)
    )


def power_line(word: str) -> bool:
    """A word that is a power line when the power or a tree is named ("power line", "linja e
    tensionit", "dalekovodni vod"), not water ("voda", "vodovod")."""
    if word in w.WATER_NOT_LINES or word.startswith(w.WATER_NOT_LINE_PREFIXES):
        return False
    return word.startswith(w.LINE_PREFIXES_WITH_POWER)


def touchable(words: Sequence[str]) -> bool:
    """A metal thing or a household appliance: what gives a shock when touched."""
    return has(words, w.METAL_PREFIXES + w.APPLIANCE_PREFIXES, w.TOUCHABLE_WORDS)
