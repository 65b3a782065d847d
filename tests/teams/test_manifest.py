"""The Teams app package: valid for Microsoft's schema 1.29, its icons as Teams wants them, and
its commands and message action the same as the code's, both ways."""

from __future__ import annotations

import json
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator

from bot.cli import main
from bot.teams.ids import MESSAGE_ACTION, Command
from tests.support.command import clean_environment, klachtenbot
from tests.support.corpus import corpus_dir
from tests.teams.conftest import APP_ID

DOMAIN = "klachten.example.nl"


@pytest.fixture
def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> zipfile.ZipFile:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TEAMS_APP_ID", APP_ID.upper())
    out = tmp_path / "klachtenbot-teams.zip"
    assert main(["teams-manifest", "--out", str(out), "--domain", DOMAIN]) == 0
    assert capsys.readouterr().out == f"Teams-app-pakket geschreven: {out} (app {APP_ID})\n"
    return zipfile.ZipFile(out)


def manifest_of(package: zipfile.ZipFile) -> dict[str, Any]:
    return json.loads(package.read("manifest.json"))


def validator() -> Draft4Validator:
    schema = corpus_dir("teams", "manifest-schema") / "MicrosoftTeams.schema.json"
    return Draft4Validator(json.loads(schema.read_text()))


def test_the_package_holds_the_manifest_and_two_icons_at_its_top(package) -> None:
    assert sorted(package.namelist()) == ["color.png", "manifest.json", "outline.png"]
    icons = manifest_of(package)["icons"]
    assert set(icons.values()) == {"color.png", "outline.png"}


def test_the_manifest_is_valid_for_schema_1_29(package) -> None:
    data = manifest_of(package)
    assert data["manifestVersion"] == "1.29" and "v1.29" in data["$schema"]
    assert [error.message for error in validator().iter_errors(data)] == []


def test_the_schema_check_catches_a_broken_manifest(package) -> None:
    broken = manifest_of(package)
    broken["bots"][0]["scopes"] = ["everywhere"]
    del broken["developer"]["privacyUrl"]
    assert len(list(validator().iter_errors(broken))) >= 2


def test_the_app_id_and_domain_are_filled_in(package) -> None:
    data = manifest_of(package)
    assert data["id"] == data["bots"][0]["botId"] == data["composeExtensions"][0]["botId"] == APP_ID
    assert data["validDomains"] == [DOMAIN]
    assert data["developer"]["websiteUrl"] == f"https://{DOMAIN}/"


def test_commands_and_the_message_action_match_the_code_both_ways(package) -> None:
    (bot,) = manifest_of(package)["bots"]
    assert set(bot["scopes"]) == {"team", "personal"}
    (commands,) = bot["commandLists"]
    assert [command["title"] for command in commands["commands"]] == [c.value for c in Command]
    assert {c.value for c in Command} == {
        "lijst", "zoek", "historie", "rapport", "nieuw", "home", "help"
    }  # fmt: skip
    (extension,) = manifest_of(package)["composeExtensions"]
    (action,) = extension["commands"]
    assert (action["id"], action["type"], action["context"]) == (
        MESSAGE_ACTION,
        "action",
        ["message"],
    )
    assert action["title"] == "Registreer als klacht" and action["fetchTask"] is True


def pixels(png: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and RGBA pixels of the 8-bit RGBA PNGs the package holds (unfiltered rows)."""
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height, depth, colour = struct.unpack(">IIBB", png[16:26])
    assert (depth, colour) == (8, 6)
    data, offset = b"", 8
    while offset < len(png):
        (length,) = struct.unpack(">I", png[offset : offset + 4])
        kind = png[offset + 4 : offset + 8]
        if kind == b"IDAT":
            data += png[offset + 8 : offset + 8 + length]
        offset += 12 + length
    raw = zlib.decompress(data)
    stride = width * 4 + 1
    rows = [raw[row * stride : (row + 1) * stride] for row in range(height)]
    assert all(row[0] == 0 for row in rows)
    return width, height, [row[1 + i * 4 : 5 + i * 4] for row in rows for i in range(width)]


def test_the_colour_icon_is_192_square_and_opaque(package) -> None:
    width, height, colours = pixels(package.read("color.png"))
    assert (width, height) == (192, 192)
    assert all(pixel[3] == 255 for pixel in colours)
    assert len(set(colours)) == 2  # the accent colour and white


def test_the_outline_icon_is_32_square_white_on_transparent(package) -> None:
    width, height, colours = pixels(package.read("outline.png"))
    assert (width, height) == (32, 32)
    assert set(colours) == {b"\xff\xff\xff\xff", b"\x00\x00\x00\x00"}
    white = colours.count(b"\xff\xff\xff\xff")
    assert 60 < white < 32 * 32 // 2  # an outline and a mark, not a filled square


def test_without_an_app_id_one_line_names_it(tmp_path: Path) -> None:
    result = klachtenbot("teams-manifest", "--out", "x.zip", cwd=tmp_path, env=clean_environment())
    assert (result.returncode, result.stderr) == (2, "Instelling TEAMS_APP_ID ontbreekt\n")
    assert not (tmp_path / "x.zip").exists()
