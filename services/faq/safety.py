"""The safety check: does a message tell of an electrical hazard? It runs before anything else.

High recall on purpose, and separate from the topic matcher: a message about a hazard must get
the safety answer even when it is written in a way no training phrase foresaw, in any language
or script, with or without diacritics. It reads the folded words (Serbian Cyrillic as Latin,
no diacritics, lower case; the words themselves are in :mod:`services.faq.safety_words`) and
looks for

- a thing that carries power and can fall (a wire, cable, pole, line) with a sign that fits
  it: fallen, hanging low, on the ground or the road, leaning, cracked, swaying, rotten,
  snapped, bare, touching a roof or a fence;
- a thing that carries power (those, and a meter, box, cabinet, socket, transformer) with
  sparks, fire, smoke, a burning smell, melting, heat, a crackling or buzzing, or water;
- sparks on their own; fire, smoke or burning with the power named;
- an electric shock, told in any way: "got a shock", "felt the current", "thrown back when he
  touched the box", ``më zuri rryma``, ``udarila me struja``, a fence that is live;
- an open or broken door of a transformer station or a box with children or bare wires, and
  "danger" with a thing or the power named.

Everyday messages are not flagged: a broken meter, "my phone fell", "the power is down", a
cable of another network (internet, TV, a charger), a water meter, and figures of speech about
money ("the bill was a shock", ``racun me udario kao struja``, "my wallet is burning").

Round 4 read hazards by concept rather than by phrase: a line brought down by a storm or the
wind, a cable without its insulation, someone hurt (an ambulance came) with the power named, a
cable in any Albanian ending (``kabllja``); and it read the words that only look like a thing
of the power as what they are: a town (``Prizren`` is no ``priza``), ``sahat`` after a number
(hours, not the meter), a meter of water in any wording, sparks of a quarrel or of love, a
static shock, cooking burnt in an outage (``dreka``), a TV aerial's cable. Round 5: a pole or a
line struck by a vehicle, broken or crooked (``u thy``, ``u përplas``, "smashed", ``prelomio``);
a club called "Shkëndija" or "Iskra" in talk of a match is no spark. Round 7: a device or a
metal thing touched that struck or shook the one who touched it is a shock, power named or not.
The signs learnt from round 8 on are in :mod:`services.faq.safety_signs`; the readers of the
words that both use, in :mod:`services.faq.safety_reading`.
"""

from __future__ import annotations

from collections.abc import Sequence

from services.faq import safety_reading as r
from services.faq import safety_signs as signs
from services.faq import safety_words as w
from services.faq.normalize import tokens


def _things(words: Sequence[str], text: str) -> tuple[bool, list[str]]:
    """Whether a wire-like thing is named, and the other things that carry power named."""
    power = r.has(words, w.POWER_PREFIXES, w.POWER_WORDS)
    telecom = r.has(words, w.TELECOM_PREFIXES, w.TELECOM_WORDS) or any(
        phrase in text for phrase in w.PHONE_TEL
    )
    telecom = telecom and not power and not signs.touches_telecom(words)
    named = power or r.has(words, w.TREE_PREFIXES, w.POWER_OF_LINES)
    stormed = (
        r.has(words, w.STORM_PREFIXES, w.STORM_WORDS)
        and not telecom
        and not r.has(words, w.TRANSPORT_PREFIXES)
        and r.has(words, w.LINE_PREFIXES_AFTER_STORM)
    )
    line = (
        (not telecom and any(r.is_line(word) for word in words))
        or (any(phrase in text for phrase in w.LINE_PHRASES))
        or (named and any(r.power_line(word) for word in words))
        or stormed
    )
    return line, r.devices(words)


def _figure_of_speech(words: Sequence[str], text: str, device: bool) -> bool:
    """Money talk with a shock or a burn and no thing named: "the bill was a shock"."""
    if device or r.touched(words):
        return False
    return r.has(words, w.MONEY_PREFIXES) or any(simile in text for simile in w.SIMILES)


def _shock(words: Sequence[str], device: bool, power: bool) -> bool:
    """An electric shock: a shock word, a verb of striking with the power, or "felt" it."""
    if r.has(words, w.ABSORBERS):
        return False
    if r.has(words, ("electrocut",)) or not w.POWER_VERBS.isdisjoint(words):
        return True
    text = " ".join(words)
    if any(blow in text for blow in w.GOT_A_BLOW) and (device or power or r.touchable(words)):
        return True
    touch = r.touched(words)
    struck = (
        power
        and not r.has(words, w.LIGHTNING_PREFIXES)
        and (r.has(words, w.SHOCK_VERBS) or any(word in w.SHOCK_SHORT for word in words))
        and not signs.lights_trembled(words)
    )
    felt = power and r.has(words, w.FELT_PREFIXES)
    if struck or felt or _struck_on_touch(words, device, touch):
        return True
    if r.has(words, w.STATIC_PREFIXES) and not device:
        return False
    if r.has(words, w.SHOCK_WORDS) and (device or power or touch or r.touchable(words)):
        return True
    return "shock" in words and r.has(words, w.SHOCK_CONTEXT)


