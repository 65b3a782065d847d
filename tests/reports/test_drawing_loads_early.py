"""A report's drawing libraries (matplotlib, reportlab: over half a second to import) load
while the database counts: make_report starts them, so the charts and the PDF that follow
every report do not wait for them."""

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
    make_report(db, settings, parse_period("2026-Q2", settings.tz), now, "test")
    for thread in threading.enumerate():
        if thread.name == "report-drawing":
            thread.join(60)
    print("matplotlib" in sys.modules, "reportlab" in sys.modules, "reports.pdf" in sys.modules)
    """
)


def test_making_a_report_loads_what_draws_it(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'reports.sqlite3'}"
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, url],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "True", "True"]
