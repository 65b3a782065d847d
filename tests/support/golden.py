"""Golden files of rendered views, one JSON file per scene under a directory per surface
(tests/slack/golden, tests/teams/golden). With KLACHTENBOT_WRITE_GOLDEN=1 the files are written
from what the views render now; read the diff before committing it."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any


def golden(directory: Path, name: str, shown: Any) -> tuple[Any, Any]:
    """What `shown` is as JSON, and what the golden file of `name` holds (written first when
    asked to)."""
    shown = json.loads(json.dumps(shown))
    path = directory / f"{name}.json"
    if os.environ.get("KLACHTENBOT_WRITE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(shown, indent=2, ensure_ascii=False) + "\n")
    return shown, json.loads(path.read_text())


def golden_names(directory: Path) -> set[str]:
    """The scenes that have a golden file."""
    return {str(path.relative_to(directory).with_suffix("")) for path in directory.rglob("*.json")}
