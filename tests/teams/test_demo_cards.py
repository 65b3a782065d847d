"""`klachtenbot demo` writes the Teams cards it would post into demo-output/teams/: one Adaptive
Card file per card (each complaint's channel card and thread replies, the employees' requests,
the Home of each role), each a valid Adaptive Card 1.5 within Teams' size limit, ready to paste
into the Adaptive Cards Designer."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from bot.demo import run_demo
from bot.settings import Settings
from bot.views.ids import Action
from tests.teams.adaptive import problems
from tests.teams.test_one_click import drawn_verbs

LIMIT = 28 * 1024


def test_the_demo_writes_every_teams_card_as_a_valid_adaptive_card(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    out = io.StringIO()
    assert run_demo(settings, out) == 0
    folder = tmp_path / "demo-output" / "teams"
    files = sorted(folder.glob("*.json"))
    assert "demo-output/teams/" in out.getvalue()
    names = {path.stem for path in files}
    assert {"K-2026-0001-kanaal", "K-2026-0001-draad-01"} <= names
    assert {name.split("-")[1] for name in names if name.startswith("home-")} == {
        "officer",
        "management",
        "employee",
    }
    requests = [path for path in files if "-verzoek-" in path.name]
    assert requests
    for path in files:
        raw = path.read_bytes()
        card = json.loads(raw)
        assert card["type"] == "AdaptiveCard" and card["version"] == "1.5", path.name
        assert problems(card) == [], path.name
        assert len(raw) <= LIMIT, path.name
    asked = [drawn_verbs(json.loads(path.read_text())) for path in requests]
    assert any({Action.RESPOND, Action.DECLINE} <= verbs for verbs in asked)
