"""`klachtenbot report PERIOD --out DIR` and the demo's closing report."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TextIO

from bot.settings import Settings
from bot.texts import reports as text
from reports.files import write_report_files
from reports.generate import make_report
from reports.periods import PeriodError, parse_period, quarter_of
from storage.db import Database

EXIT_OK = 0
EXIT_USAGE = 2
CLI_ACTOR = "cli"


def report_command(
    period: str,
    out_dir: Path,
    settings: Settings,
    *,
    now: dt.datetime | None = None,
    out: TextIO = sys.stdout,
    err: TextIO = sys.stderr,
) -> int:
    """Make, store and write the report for `period`; print the folder. Exit 2 on a bad period."""
    try:
        parsed = parse_period(period, settings.tz)
    except PeriodError as exc:
        print(exc.message, file=err)
        return EXIT_USAGE
    db = Database(settings.database_url)
    try:
        moment = now or dt.datetime.now(settings.tz)
        report = make_report(db, settings, parsed, moment, CLI_ACTOR, drawn=True)
        write_report_files(db, settings, report, out_dir)
    finally:
        db.dispose()
    print(text.CLI_WRITTEN.format(label=parsed.label, folder=out_dir.resolve()), file=out)
    return EXIT_OK


def write_demo_report(
    db: Database, settings: Settings, out_dir: Path, now: dt.datetime, period: str | None = None
) -> Path:
    """The demo's last stage: the report for `period` (default: the quarter holding `now`,
    the demo's simulated clock) written to `out_dir`, which is returned."""
    parsed = parse_period(period, settings.tz) if period else quarter_of(now, settings.tz)
    report = make_report(db, settings, parsed, now, CLI_ACTOR, drawn=True)
    write_report_files(db, settings, report, out_dir)
    return out_dir
