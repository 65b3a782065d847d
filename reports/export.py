"""Report files: the period's complaints as CSV, a Markdown summary, and the entry to the PDF."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, select

from bot.procedure import State
from bot.settings import Settings
from bot.texts import SATISFACTION_LABELS, STATE_LABELS, moment_in_words
from bot.texts import reports as text
from bot.texts.complainant import (
    ACCEPTANCE_LABELS,
    OUTCOME_LABELS,
    RECOURSE_BODY_LABELS,
    REMEDY_LABELS,
    ROUTE_LABELS,
    SEVERITY_LABELS,
)
from bot.workdays import WorkCalendar
from reports import summary
from reports.figures import C, Figures
from reports.periods import Period
from reports.store import Report
from reports.summary import Row
from storage.models import Profile

if TYPE_CHECKING:
    from matplotlib.figure import Figure

CSV_BATCH = 2000
# Only what management needs to see per complaint: no e-mail text, no contact details.
_CSV_COLUMNS = (
    C.reference,
    C.received_at,
    C.state,
    C.source,
    C.relation_type,
    C.category,
    C.contact_deadline,
    C.contacted_at,
    C.discussed_at,
    C.employee_id,
    C.closed_at,
    C.root_cause_category,
    C.customer_satisfied,
    C.route,
    C.severity,
    C.remedy,
    C.decision_deadline,
    C.outcome,
    C.acceptance,
    C.recourse_body,
    C.recourse_result,
)
# The complainant's side: each code by its Dutch label.
_COMPLAINANT_COLUMNS = (
    ("route", ROUTE_LABELS),
    ("severity", SEVERITY_LABELS),
    ("remedy", REMEDY_LABELS),
)
_ANSWER_COLUMNS = (
    ("outcome", OUTCOME_LABELS),
    ("acceptance", ACCEPTANCE_LABELS),
    ("recourse_body", RECOURSE_BODY_LABELS),
    ("recourse_result", OUTCOME_LABELS),
)


def _local(moment: dt.datetime | None, settings: Settings) -> str:
    return "" if moment is None else f"{moment.astimezone(settings.tz):%Y-%m-%d %H:%M}"


def _contact_cells(row: Any, calendar: WorkCalendar, now: dt.datetime) -> tuple[str, str]:
    """'Contact binnen termijn' and 'Werkuren tot contact': 'nee (geen contact)' for an open
    complaint never contacted whose deadline passed; empty while the deadline still runs."""
    if row.contacted_at is None:
        overdue = row.state != State.REJECTED.value and row.contact_deadline < now
        return (text.NO_CONTACT if overdue else ""), ""
    on_time = text.YES if row.contacted_at <= row.contact_deadline else text.NO
    hours = calendar.working_hours_between(row.received_at, row.contacted_at)
    return on_time, text.number(round(hours, 2))


def _days_to_close(row: Any, closed: dt.datetime | None, calendar: WorkCalendar) -> str:
    if closed is None:
        return ""
    received_day = row.received_at.astimezone(calendar.tz).date()
    return str(calendar.working_days_between(received_day, closed.astimezone(calendar.tz).date()))


def _csv_row(row: Any, settings: Settings, calendar: WorkCalendar, now: dt.datetime) -> list[str]:
    contacted, closed = row.contacted_at, row.closed_at if row.state == State.CLOSED.value else None
    on_time, hours = _contact_cells(row, calendar, now)
    return [
        row.reference,
        _local(row.received_at, settings),
        STATE_LABELS[row.state],
        text.source_label(row.source),
        text.relation_type_label(row.relation_type),
        text.category_label(row.category),
        _local(row.contact_deadline, settings),
        _local(contacted, settings),
        on_time,
        hours,
        _local(row.discussed_at, settings),
        (row.employee_name or row.employee_id or "") if settings.report_employee_names else "",
        _local(closed, settings),
        _days_to_close(row, closed, calendar),
        text.root_cause_label(row.root_cause_category) if row.root_cause_category else "",
        SATISFACTION_LABELS.get(row.customer_satisfied or "", ""),
        *_labels(row, _COMPLAINANT_COLUMNS),
        _local(row.decision_deadline, settings),
        _decided_on_time(row, closed),
        *_labels(row, _ANSWER_COLUMNS),
    ]


def _labels(row: Any, columns: tuple[tuple[str, dict[str, str]], ...]) -> list[str]:
    return [labels.get(getattr(row, name) or "", "") for name, labels in columns]


def _decided_on_time(row: Any, closed: dt.datetime | None) -> str:
    """'Beslist binnen termijn': closed by the decision deadline; empty while open."""
    if closed is None or row.decision_deadline is None:
        return ""
    return text.YES if closed <= row.decision_deadline else text.NO


def _complaint_rows(connection: Connection, period: Period) -> Iterator[Any]:
    query = (
        select(*_CSV_COLUMNS, Profile.name.label("employee_name"))
        .outerjoin(Profile, Profile.user_id == C.employee_id)
        .where(C.received_at >= period.start, C.received_at < period.end)
        .order_by(C.received_at, C.id)
        .execution_options(yield_per=CSV_BATCH)
    )
    yield from connection.execute(query)


def write_csv(
    connection: Connection,
    settings: Settings,
    period: Period,
    path: Path,
    now: dt.datetime | None = None,
) -> Path:
    """The period's complaints, one per line (semicolons and decimal commas, as Dutch Excel
    expects), streamed from the database, as they stand at `now` (default: the clock)."""
    calendar = WorkCalendar.from_settings(settings)
    now = now or dt.datetime.now(dt.UTC)
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(text.CSV_HEADER)
        for row in _complaint_rows(connection, period):
            writer.writerow(_csv_row(row, settings, calendar, now))
    return path


# -- Markdown ---------------------------------------------------------------------------------


def _table(header: Row, rows: list[Row]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return [*lines, ""]


def _section(title: str, lines: list[str]) -> list[str]:
    return [f"## {title}", "", *lines]


def report_texts(report: Report) -> list[tuple[str, str]]:
    """(heading, text) of the generated analysis, the officer's text and (yearly) advice."""
    parts = [(text.ANALYSIS_HEADING, report.analysis)]
    if report.officer_text:
        parts.append((text.OFFICER_TEXT_HEADING, report.officer_text))
    if report.kind == "year":
        parts.append((text.ADVICE_HEADING, report.advice or text.NO_ADVICE))
    return parts


