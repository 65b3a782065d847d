"""Make a report: figures from the database, the generated analysis, stored as it was made."""

from __future__ import annotations

import datetime as dt

from bot.settings import Settings
from reports.analysis import analysis_text
from reports.figures import compute_figures
from reports.periods import Period
from reports.store import Report, ReportStore
from storage.db import Database


def make_report(
    db: Database, settings: Settings, period: Period, now: dt.datetime, generated_by: str
) -> Report:
    """Compute and store the report for `period` as the data stands at `now`."""
    with db.session() as session:
        figures = compute_figures(session.connection(), settings, period, now)
        report = Report(
            period=period.label,
            kind=period.kind,
            generated_at=now.astimezone(settings.tz),
            generated_by=generated_by,
            figures=figures,
            analysis=analysis_text(figures),
        )
        return ReportStore(session, settings.tz).add(report)


def load_report(db: Database, settings: Settings, report_id: int) -> Report:
    with db.session() as session:
        return ReportStore(session, settings.tz).get(report_id)


def latest_posted_quarter(db: Database, settings: Settings) -> Report | None:
    """The quarterly report management saw last (for their App Home)."""
    with db.session() as session:
        return ReportStore(session, settings.tz).latest(kind="quarter", posted=True)
