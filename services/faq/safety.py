"""The safety check: does a message tell of an electrical hazard? It runs before anything else.

High recall on purpose, and separate from the topic matcher: a message about a hazard must get
the safety answer even when it is written in a way no training phrase foresaw, in any language
or script, with or without diacritics. It reads the folded words (Serbian Cyrillic as Latin,
no diacritics, lower case) and looks for

- a thing that carries power (a wire, cable, pole, line, meter, box, socket, transformer)
  together with a sign of danger that fits it: fallen, hanging low, on the ground, leaning,
  bare (wires, cables, poles, lines); sparks, fire, smoke, a burning smell, melting, a bang,
  water (anything that carries power);
- sparks on their own, or fire, smoke or burning with the power named (``rryma``, ``struja``,
  electricity);
- an electric shock (``më zuri rryma``, ``udarila me struja``, "I got a shock from the meter").

Everyday messages are not flagged: a broken meter, "my phone fell", "the power is down", a
shocking bill, the phone line, cable TV without a sign of danger.
"""

from __future__ import annotations

from collections.abc import Sequence

from services.faq.normalize import tokens

# Things that carry power and can fall, hang or lie on the ground.
_LINE_WORDS_TEXT = (
    "wire wires cable cables pole poles powerline powerlines "
    "tel teli telin telat tela telave telit kabllo kablloja kabllot kabllon kabllove kabllos "
    "kabell kabelli kabllin kablli shtylle shtylla shtyllen shtyllat shtylles shtyllave direk "
    "direku direkun direket direkut "
    "zica zice zicu zicom zicama kabl kabla kablovi kablove kablu kablom stub stuba stubovi "
    "stubu bandera bandere banderu banderi dalekovod dalekovoda vod"
)
_LINE_WORDS = frozenset(_LINE_WORDS_TEXT.split())
# Things that carry power and can spark, burn, smoke, melt or take in water.
_DEVICE_PREFIXES = (
    "meter", "transformer", "substation", "socket", "outlet", "fuse", "breaker", "switchboard",
    "njehsor", "sahat", "trafo", "transformator", "priz", "kutia e", "siguresa", "sigures",
    "brojil", "strujomer", "ormar", "uticnic", "osigurac", "razvodn", "elektroormar",
)  # fmt: skip
_POWER_PREFIXES = (
    "electric", "rrym", "korent", "elektrik", "energji", "struj", "elektricn", "napon",
    "tension", "voltage",
)  # fmt: skip
_FALLEN_PREFIXES = (
    "fell", "fallen", "falling", "down", "hang", "dangl", "sagg", "ground", "lying", "snapp",
    "lean", "tilt", "collaps", "bare", "expos", "torn", "broke", "knock",
    "rene", "rane", "bie", "bjen", "var", "perdhe", "tok", "keput", "anua", "anohet",
    "pjerr", "rrezuar", "rrezu", "zhvesh", "shtrih", "thye", "lakuriq", "ulet", "rrxu",
    "pao", "pala", "palo", "pali", "pada", "visi", "vis", "obes", "zemlj", "pukao", "puk",
    "srusi", "nakriv", "nagnu", "kidan", "prekinut", "ogolj", "gol", "nisko", "lez", "srus",
    "street", "road", "sidewalk", "pavement", "yard", "rrug", "trotuar", "oborr", "kulm",
    "ulic", "trotoar", "dvorist", "put", "asfalt", "krov",
)  # fmt: skip
_FALLEN_WORDS = frozenset({"ra", "ran", "rrxu", "low"})
_SPARK_PREFIXES = ("spark", "shkendi", "shkrep", "varnic", "iskr", "iskri")
_FIRE_PREFIXES = (
    "fire", "flame", "smok", "burn", "melt", "explo", "bang", "arc", "sizzl",
    "zjarr", "flak", "tym", "digj", "dogj", "djeg", "shkri", "shperth", "krism", "nxeh",
    "vatr", "plam", "gori", "gore", "izgor", "zapal", "paljev", "istopi", "eksplod",
    "prask", "pucket", "zagrej", "usij",
)  # fmt: skip
_FIRE_WORDS = frozenset({"dim", "dima", "dimi", "dimom", "dime", "topi", "topio", "topila"})
_WATER_PREFIXES = ("water", "wet", "flood", "uj", "lag", "permbyt", "mokr", "poplav", "prokis")
_WATER_WORDS = frozenset({"voda", "vode", "vodu", "vodom"})
_SHOCK_VERBS = (
    "zuri", "zuni", "kapi", "godit", "dridh", "shkund",
    "udar", "udri", "protres", "drmn", "uhvati", "tresn", "ubil", "ubij", "kopn", "lupi",
    "strese",
)  # fmt: skip
_SHOCK_SHORT = frozenset({"zu", "ze", "zen", "ka zene", "ubi"})
_SHOCK_WORDS = ("electrocut", "shocked", "zapped")
_SHOCK_CONTEXT = (
    "got", "gave", "get", "touch", "from", "when", "socket", "meter", "wire", "tap", "electric",
)  # fmt: skip
_DANGER_PREFIXES = ("danger", "hazard", "rrezik", "opasn", "опасн")
# A cable of another network (internet, TV, telephone) is not ours, unless the power is named.
_TELECOM_PREFIXES = (
    "internet", "wifi", "router", "modem", "tv", "televiz", "ipko", "vala", "telekom", "kujtesa",
    "artmotion", "mts", "telefon", "kablovsk", "kabllovik", "antena", "antenn", "fiber", "optik",
)  # fmt: skip


def _has(words: Sequence[str], prefixes: tuple[str, ...]) -> bool:
    return any(word.startswith(prefixes) for word in words)


def _things(words: Sequence[str], text: str) -> tuple[bool, bool]:
    """Whether a wire-like thing is named, and whether any thing that carries power is."""
    telecom = _has(words, _TELECOM_PREFIXES) and not _has(words, _POWER_PREFIXES)
    line = (not telecom and any(word in _LINE_WORDS for word in words)) or (
        ("power" in words or "electric" in words or "tension" in text)
        and _has(words, ("line", "linj", "vod"))
    )
    device = line or _has(words, _DEVICE_PREFIXES) or "box" in words
    return line, device


def _shock(words: Sequence[str]) -> bool:
    power = _has(words, _POWER_PREFIXES)
    if power and (_has(words, _SHOCK_VERBS) or any(word in _SHOCK_SHORT for word in words)):
        return True
    if any(word.startswith(_SHOCK_WORDS) for word in words):
        return True
    return "shock" in words and (power or _has(words, _SHOCK_CONTEXT))


def is_hazard(text: str) -> bool:
    """Whether ``text`` tells of an electrical hazard (in sq, en or sr, either script)."""
    words = tokens(text)
    if not words:
        return False
    folded = " ".join(words)
    line, device = _things(words, folded)
    fallen = _has(words, _FALLEN_PREFIXES) or any(word in _FALLEN_WORDS for word in words)
    fire = _has(words, _FIRE_PREFIXES) or any(word in _FIRE_WORDS for word in words)
    water = _has(words, _WATER_PREFIXES) or any(word in _WATER_WORDS for word in words)
    power = _has(words, _POWER_PREFIXES)
    if line and fallen:
        return True
    if _has(words, _SPARK_PREFIXES):
        return True
    if fire and (device or power):
        return True
    if water and device:
        return True
    if _shock(words):
        return True
    return _has(words, _DANGER_PREFIXES) and (device or power)