def _measure_lines(figures: Figures) -> list[str]:
    """The effectiveness rate, the measures per category and cause with their effect, and the
    checks that found a measure not effective (no list cut off at 20)."""
    lines = [summary.effectiveness_line(figures), ""]
    if trend := summary.effectiveness_trend_line(figures):
        lines += [trend, ""]
    lines += _table(text.MEASURES_HEADER, summary.measure_rows(figures))
    lines += [f"### {text.NOT_EFFECTIVE_TITLE}", ""]
    rows = summary.not_effective_rows(figures)
    lines += _table(text.NOT_EFFECTIVE_HEADER, rows) if rows else [text.NOT_EFFECTIVE_NONE, ""]
    return lines


def tables(figures: Figures) -> list[tuple[str, Row, list[Row]]]:
    """(title, header, rows) of every breakdown, in the order management reads them."""
    tables = [(title, (title, text.COUNT), rows) for title, rows in summary.breakdowns(figures)]
    tables.append(
        (
            text.ROOT_CAUSES,
            (text.ROOT_CAUSES, text.COUNT, text.CUMULATIVE),
            summary.pareto_rows(figures),
        )
    )
    involved = text.EMPLOYEES_INVOLVED.format(
        employees=text.plural(figures.employees_involved, "medewerker", "medewerkers")
    )
    # Without names a list of anonymous rows says nothing: the count and the most per person
    # are in the employees line instead.
    if figures.per_employee and figures.per_employee[0][0]:
        title = f"{text.PER_EMPLOYEE} ({involved})"
        tables.append((title, (text.EMPLOYEE, text.COUNT), summary.employee_rows(figures)))
    return tables


def _front_page_lines(front: summary.FrontPage) -> list[str]:
    """The summary every report opens with, as Markdown: the same model as page 1 of the PDF."""
    lines = [f"# {front.title}", "", front.organisation, "", *(f"{a}  " for a in front.about)]
    lines += ["", f"## {text.KEY_MESSAGES}", ""]
    lines += [f"- {message}" for message in front.messages]
    lines += ["", f"## {text.KEY_FIGURES}", ""]
    lines += _table(text.KEY_FIGURES_HEADER, front.key_figures)
    for heading, body in (
        (text.ATTENTION_CASES, front.cases),
        (front.officer_heading, front.officer_text),
        (text.DECISION_HEADING, front.decision),
    ):
        lines += _section(heading, [body, ""])
    return lines


def markdown_summary(report: Report, chart_files: Sequence[Path] = ()) -> str:
    figures = report.figures
    generated = text.MARKDOWN_GENERATED.format(moment=moment_in_words(report.generated_at))
    lines = [*_front_page_lines(summary.front_page(report)), generated, ""]
    comparison = _table(summary.comparison_header(figures), summary.comparison_rows(figures))
    notes = [f"- {note}" for note in summary.comparison_notes(figures)]
    lines += _section(text.COMPARISON, [*comparison, *notes, ""])
    if figures.quarters:
        quarters = _table(summary.quarters_header(figures), summary.quarters_rows(figures))
        lines += _section(text.QUARTERS_SIDE_BY_SIDE, quarters)
    for title, header, rows in tables(figures):
        lines += _section(title, _table(header, rows))
    lines += _section(text.MEASURES, [*_measure_lines(figures), ""])
    for heading, body in report_texts(report):
        lines += _section(heading, [body, ""])
    lines += [f"![{path.stem}]({path.name})" for path in chart_files]
    return "\n".join(lines).rstrip() + "\n"


# -- PDF (every report) ------------------------------------------------------------------------


def pdf_name(report: Report) -> str:
    pattern = text.PDF_FILE_YEAR if report.kind == "year" else text.PDF_FILE_QUARTER
    return pattern.format(period=report.period)


def write_pdf(
    report: Report, charts: dict[str, Figure], path: Path, pngs: dict[str, bytes] | None = None
) -> Path:
    """The report as one A4 document (reports.pdf). `pngs`: the charts already rendered (by
    name), so that each is drawn once."""
    from reports.charts import png as chart_png
    from reports.pdf import build_pdf

    rendered = {}
    for key, chart in charts.items():
        png = (pngs or {}).get(key) or chart_png(chart)
        title = chart.axes[0].get_title() if chart.axes else text.CHART_FILES[key]
        rendered[key] = (title, png)
    author = summary.front_page(report).author
    organisation = report.figures.organisation or text.HEADER_ORGANISATION_MISSING
    return build_pdf(report, rendered, path, author or organisation)
