"""Signs of a hazard the safety check (:mod:`services.faq.safety`) learnt from round 8 on
(issue 20; docs/faq-engine.md, rounds 8 to 10), each with the everyday sense it must not take:
an appliance that gives the power, a noise or a flash from the network, a burning smell where
the power runs, a reaction on touching, a line that is live, in the branches or on a car, an
animal dead by a line, a lamp with water; a fence's post, a denied wire or fire, lights that
trembled, a bill that "is fire"."""

from __future__ import annotations

from collections.abc import Sequence

from services.faq import safety_reading as r
from services.faq import safety_words as w


def touches_telecom(words: Sequence[str]) -> bool:
    """A wire that touches an aerial or a dish ("žica dodiruje satelitsku antenu"): the
    wire is the power's; the telecom thing is what it touches."""
    line = next((i for i, word in enumerate(words) if r.is_line(word)), None)
    touch = next((i for i, word in enumerate(words) if r.is_touch(word)), None)
    return line is not None and touch is not None and line < touch


def lights_trembled(words: Sequence[str]) -> bool:
    """The lights trembled ("dritat u dridhën", "svetla su zatreperila"): they flickered; the
    only verb of striking is a trembling and a light is named."""
    verbs = [word for word in words if word.startswith(w.SHOCK_VERBS)]
    return (
        bool(verbs)
        and all(word.startswith(("dridh", "tres", "trese")) for word in verbs)
        and r.has(words, w.LIGHTS_PREFIXES)
        and not r.touched(words)
    )


def gives_power(words: Sequence[str]) -> bool:
    """A metal thing or an appliance gives off the power ("rubineti jep rrymë", "kapija daje
    struju", "the railing gives a shock"), not "nuk jep"."""
    if not r.touchable(words):
        return False
    return any(
        word in w.GIVES_POWER
        and (index == 0 or words[index - 1] not in w.NEGATIONS)
        and index + 1 < len(words)
        and words[index + 1].startswith(w.POWER_PREFIXES + ("shock",))
        for index, word in enumerate(words)
    )


def sounds_or_flashes(words: Sequence[str], line: bool, devices: Sequence[str]) -> bool:
    """A loud noise, a bang or a hum from a thing of the network, or flashes from a line or a
    transformer (not a meter's own blinking light): "zhurmë e fortë dhe dritë vezulluese prej
    transformatorit", "trafo bruji i seva"; ``devices``: the things of the power named."""
    if not (line or devices):
        return False
    if r.has(words, w.NOISE_PREFIXES):
        return True
    network = line or any(not device.startswith(w.METER_PREFIXES) for device in devices)
    text = " ".join(words)
    return network and (
        r.has(words, w.FLASH_PREFIXES) or any(phrase in text for phrase in w.FLASH_PHRASES)
    )


def fence_post(words: Sequence[str]) -> bool:
    """Every pole named is a fence's ("stub od ograde", "stub ograde", "shtylla e gardhit"):
    no line."""
    poles = [i for i, word in enumerate(words) if r.is_line(word)]
    if not poles or not r.only_poles(words):
        return False
    return all(_of_a_fence([*words[i + 1 : i + 3], "", ""]) for i in poles)


def _of_a_fence(after: Sequence[str]) -> bool:
    """Whether the words after a pole make it a fence's: the fence's genitive next, or after
    "od" or the Albanian article "e"."""
    fence = w.FENCE_OF_POLE
    return after[0] in fence or (after[0] in ("od", "e") and after[1] in fence)


def burning_smell(words: Sequence[str], device: bool, power: bool, cooking: bool) -> bool:
    """A smell of burning or of melting plastic where the power runs (lights, a wall, a thing
    of the power), not from a kitchen: "ka erë si me u djeg diçka dhe dritat dridhen"."""
    if cooking or not r.has(words, w.SMELL_PREFIXES):
        return False
    burning = r.has(words, w.FIRE_PREFIXES + w.SMELL_OF_POWER, w.FIRE_WORDS)
    where = device or power or r.has(words, w.LIGHTS_PREFIXES + w.WALL_PREFIXES)
    return burning and where


