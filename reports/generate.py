"""Make a report: figures from the database, the generated analysis, stored as it was made."""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import replace

from bot.settings import Settings
from reports.analysis import analysis_text
from reports.figures import Figures, compute_figures
from reports.periods import Period
from reports.store import Report, ReportStore
from storage.db import Database


def make_report(
    db: Database,
    settings: Settings,
    period: Period,
    now: dt.datetime,
    generated_by: str,
    *,
    drawn: bool = False,
) -> Report:
    """Compute and store the report for `period` as the data stands at `now`. `drawn`: its
    charts and PDF are made right after (posted or written), so what draws them loads while
    the database counts; a preview for the officer draws nothing."""
    if drawn:
        load_drawing()
    with db.session() as session:
        sent = sent_before(ReportStore(session, settings.tz), period)
        figures = compute_figures(session.connection(), settings, period, now, sent=set(sent))
        figures = as_sent_before(sent, figures)
        report = Report(
            period=period.label,
            kind=period.kind,
            generated_at=now.astimezone(settings.tz),
            generated_by=generated_by,
            figures=figures,
            analysis=analysis_text(figures),
        )
        return ReportStore(session, settings.tz).add(report)


def load_drawing() -> None:
    """Start importing what draws the charts and writes the PDF (matplotlib, reportlab: about
    0.6 s) while the database counts, for a report drawn once its figures are made: a query
    leaves the interpreter free while the database works. The bot does not load them at
    start-up; a later import of the same modules waits for this one to finish."""
    threading.Thread(target=_import_drawing, name="report-drawing", daemon=True).start()


def _import_drawing() -> None:
    import reports.charts
    import reports.export
    import reports.pdf  # noqa: F401


def sent_before(store: ReportStore, period: Period) -> dict[str, Report]:
    """The reports management received of the periods `period` is compared with (the one
    before and, for a quarter, the same quarter a year earlier), by period label."""
    labels = {period.previous().label}
    if period.kind == "quarter":
        labels.add(period.year_earlier().label)
    sent = {label: store.latest(label, posted=True) for label in labels}
    return {
        label: report
        for label, report in sent.items()
        if report is not None and report.posted_at is not None
    }


def as_sent_before(sent: dict[str, Report], figures: Figures) -> Figures:
    """The compared periods' figures as management received them: a period whose report was
    sent (`sent`, from sent_before) is compared with that report's stored figures, not
    recomputed from today's data."""
    changes: dict[str, object] = {}
    previous = sent.get(figures.previous.label)
    if previous is not None and previous.posted_at is not None:
        changes["previous"] = previous.figures.summary
        changes["previous_by_category"] = previous.figures.by_category
        changes["previous_sent_at"] = previous.posted_at.isoformat()
    if figures.kind == "quarter":
        earlier = sent.get(figures.year_earlier.label)
        if earlier is not None and earlier.posted_at is not None:
            changes["year_earlier"] = earlier.figures.summary
            changes["year_earlier_sent_at"] = earlier.posted_at.isoformat()
    elif "previous" in changes:
        changes["year_earlier"] = changes["previous"]
    return replace(figures, **changes) if changes else figures


def load_report(db: Database, settings: Settings, report_id: int) -> Report:
    with db.session() as session:
        return ReportStore(session, settings.tz).get(report_id)


def latest_posted_quarter(db: Database, settings: Settings) -> Report | None:
    """The quarterly report management saw last (for their App Home)."""
    with db.session() as session:
        return ReportStore(session, settings.tz).latest(kind="quarter", posted=True)
