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
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from services.faq import safety_words as w
from services.faq.normalize import tokens


def _has(words: Sequence[str], prefixes: tuple[str, ...], exact: Collection[str] = ()) -> bool:
    return any(word.startswith(prefixes) or word in exact for word in words)


def _is_touch(word: str) -> bool:
    """A word of touching ("prek", "touched", "dirnuo"), not Serbian "preko" or "prekid"."""
    return word.startswith(w.TOUCH_PREFIXES) and not word.startswith(w.NOT_TOUCH)


def _touched(words: Sequence[str]) -> bool:
    return any(_is_touch(word) for word in words)


def _is_line(word: str) -> bool:
    """A wire, cable, pole or line, in any ending."""
    return word in w.LINE_WORDS or word.startswith(w.LINE_PREFIXES)


def _hangs(words: Sequence[str]) -> bool:
    """Serbian "vise" as *hangs* (before where it hangs), not *more*."""
    return any(
        word == "vise" and index + 1 < len(words) and words[index + 1] in w.HANGING_AFTER
        for index, word in enumerate(words)
    )


def _live(words: Sequence[str]) -> bool:
    """Whether something is said to be live ("pod strujom", "ka rrymë"), not "nuk ka rrymë"."""
    return any(
        word in w.LIVE_BEFORE
        and index + 1 < len(words)
        and words[index + 1].startswith(w.LIVE_BEFORE[word])
        and (index == 0 or words[index - 1] not in w.NEGATIONS)
        for index, word in enumerate(words)
    )


def _only_poles(words: Sequence[str]) -> bool:
    """Whether every wire-like thing named is a pole (which stands in a yard or a street)."""
    named = [word for word in words if _is_line(word)]
    return bool(named) and all(word.startswith(w.POLE_PREFIXES) for word in named)


def _devices(words: Sequence[str]) -> list[str]:
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
        if word.startswith(w.METER_PREFIXES) and _of_water(words, index):
            continue
        named.append(word)
    return named


def _of_water(words: Sequence[str], index: int) -> bool:
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


def _power_line(word: str) -> bool:
    """A word that is a power line when the power or a tree is named ("power line", "linja e
    tensionit", "dalekovodni vod"), not water ("voda", "vodovod")."""
    if word in w.WATER_NOT_LINES or word.startswith(w.WATER_NOT_LINE_PREFIXES):
        return False
    return word.startswith(w.LINE_PREFIXES_WITH_POWER)


def _things(words: Sequence[str], text: str) -> tuple[bool, bool]:
    """Whether a wire-like thing is named, and whether any thing that carries power is."""
    power = _has(words, w.POWER_PREFIXES, w.POWER_WORDS)
    telecom = _has(words, w.TELECOM_PREFIXES, w.TELECOM_WORDS) or any(
        phrase in text for phrase in w.PHONE_TEL
    )
    telecom = telecom and not power and not _touches_telecom(words)
    named = power or _has(words, w.TREE_PREFIXES, w.POWER_OF_LINES)
    stormed = (
        _has(words, w.STORM_PREFIXES, w.STORM_WORDS)
        and not telecom
        and not _has(words, w.TRANSPORT_PREFIXES)
        and _has(words, w.LINE_PREFIXES_AFTER_STORM)
    )
    line = (
        (not telecom and any(_is_line(word) for word in words))
        or (any(phrase in text for phrase in w.LINE_PHRASES))
        or (named and any(_power_line(word) for word in words))
        or stormed
    )
    device = line or bool(_devices(words))
    return line, device


def _touches_telecom(words: Sequence[str]) -> bool:
    """A wire that touches an aerial or a dish ("žica dodiruje satelitsku antenu"): the
    wire is the power's; the telecom thing is what it touches."""
    line = next((i for i, word in enumerate(words) if _is_line(word)), None)
    touch = next((i for i, word in enumerate(words) if _is_touch(word)), None)
    return line is not None and touch is not None and line < touch


def _figure_of_speech(words: Sequence[str], text: str, device: bool) -> bool:
    """Money talk with a shock or a burn and no thing named: "the bill was a shock"."""
    if device or _touched(words):
        return False
    return _has(words, w.MONEY_PREFIXES) or any(simile in text for simile in w.SIMILES)