def reacted(words: Sequence[str], line: bool, device: bool) -> bool:
    """Someone touched a thing of the power and cried or jumped (a child touched a socket), or
    an animal yelped by a pole; a child's touch of a socket is told as danger already."""
    reaction = r.has(words, w.REACTION_PREFIXES, w.REACTION_WORDS)
    touched = r.touched(words) and (device or r.touchable(words))
    if touched and (reaction or r.has(words, w.CHILD_PREFIXES)):
        return not any(
            word in ("nuk", "not", "nije", "nothing", "asgje", "nista") for word in words
        )
    return line and reaction


def line_live(words: Sequence[str]) -> bool:
    """A line or a pole said or asked to be live: "stub pod naponom", "is the post live", not
    "we live by the pole"."""
    if any(word in ("pod", "nen") and r.live(words[i:]) for i, word in enumerate(words)):
        return True
    return any(
        word == "live" and (i == 0 or words[i - 1] not in ("i", "we", "they", "you", "people"))
        for i, word in enumerate(words)
    ) and not {"is", "are"}.isdisjoint(words)


def denied_fire(words: Sequence[str]) -> bool:
    """Every sign of fire is denied ("pa asnjë erë apo tym", "no smoke or smell", "bez dima")."""
    signs = [
        i
        for i, word in enumerate(words)
        if word.startswith(w.FIRE_PREFIXES) or word in w.FIRE_WORDS
    ]
    return bool(signs) and all(not w.WITHOUT.isdisjoint(words[max(0, i - 3) : i]) for i in signs)


def dead_by_a_line(words: Sequence[str], line: bool) -> bool:
    """An animal found dead by a pole or under a line."""
    dead = r.has(words, w.DEAD_PREFIXES) or (
        r.has(words, w.DEAD_ANIMAL) and r.has(words, w.ANIMAL_PREFIXES)
    )
    return line and dead


def on_a_car(words: Sequence[str]) -> bool:
    """A car or a truck a thing lies on ("mbi makinën e komshiut", "on my car", "na kola"):
    the word of "on" just before it, or one word (an article, "my") between."""
    return any(
        word.startswith(w.CAR_PREFIXES)
        and not w.ON_WORDS.isdisjoint(words[max(0, index - 2) : index])
        for index, word in enumerate(words)
    )


def bill_on_fire(words: Sequence[str]) -> bool:
    """A bill said to be fire ("fatura kete muaj osht zjarr fare"): a figure of speech for a
    dear bill, every fire word just after "is" or "like"."""
    if not r.has(words, w.BILL_PREFIXES):
        return False
    fires = [i for i, word in enumerate(words) if word.startswith(w.FIRE_PREFIXES)]
    return bool(fires) and all(not w.COPULAS.isdisjoint(words[max(0, i - 2) : i]) for i in fires)


def lamp_hazard(words: Sequence[str], wet: bool) -> bool:
    """Water in a lamp, or a lamp crackling or sparking ("voda curi u lampu, pucketa"); not a
    bulb that burnt out."""
    if not r.has(words, w.LAMP_PREFIXES) or r.has(words, ("lamppost",)):
        return False
    return wet or r.has(words, w.NOISE_PREFIXES + ("crackl", "pucket", "kercet", "kercas", "cvrc"))


def denied_lines(words: Sequence[str]) -> bool:
    """Every line named is denied just before it ("nuk ka asnjë tel afër", "nowhere near any
    wires", "nema žica blizu", "nije blizu žica")."""
    lines = [i for i, word in enumerate(words) if r.is_line(word)]
    return bool(lines) and all(
        not w.NO_LINE_BEFORE.isdisjoint(words[max(0, i - 3) : i]) for i in lines
    )