def _struck_on_touch(words: Sequence[str], device: bool, touch: bool) -> bool:
    """A device or a metal thing touched, and it struck or shook the one who touched it: a
    shock even with no power named ("kur preka derën e hekurt të kutisë më goditi")."""
    if not touch or not (device or r.touchable(words)):
        return False
    if r.has(words, w.LIGHTNING_PREFIXES + w.STORM_PREFIXES) or not w.NEGATIONS.isdisjoint(words):
        return False
    verbs = w.SHOCK_VERBS + w.STRUCK_ON_TOUCH
    return any(
        word.startswith(verbs) and (index == 0 or words[index - 1] != "se")  # "se udario": fell
        for index, word in enumerate(words)
    )


def _sparks(words: Sequence[str], text: str, device: bool) -> bool:
    """Sparks, not a spark plug nor sparkling water."""
    sparks = [
        word
        for word in words
        if (word.startswith(w.SPARK_PREFIXES) or word in w.SPARK_WORDS)
        and not word.startswith(w.NOT_SPARKS)
    ]
    if not sparks or _between_people(words, device) or (not device and _sport(words)):
        return False
    if not device and r.has(words, w.LIGHTNING_PREFIXES):  # "munje sevaju": lightning flashes
        return False
    return not (all(word.startswith("spark") for word in sparks) and "spark plug" in text)


def _between_people(words: Sequence[str], device: bool) -> bool:
    """Sparks of a quarrel or of love ("shkëndija e dashnisë", "posvađali se, varnice lete"),
    or between people with no thing named ("varnice lete između mene i komšije"; "sparks
    between the wires" is a hazard): a figure of speech."""
    if r.has(words, w.QUARREL_PREFIXES):
        return True
    return not device and (not w.BETWEEN.isdisjoint(words) or r.has(words, w.LOVE_PREFIXES))


def _sport(words: Sequence[str]) -> bool:
    """Talk of a match ("si doli Shkëndija dje", "kada igra Iskra"): a club's name, not sparks."""
    if r.has(words, w.SPORT_PREFIXES):
        return True
    return not w.SPORT_PLAYS.isdisjoint(words) and not r.has(words, w.KIDS_PREFIXES)


def _touched_live(words: Sequence[str], device: bool, power: bool) -> bool:
    """The power named with a touch of a metal thing or a device, and no negation: "i ra
    rryma kur preku kangjellat" (it struck him when he touched the railing)."""
    if not (power and r.touched(words)):
        return False
    if any(word in w.NEGATIONS for word in words):
        return False
    return device or r.touchable(words)


def is_hazard(text: str) -> bool:
    """Whether ``text`` tells of an electrical hazard (in sq, en or sr, either script)."""
    words = tokens(text)
    if not words:
        return False
    folded = " ".join(words)
    line, devices = _things(words, folded)
    if signs.fence_post(words) or signs.denied_lines(words):
        line = False
    device = line or bool(devices)
    power = r.has(words, w.POWER_PREFIXES, w.POWER_WORDS)
    figure = _figure_of_speech(words, folded, device) or any(i in folded for i in w.IDIOMS)
    heating = r.has(words, w.HEATING_PREFIXES, w.HEATING_WORDS)
    if _sparks(words, folded, device) and not figure and (device or power or not heating):
        return True
    works = r.has(words, w.WORKS_PREFIXES)
    fallen_words = w.FALLEN_WORDS - {"cut"} if works else w.FALLEN_WORDS
    if line and (r.has(words, w.FALLEN_PREFIXES, fallen_words) or r.hangs(words)):
        return True
    if signs.sounds_or_flashes(words, line, devices) and not figure:
        return True
    placed = r.has(words, w.LOCATION_PREFIXES) or signs.on_a_car(words)
    if line and placed and not r.only_poles(words) and not works:
        return True
    if line and r.has(words, w.BRANCH_PREFIXES) and not r.only_poles(words) and not works:
        return True
    if (
        line
        and not r.only_poles(words)
        and (r.has(words, w.KIDS_PREFIXES) or any(phrase in folded for phrase in w.COME_OFF))
    ):
        return True
    fire = r.has(words, w.FIRE_PREFIXES, w.FIRE_WORDS)
    fire = (
        fire
        and not any(idiom in folded for idiom in w.FIRE_IDIOMS)
        and not signs.denied_fire(words)
    )
    fire = fire and not signs.bill_on_fire(words)
    cooking = heating or r.has(words, w.COOKING_PREFIXES)
    if fire and (device or (power and not figure and not cooking)):
        return True
    wet = r.has(words, w.WATER_PREFIXES, w.WATER_WORDS)
    wet = wet and "flood of" not in folded
    if wet and device and not any(meter in folded for meter in w.WATER_METERS):
        return True
    if not figure and _shock(words, device, power):
        return True
    if (r.has(words, w.METAL_PREFIXES) and r.live(words)) or signs.gives_power(words):
        return True
    if _touched_live(words, device, power):
        return True
    if (
        power
        and not figure
        and r.has(words, w.INJURY_PREFIXES)
        and not r.has(words, w.LIGHTNING_PREFIXES)
    ):
        return True
    opened = r.has(words, w.OPEN_PREFIXES, {"hap"}) or any(phrase in folded for phrase in w.NO_DOOR)
    if device and opened and r.has(words, w.CHILD_PREFIXES):
        return True
    if signs.lamp_hazard(words, wet) or signs.burning_smell(words, device, power, cooking):
        return True
    if signs.reacted(words, line, device) or (line and signs.line_live(words)):
        return True
    if signs.dead_by_a_line(words, line) or (line and r.has(words, w.CLIMB_PREFIXES)):
        return True
    return r.has(words, w.DANGER_PREFIXES) and (device or power)
