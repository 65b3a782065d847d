"""Honest comparisons on the two-year history: nothing is compared with the empty time before
the bot was in use, a running period says it is a tussenstand, closing is compared fairly, and
last quarter's figures are the ones management received."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from bot.procedure import SYSTEM_ACTOR, Source
from bot.procedure.inputs import Intake
from bot.service import ComplaintService
from reports.analysis import analysis_text
from reports.export import markdown_summary
from reports.generate import make_report
from reports.periods import parse_period
from reports.store import ReportStore
from reports.summary import comparison_rows, quarters_rows, status
from tests.reports.conftest import HISTORY_NOW
from tests.reports.seed import AMS, MovableClock


def test_the_first_year_is_compared_with_nothing(history):
    db, settings, _ = history
    report = make_report(db, settings, parse_period("2025", AMS), HISTORY_NOW, "cli")
    figures = report.figures
    assert "2024" in figures.not_applicable
    received = next(row for row in comparison_rows(figures) if row[0] == "Ontvangen")
    assert received[2:] == ("n.v.t.", "n.v.t.")
    summary = markdown_summary(report)
    assert "in gebruik sinds 6 januari 2025" in summary
    assert "2024" not in report.analysis  # no "55 meer dan in 2024"
    assert status(figures) == "definitief"


def test_a_report_made_on_7_december_says_tussenstand(history):
    db, settings, _ = history
    report = make_report(db, settings, parse_period("2026", AMS), HISTORY_NOW, "cli")
    assert status(report.figures) == "tussenstand t/m 7 december 2026"
    assert "Tussenstand t/m 7 december 2026" in markdown_summary(report)
    # Q4 is running, and has complaints: it shows its figures, not a zero.
    q4 = next(row for row in quarters_rows(report.figures) if row[0] == "Ontvangen")[4]
    assert q4 not in ("0", "n.v.t.")
    # A quarter that has not begun is n.v.t., not 0.
    early = make_report(
        db, settings, parse_period("2026", AMS), dt.datetime(2026, 5, 4, 9, tzinfo=AMS), "cli"
    )
    received = next(row for row in quarters_rows(early.figures) if row[0] == "Ontvangen")
    assert received[3:5] == ("n.v.t.", "n.v.t.")


def test_closing_is_compared_among_complaints_old_enough(history):
    db, settings, _ = history
    figures = make_report(db, settings, parse_period("2026-Q4", AMS), HISTORY_NOW, "cli").figures
    # The running quarter's complaints of the last 30 days are not held against it.
    assert figures.summary.aged < figures.summary.complaints
    assert 0 < figures.summary.closed_in_window <= figures.summary.aged
    row = next(r for r in comparison_rows(figures) if r[0] == "Afgesloten binnen 30 dagen (%)")
    assert row[3].endswith(("(beter)", "(slechter)")) or row[3] == "0 procentpunt"
    # The plain count is not judged better or worse.
    closed = next(r for r in comparison_rows(figures) if r[0] == "Afgesloten")
    assert "beter" not in closed[3] and "slechter" not in closed[3]


def test_the_next_report_compares_with_the_figures_as_sent(history):
    db, settings, _ = history
    sent_at = dt.datetime(2026, 10, 2, 9, tzinfo=AMS)
    q3 = make_report(
        db,
        settings,
        parse_period("2026-Q3", AMS),
        dt.datetime(2026, 10, 1, 9, tzinfo=AMS),
        "system",
    )
    with db.session() as session:
        ReportStore(session, AMS).mark_posted(q3.id, sent_at)
    # Afterwards a late-registered Q3 complaint turns up: today's Q3 differs from what was sent.
    clock = MovableClock(dt.datetime(2026, 10, 5, 10, tzinfo=AMS))
    intake = Intake(Source.MANUAL, dt.datetime(2026, 9, 15, 10, tzinfo=AMS), "Laat", "Laat", "X")
    ComplaintService(db, settings, clock).submit(intake, SYSTEM_ACTOR)
    q4 = make_report(db, settings, parse_period("2026-Q4", AMS), HISTORY_NOW, "system")
    assert q4.figures.previous == q3.figures.summary
    assert q4.figures.previous_sent_at.startswith("2026-10-02")
    assert "K3 2026: de cijfers zoals verstuurd op 2 oktober 2026" in markdown_summary(q4)
    # Without the sent report the comparison would have used the recomputed figures.
    recomputed = make_report(db, settings, parse_period("2026-Q3", AMS), HISTORY_NOW, "cli")
    assert recomputed.figures.summary.received == q3.figures.summary.received + 1
    # The categories are compared as sent too; the trend shows today's counts of every quarter.
    assert q4.figures.previous_by_category == q3.figures.by_category
    trend = {point.label: point for point in q4.figures.trend}
    assert trend["2026-Q3"].received == recomputed.figures.summary.complaints
    assert trend["2026-Q3"].on_time == recomputed.figures.summary.on_time


def test_every_judged_difference_says_better_or_worse(history):
    db, settings, _ = history
    figures = make_report(db, settings, parse_period("2026-Q3", AMS), HISTORY_NOW, "cli").figures
    rows = {row[0]: row for row in comparison_rows(figures)}
    for label in ("Contact binnen termijn (%)", "Open en termijn verstreken"):
        for change in rows[label][3::2]:
            assert change.endswith(("(beter)", "(slechter)")) or change.startswith("0")
    # Fewer late contacts is better, a higher on-time rate is better.
    better = replace(figures, previous=replace(figures.previous, late=figures.summary.late + 5))
    late = next(r for r in comparison_rows(better) if r[0] == "Te laat of geen contact na termijn")
    assert late[3] == "−5 (beter)"
    assert analysis_text(figures)
