"""Make a report: figures from the database, the generated analysis, stored as it was made; and
what people ask of the reports (a report to be made, the officer's text), recorded for the job
that makes and posts it."""

from __future__ import annotations

import datetime as dt

from bot.settings import Settings
from reports.analysis import analysis_text
from reports.figures import compute_figures
from reports.periods import Period
from reports.store import Report, ReportStore, Request
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


def request_report(
    db: Database,
    settings: Settings,
    kind: Request,
    what: str | int,
    requester: str,
    at: dt.datetime,
) -> bool:
    """Record what `requester` asked at `at` (a period, or a stored report's id); the reports'
    job makes and posts it. False when the same request was recorded already."""
    with db.session() as session:
        return ReportStore(session, settings.tz).request(kind, what, requester, at)


def add_officer_text(db: Database, settings: Settings, report_id: int, typed: str | None) -> Report:
    """Store the officer's analysis (a quarter, optional) or advice (a year) with the report."""
    with db.session() as session:
        store = ReportStore(session, settings.tz)
        report = store.get(report_id)
        year = report.kind == "year"
        store.add_texts(
            report_id,
            officer_text=report.officer_text if year else typed,
            advice=typed if year else report.advice,
        )
        return store.get(report_id)
