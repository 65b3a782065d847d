"""Where the shared third-party corpus lives, and a clear skip when it does not."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def corpus_dir(*parts: str) -> Path:
    """`../shared/corpus/<parts>` beside the clone (or $KLACHTENBOT_CORPUS); skip when absent."""
    base = Path(os.environ.get("KLACHTENBOT_CORPUS", REPO.parent / "shared" / "corpus"))
    path = base.joinpath(*parts)
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"corpus {path} is missing in CI")
        pytest.skip(f"corpus {path} not present (it sits beside the clone in CI)")
    return path
