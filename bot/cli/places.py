"""``kesco-bot places find|list``: the places a text names, and every place of the place file
(``KESCO_PLACES_FILE`` or the shipped one), for people and scripts."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from services.places.in_use import use_file
from services.places.loader import PlaceFileError
from services.places.names import find
from services.places.tree import LEVELS, Place


def add_places_commands(commands: Any) -> None:
    places = commands.add_parser("places", help="the place hierarchy").add_subparsers(
        dest="places_command", required=True
    )
    found = places.add_parser("find", help="the places a text names, best first")
    found.add_argument("--json", action="store_true", help="one JSON object a line")
    found.add_argument("text", help="a name, or a sentence, in any language or spelling")
    listed = places.add_parser("list", help="every place of the loaded place data")
    listed.add_argument("--level", choices=LEVELS, help="only the places of this level")
    listed.add_argument("--json", action="store_true", help="one JSON object a line")


def _line(place: Place, as_json: bool) -> str:
    if as_json:
        fields = {"id": place.id, "level": place.level, "names": dict(place.names)}
        return json.dumps({**fields, "parent": place.parent}, ensure_ascii=False)
    serbian = place.names.get("sr") or place.names["sq"]
    return f"{place.id}\t{place.level}\t{place.names['sq']}\t{serbian}"


def run_places(args: argparse.Namespace, places_file: str | None) -> int:
    """``find``: the places the text names (exit 1 when none); ``list``: every place."""
    try:
        tree = use_file(places_file)
    except PlaceFileError as error:
        print(error, file=sys.stderr)
        return 2
    if args.places_command == "find":
        matches = find(args.text, limit=20, tree=tree)
        for match in matches:
            print(_line(match.place, args.json))
        return 0 if matches else 1
    for place in tree.of_level(args.level) if args.level else tree.all():
        print(_line(place, args.json))
    return 0