def _shock(words: Sequence[str], device: bool, power: bool) -> bool:
    """An electric shock: a shock word, a verb of striking with the power, or "felt" it."""
    if _has(words, w.ABSORBERS):
        return False
    if _has(words, ("electrocut",)) or not w.POWER_VERBS.isdisjoint(words):
        return True
    text = " ".join(words)
    if any(blow in text for blow in w.GOT_A_BLOW) and (device or power or _touchable(words)):
        return True
    touch = _touched(words)
    struck = (
        power
        and not _has(words, w.LIGHTNING_PREFIXES)
        and (_has(words, w.SHOCK_VERBS) or any(word in w.SHOCK_SHORT for word in words))
        and not _lights_trembled(words)
    )
    felt = power and _has(words, w.FELT_PREFIXES)
    if struck or felt or _struck_on_touch(words, device, touch):
        return True
    if _has(words, w.STATIC_PREFIXES) and not device:
        return False
    if _has(words, w.SHOCK_WORDS) and (device or power or touch or _touchable(words)):
        return True
    return "shock" in words and _has(words, w.SHOCK_CONTEXT)


def _lights_trembled(words: Sequence[str]) -> bool:
    """The lights trembled ("dritat u dridhën", "svetla su zatreperila"): they flickered; the
    only verb of striking is a trembling and a light is named."""
    verbs = [word for word in words if word.startswith(w.SHOCK_VERBS)]
    return (
        bool(verbs)
        and all(word.startswith(("dridh", "tres", "trese")) for word in verbs)
        and _has(words, w.LIGHTS_PREFIXES)
        and not _touched(words)
    )


def _gives_power(words: Sequence[str]) -> bool:
    """A metal thing or an appliance gives off the power ("rubineti jep rrymë", "kapija daje
    struju", "the railing gives a shock"), not "nuk jep"."""
    if not _touchable(words):
        return False
    return any(
        word in w.GIVES_POWER
        and (index == 0 or words[index - 1] not in w.NEGATIONS)
        and index + 1 < len(words)
        and words[index + 1].startswith(w.POWER_PREFIXES + ("shock",))
        for index, word in enumerate(words)
    )


def _struck_on_touch(words: Sequence[str], device: bool, touch: bool) -> bool:
    """A device or a metal thing touched, and it struck or shook the one who touched it: a
    shock even with no power named ("kur preka derën e hekurt të kutisë më goditi")."""
    if not touch or not (device or _touchable(words)):
        return False
    if _has(words, w.LIGHTNING_PREFIXES + w.STORM_PREFIXES) or not w.NEGATIONS.isdisjoint(words):
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
    if not device and _has(words, w.LIGHTNING_PREFIXES):  # "munje sevaju": lightning flashes
        return False
    return not (all(word.startswith("spark") for word in sparks) and "spark plug" in text)


def _between_people(words: Sequence[str], device: bool) -> bool:
    """Sparks of a quarrel or of love ("shkëndija e dashnisë", "posvađali se, varnice lete"),
    or between people with no thing named ("varnice lete između mene i komšije"; "sparks
    between the wires" is a hazard): a figure of speech."""
    if _has(words, w.QUARREL_PREFIXES):
        return True
    return not device and (not w.BETWEEN.isdisjoint(words) or _has(words, w.LOVE_PREFIXES))


def _sport(words: Sequence[str]) -> bool:
    """Talk of a match ("si doli Shkëndija dje", "kada igra Iskra"): a club's name, not sparks."""
    if _has(words, w.SPORT_PREFIXES):
        return True
    return not w.SPORT_PLAYS.isdisjoint(words) and not _has(words, w.KIDS_PREFIXES)


def _touched_live(words: Sequence[str], device: bool, power: bool) -> bool:
    """The power named with a touch of a metal thing or a device, and no negation: "i ra
    rryma kur preku kangjellat" (it struck him when he touched the railing)."""
    if not (power and _touched(words)):
        return False
    if any(word in w.NEGATIONS for word in words):
        return False
    return device or _touchable(words)


def _touchable(words: Sequence[str]) -> bool:
    """A metal thing or a household appliance: what gives a shock when touched."""
    return _has(words, w.METAL_PREFIXES + w.APPLIANCE_PREFIXES, w.TOUCHABLE_WORDS)


