"""`make test` on a machine that lacks an outside server ends by naming what it skipped."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.support.corpus import REPO
from tests.support.ports import free_port


def test_the_run_ends_with_one_line_naming_the_skipped_groups() -> None:
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    env["KLACHTENBOT_TEST_POSTGRES"] = f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/x"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-k",
            "postgresql",
            "tests/storage/test_db.py",
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    last = result.stdout.rstrip().splitlines()[-1]
    assert last.startswith("Skipped groups: PostgreSQL: "), result.stdout[-2000:]
    assert "KLACHTENBOT_TEST_POSTGRES" in last
