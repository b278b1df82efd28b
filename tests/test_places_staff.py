"""Places from the command line and the staff API: `kesco-bot places find|list`; staff search
as they type; admins add and rename places (versioned, audited), and every instance uses the
edit without a restart; operators search but do not edit."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.cli.main import main
from bot.staff_web.openapi.document import openapi_document
from services.places import live
from services.places.in_use import place_tree, use_file
from tests.support.staff import StaffServer, staff_server_fixture  # noqa: F401
from tests.support.staff_calls import call


@pytest.fixture(autouse=True)
def _shipped_file() -> Iterator[None]:
    use_file(None)
    yield
    use_file(None)


def test_places_find_and_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["places", "find", "kosovo polje"]) == 0
    assert capsys.readouterr().out == "fushe-kosove\tmunicipality\tFushë Kosovë\tКосово Поље\n"
    assert main(["places", "find", "--json", "Mitrovica"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["id"] for line in lines][:3] == ["DMI", "mitrovice-jug", "mitrovice-veri"]
    assert lines[1] == {
        "id": "mitrovice-jug",
        "level": "municipality",
        "names": {"sq": "Mitrovicë e Jugut", "sr": "Јужна Митровица", "en": "Mitrovica South"},
        "parent": "DMI",
    }
    assert main(["places", "find", "xyzzy"]) == 1
    assert main(["places", "list", "--level", "municipality"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 38
    assert main(["places", "list", "--json"]) == 0
    assert {json.loads(line)["level"] for line in capsys.readouterr().out.splitlines()} == {
        "district",
        "municipality",
        "settlement",
        "neighbourhood",
    }


def test_a_bad_places_file_is_reported_with_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "kesco.tsv"
    path.write_text("id\tlevel\tparent\tname_sq\tname_sr\nx\tvillage\t\tX\t\n", encoding="utf-8")
    monkeypatch.setenv("KESCO_PLACES_FILE", str(path))
    assert main(["places", "list"]) == 2
    assert f"{path}:2: bad level 'village'" in capsys.readouterr().err


async def test_staff_search_as_they_type(staff_server: StaffServer) -> None:
    token = await staff_server.add_staff("ana", "operator", "DPR")
    status, body = await call(staff_server, "GET", "/api/v1/places?q=fush%20kos", token)
    assert status == 200 and body["places"][0]["id"] == "fushe-kosove"
    assert body["places"][0]["path"] == ["Prishtinë"]
    status, body = await call(staff_server, "GET", "/api/v1/places?q=Урошевац&level=municipality")
    assert [p["id"] for p in body["places"]] == ["ferizaj"]
    status, body = await call(staff_server, "GET", "/api/v1/places?level=district&limit=3")
    assert [p["id"] for p in body["places"]] == ["DPR", "DMI", "DPE"]
    status, body = await call(staff_server, "GET", "/api/v1/places/prishtine")
    assert status == 200 and {"dardania", "ulpiana"} <= {c["id"] for c in body["children"]}
    assert (await call(staff_server, "GET", "/api/v1/places/nowhere"))[0] == 404
    assert (await call(staff_server, "GET", "/api/v1/places?level=planet"))[1]["field"] == "level"
    assert (await call(staff_server, "GET", "/api/v1/places?q=x", None))[0] == 401


async def test_admins_add_and_rename_places_audited_and_everywhere(
    staff_server: StaffServer,
) -> None:
    village = {
        "level": "settlement",
        "parent": "podujeve",
        "names": {"sq": "Lluzhan", "sr": "Лужане"},
        "aliases": ["Luzhan"],
    }
    operator = await staff_server.add_staff("ana", "operator", "DPR")
    status, body = await call(staff_server, "PUT", "/api/v1/places/lluzhan", operator, json=village)
    assert (status, body["field"]) == (403, "role")

    status, body = await call(staff_server, "PUT", "/api/v1/places/lluzhan", json=village)
    assert status == 200, body
    assert body["version"]["number"] == 1 and body["version"]["action"] == "place.added"
    assert body["place"]["path"] == ["Podujevë", "Prishtinë"]
    assert place_tree().ancestors("lluzhan") == ["lluzhan", "podujeve", "DPR"]
    status, found = await call(staff_server, "GET", "/api/v1/places?q=luzane", operator)
    assert found["places"][0]["id"] == "lluzhan"

    rename = {"names": {"sq": "Lluzhani"}}
    status, body = await call(staff_server, "PUT", "/api/v1/places/lluzhan", json=rename)
    assert status == 200 and body["version"]["action"] == "place.renamed"
    assert body["place"]["names"] == {"sq": "Lluzhani", "sr": "Лужане"}
    status, body = await call(
        staff_server, "PUT", "/api/v1/places/ulpiana", json={"names": {"en": "Ulpiana quarter"}}
    )
    assert body["place"]["names"]["en"] == "Ulpiana quarter"
    assert body["place"]["names"]["sq"] == "Ulpiana"

    # Another instance, on the file alone, lays the edits over it at its next refresh.
    use_file(None)
    assert "lluzhan" not in place_tree()
    assert await live.refresh(staff_server.database) is True
    assert place_tree().get("lluzhan").names["sq"] == "Lluzhani"  # type: ignore[union-attr]
    assert "Lluzhan" in place_tree().get("lluzhan").aliases  # type: ignore[union-attr]
    assert await live.refresh(staff_server.database) is False

    status, listed = await call(staff_server, "GET", "/api/v1/places/versions")
    assert [v["action"] for v in listed["versions"]] == ["place.renamed"] * 2 + ["place.added"]
    status, audit = await call(staff_server, "GET", "/api/v1/audit")
    actions = [entry["action"] for entry in audit["entries"]]
    assert actions.count("place.added") == 1 and actions.count("place.renamed") == 2


async def test_what_is_refused_names_the_field(staff_server: StaffServer) -> None:
    cases = [
        ("/api/v1/places/x", {"level": "village", "parent": "DPR", "names": {"sq": "X"}}, "level"),
        (
            "/api/v1/places/x",
            {"level": "settlement", "parent": "nope", "names": {"sq": "X"}},
            "parent",
        ),
        (
            "/api/v1/places/x",
            {"level": "settlement", "parent": "DPR", "names": {"sq": "X"}},
            "parent",
        ),
        ("/api/v1/places/x", {"level": "settlement", "parent": "decan", "names": {}}, "names.sq"),
        (
            "/api/v1/places/x",
            {"level": "settlement", "parent": "decan", "names": {"sq": "X", "sr": "X"}},
            "names.sr",
        ),
        ("/api/v1/places/bad%20id", {"names": {"sq": "X"}}, "id"),
        ("/api/v1/places/decan", {"level": "settlement", "names": {"sq": "X"}}, "level"),
        ("/api/v1/places/decan", {"aliases": "Deçani"}, "aliases"),
    ]
    for path, body, field in cases:
        status, answer = await call(staff_server, "PUT", path, json=body)
        assert (status, answer.get("field")) == (400, field), (path, body, answer)


def test_the_openapi_document_lists_the_place_endpoints() -> None:
    paths = openapi_document()["paths"]
    assert {"get"} <= set(paths["/api/v1/places"]) and "put" in paths["/api/v1/places/{id}"]
    assert "PlaceInput" in openapi_document()["components"]["schemas"]