def _sounds_or_flashes(words: Sequence[str], line: bool) -> bool:
    """A loud noise, a bang or a hum from a thing of the network, or flashes from a line or a
    transformer (not a meter's own blinking light): "zhurmë e fortë dhe dritë vezulluese prej
    transformatorit", "trafo bruji i seva"."""
    devices = _devices(words)
    if not (line or devices):
        return False
    if _has(words, w.NOISE_PREFIXES):
        return True
    network = line or any(not device.startswith(w.METER_PREFIXES) for device in devices)
    text = " ".join(words)
    return network and (
        _has(words, w.FLASH_PREFIXES) or any(phrase in text for phrase in w.FLASH_PHRASES)
    )


def _fence_post(words: Sequence[str]) -> bool:
    """Every pole named is a fence's ("stub od ograde", "stub ograde", "shtylla e gardhit"):
    no line."""
    poles = [i for i, word in enumerate(words) if _is_line(word)]
    if not poles or not _only_poles(words):
        return False
    return all(_of_a_fence([*words[i + 1 : i + 3], "", ""]) for i in poles)


def _of_a_fence(after: Sequence[str]) -> bool:
    """Whether the words after a pole make it a fence's: the fence's genitive next, or after
    "od" or the Albanian article "e"."""
    fence = w.FENCE_OF_POLE
    return after[0] in fence or (after[0] in ("od", "e") and after[1] in fence)


def _burning_smell(words: Sequence[str], device: bool, power: bool, cooking: bool) -> bool:
    """A smell of burning or of melting plastic where the power runs (lights, a wall, a thing
    of the power), not from a kitchen: "ka erë si me u djeg diçka dhe dritat dridhen"."""
    if cooking or not _has(words, w.SMELL_PREFIXES):
        return False
    burning = _has(words, w.FIRE_PREFIXES + w.SMELL_OF_POWER, w.FIRE_WORDS)
    where = device or power or _has(words, w.LIGHTS_PREFIXES + w.WALL_PREFIXES)
    return burning and where


def _reacted(words: Sequence[str], line: bool, device: bool) -> bool:
    """Someone touched a thing of the power and cried or jumped (a child touched a socket), or
    an animal yelped by a pole; a child's touch of a socket is told as danger already."""
    reaction = _has(words, w.REACTION_PREFIXES, w.REACTION_WORDS)
    touched = _touched(words) and (device or _touchable(words))
    if touched and (reaction or _has(words, w.CHILD_PREFIXES)):
        return not any(
            word in ("nuk", "not", "nije", "nothing", "asgje", "nista") for word in words
        )
    return line and reaction


def _line_live(words: Sequence[str]) -> bool:
    """A line or a pole said or asked to be live: "stub pod naponom", "is the post live", not
    "we live by the pole"."""
    if any(word in ("pod", "nen") and _live(words[i:]) for i, word in enumerate(words)):
        return True
    return any(
        word == "live" and (i == 0 or words[i - 1] not in ("i", "we", "they", "you", "people"))
        for i, word in enumerate(words)
    ) and not {"is", "are"}.isdisjoint(words)


def _denied_fire(words: Sequence[str]) -> bool:
    """Every sign of fire is denied ("pa asnjë erë apo tym", "no smoke or smell", "bez dima")."""
    signs = [
        i
        for i, word in enumerate(words)
        if word.startswith(w.FIRE_PREFIXES) or word in w.FIRE_WORDS
    ]
    return bool(signs) and all(not w.WITHOUT.isdisjoint(words[max(0, i - 3) : i]) for i in signs)


def _dead_by_a_line(words: Sequence[str], line: bool) -> bool:
    """An animal found dead by a pole or under a line."""
    dead = _has(words, w.DEAD_PREFIXES) or (
        _has(words, w.DEAD_ANIMAL) and _has(words, w.ANIMAL_PREFIXES)
    )
    return line and dead


def _on_a_car(words: Sequence[str]) -> bool:
    """A car or a truck a thing lies on ("mbi makinën e komshiut", "on my car", "na kola"):
    the word of "on" just before it, or one word (an article, "my") between."""
    return any(
        word.startswith(w.CAR_PREFIXES)
        and not w.ON_WORDS.isdisjoint(words[max(0, index - 2) : index])
        for index, word in enumerate(words)
    )


