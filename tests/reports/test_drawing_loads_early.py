"""A report's drawing libraries (matplotlib, reportlab: over half a second to import) load
while the database counts when its charts and PDF follow (posted, or written by the CLI), so
those do not wait for them; a preview for the officer, which draws nothing, does not load them
into the long-running clock."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent(
    """
    import datetime as dt, sys, threading
    from bot.settings import Settings
    from reports.generate import make_report
    from reports.periods import parse_period
    from storage.db import Database

    settings = Settings(_env_file=None, database_url=sys.argv[1])
    db = Database(settings.database_url)
    db.upgrade()
    assert "matplotlib" not in sys.modules and "reportlab" not in sys.modules
    now = dt.datetime(2026, 7, 1, 7, tzinfo=dt.UTC)
    drawn = sys.argv[2] == "drawn"
    make_report(db, settings, parse_period("2026-Q2", settings.tz), now, "test", drawn=drawn)
    for thread in threading.enumerate():
        if thread.name == "report-drawing":
            thread.join(60)
    print("matplotlib" in sys.modules, "reportlab" in sys.modules, "reports.pdf" in sys.modules)
    """
)


def loaded_after_making(tmp_path: Path, drawn: str) -> list[str]:
    url = f"sqlite:///{tmp_path / 'reports.sqlite3'}"
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, url, drawn],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_making_a_report_to_draw_loads_what_draws_it(tmp_path: Path) -> None:
    assert loaded_after_making(tmp_path, "drawn") == ["True", "True", "True"]


def test_a_report_only_previewed_loads_nothing_to_draw(tmp_path: Path) -> None:
    assert loaded_after_making(tmp_path, "preview") == ["False", "False", "False"]
