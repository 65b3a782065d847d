"""Golden files: every view model of tests/views/scenes.py rendered to Block Kit, compared with
JSON that was checked by hand.

After a deliberate change of what people see, regenerate them with
`KLACHTENBOT_WRITE_GOLDEN=1 .venv/bin/python -m pytest tests/slack/test_golden.py`, then read
the diff of tests/slack/golden/ line by line before committing it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.slack.views import render
from bot.views.model import Dashboard, FormView, Message, View
from tests.support.golden import golden, golden_names
from tests.views.scenes import SCENES

GOLDEN = Path(__file__).parent / "golden"


def slack(view: View) -> dict[str, Any]:
    if isinstance(view, Message):
        return render.message(view)
    if isinstance(view, Dashboard):
        return render.dashboard(view)
    assert isinstance(view, FormView)
    return render.form(view)


def rendered(name: str) -> Any:
    scene = SCENES[name]()
    if isinstance(scene, dict):
        return {part: slack(view) for part, view in scene.items()}
    return slack(scene)


@pytest.mark.parametrize("name", sorted(SCENES))
def test_every_view_renders_as_its_golden_file(name: str) -> None:
    shown, expected = golden(GOLDEN, name, rendered(name))
    assert shown == expected


def test_every_golden_file_has_its_view() -> None:
    """A view that is gone leaves no golden file behind that nothing checks."""
    assert golden_names(GOLDEN) == set(SCENES)