def _bill_on_fire(words: Sequence[str]) -> bool:
    """A bill said to be fire ("fatura kete muaj osht zjarr fare"): a figure of speech for a
    dear bill, every fire word just after "is" or "like"."""
    if not _has(words, w.BILL_PREFIXES):
        return False
    fires = [i for i, word in enumerate(words) if word.startswith(w.FIRE_PREFIXES)]
    return bool(fires) and all(not w.COPULAS.isdisjoint(words[max(0, i - 2) : i]) for i in fires)


def _lamp_hazard(words: Sequence[str], wet: bool) -> bool:
    """Water in a lamp, or a lamp crackling or sparking ("voda curi u lampu, pucketa"); not a
    bulb that burnt out."""
    if not _has(words, w.LAMP_PREFIXES) or _has(words, ("lamppost",)):
        return False
    return wet or _has(words, w.NOISE_PREFIXES + ("crackl", "pucket", "kercet", "kercas", "cvrc"))


def _denied_lines(words: Sequence[str]) -> bool:
    """Every line named is denied just before it ("nuk ka asnjë tel afër", "nowhere near any
    wires", "nema žica blizu", "nije blizu žica")."""
    lines = [i for i, word in enumerate(words) if _is_line(word)]
    return bool(lines) and all(
        not w.NO_LINE_BEFORE.isdisjoint(words[max(0, i - 3) : i]) for i in lines
    )


def is_hazard(text: str) -> bool:
    """Whether ``text`` tells of an electrical hazard (in sq, en or sr, either script)."""
    words = tokens(text)
    if not words:
        return False
    folded = " ".join(words)
    line, device = _things(words, folded)
    if _fence_post(words) or _denied_lines(words):
        line = False
        device = bool(_devices(words))
    power = _has(words, w.POWER_PREFIXES, w.POWER_WORDS)
    figure = _figure_of_speech(words, folded, device) or any(i in folded for i in w.IDIOMS)
    heating = _has(words, w.HEATING_PREFIXES, w.HEATING_WORDS)
    if _sparks(words, folded, device) and not figure and (device or power or not heating):
        return True
    works = _has(words, w.WORKS_PREFIXES)
    signs = w.FALLEN_WORDS - {"cut"} if works else w.FALLEN_WORDS
    if line and (_has(words, w.FALLEN_PREFIXES, signs) or _hangs(words)):
        return True
    if _sounds_or_flashes(words, line) and not figure:
        return True
    placed = _has(words, w.LOCATION_PREFIXES) or _on_a_car(words)
    if line and placed and not _only_poles(words) and not works:
        return True
    if line and _has(words, w.BRANCH_PREFIXES) and not _only_poles(words) and not works:
        return True
    if (
        line
        and not _only_poles(words)
        and (_has(words, w.KIDS_PREFIXES) or any(phrase in folded for phrase in w.COME_OFF))
    ):
        return True
    fire = _has(words, w.FIRE_PREFIXES, w.FIRE_WORDS)
    fire = fire and not any(idiom in folded for idiom in w.FIRE_IDIOMS) and not _denied_fire(words)
    fire = fire and not _bill_on_fire(words)
    cooking = heating or _has(words, w.COOKING_PREFIXES)
    if fire and (device or (power and not figure and not cooking)):
        return True
    wet = _has(words, w.WATER_PREFIXES, w.WATER_WORDS)
    wet = wet and "flood of" not in folded
    if wet and device and not any(meter in folded for meter in w.WATER_METERS):
        return True
    if not figure and _shock(words, device, power):
        return True
    if (_has(words, w.METAL_PREFIXES) and _live(words)) or _gives_power(words):
        return True
    if _touched_live(words, device, power):
        return True
    if (
        power
        and not figure
        and _has(words, w.INJURY_PREFIXES)
        and not _has(words, w.LIGHTNING_PREFIXES)
    ):
        return True
    opened = _has(words, w.OPEN_PREFIXES, {"hap"}) or any(phrase in folded for phrase in w.NO_DOOR)
    if device and opened and _has(words, w.CHILD_PREFIXES):
        return True
    if _lamp_hazard(words, wet) or _burning_smell(words, device, power, cooking):
        return True
    if _reacted(words, line, device) or (line and _line_live(words)):
        return True
    if _dead_by_a_line(words, line) or (line and _has(words, w.CLIMB_PREFIXES)):
        return True
    return _has(words, w.DANGER_PREFIXES) and (device or power)
