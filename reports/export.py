"""Report files: the period's complaints as CSV, a Markdown summary, the yearly PDF."""

from __future__ import annotations

import csv
import datetime as dt
import textwrap
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
from storage.models import SlackProfile

if TYPE_CHECKING:
    from matplotlib.axes import Axes
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


def _contact_cells(row: Any, calendar: WorkCalendar) -> tuple[str, str]:
    """'Contact binnen termijn' and 'Werkuren tot contact'; empty before contact."""
    if row.contacted_at is None:
        return "", ""
    on_time = text.YES if row.contacted_at <= row.contact_deadline else text.NO
    hours = calendar.working_hours_between(row.received_at, row.contacted_at)
    return on_time, text.number(round(hours, 2))


def _days_to_close(row: Any, closed: dt.datetime | None, calendar: WorkCalendar) -> str:
    if closed is None:
        return ""
    received_day = row.received_at.astimezone(calendar.tz).date()
    return str(calendar.working_days_between(received_day, closed.astimezone(calendar.tz).date()))


def _csv_row(row: Any, settings: Settings, calendar: WorkCalendar) -> list[str]:
    contacted, closed = row.contacted_at, row.closed_at if row.state == State.CLOSED.value else None
    on_time, hours = _contact_cells(row, calendar)
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
        select(*_CSV_COLUMNS, SlackProfile.name.label("employee_name"))
        .outerjoin(SlackProfile, SlackProfile.user_id == C.employee_id)
        .where(C.received_at >= period.start, C.received_at < period.end)
        .order_by(C.received_at, C.id)
        .execution_options(yield_per=CSV_BATCH)
    )
    yield from connection.execute(query)


def write_csv(connection: Connection, settings: Settings, period: Period, path: Path) -> Path:
    """The period's complaints, one per line (semicolons and decimal commas, as Dutch Excel
    expects), streamed from the database."""
    calendar = WorkCalendar.from_settings(settings)
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(text.CSV_HEADER)
        for row in _complaint_rows(connection, period):
            writer.writerow(_csv_row(row, settings, calendar))
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
    """Per closed complaint its measures as a list item; the count of those not listed."""
    lines = []
    for m in figures.measures:
        lines.append(f"- {m.reference} ({text.category_label(m.category)})")
        lines.append(f"  - {text.CORRECTIVE}: {m.corrective}")
        if m.preventive:
            lines.append(f"  - {text.PREVENTIVE}: {m.preventive}")
    hidden = figures.measures_total - len(figures.measures)
    if hidden > 0:
        lines.append(text.MEASURES_MORE.format(count=hidden))
    return lines or [text.NONE]


def _tables(figures: Figures) -> list[tuple[str, Row, list[Row]]]:
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
    title = f"{text.PER_EMPLOYEE} ({involved})"
    tables.append((title, (text.EMPLOYEE, text.COUNT), summary.employee_rows(figures)))
    return tables


def markdown_summary(report: Report, chart_files: Sequence[Path] = ()) -> str:
    figures = report.figures
    generated = text.MARKDOWN_GENERATED.format(moment=moment_in_words(report.generated_at))
    lines = [text.MARKDOWN_TITLE.format(title=figures.title), "", generated, ""]
    comparison = _table(summary.comparison_header(figures), summary.comparison_rows(figures))
    notes = [f"- {note}" for note in summary.comparison_notes(figures)]
    lines += _section(text.COMPARISON, [*comparison, *notes, ""])
    if figures.quarters:
        quarters = _table(summary.quarters_header(figures), summary.quarters_rows(figures))
        lines += _section(text.QUARTERS_SIDE_BY_SIDE, quarters)
    for title, header, rows in _tables(figures):
        lines += _section(title, _table(header, rows))
    lines += _section(text.MEASURES, [*_measure_lines(figures), ""])
    for heading, body in report_texts(report):
        lines += _section(heading, [body, ""])
    lines += [f"![{path.stem}]({path.name})" for path in chart_files]
    return "\n".join(lines).rstrip() + "\n"


# -- PDF (yearly) -----------------------------------------------------------------------------

A4_LANDSCAPE = (11.69, 8.27)
WRAP = 120  # characters per line of running text
TEXT_TOP, TEXT_BOTTOM = 0.88, 0.06
HEADING_STEP, LINE_STEP = 0.045, 0.03
# A full-page table holds this many rows; a longer one continues on the next page, under its
# header again. In the grid of small breakdown tables each holds at most GRID_ROWS.
PAGE_ROWS, GRID_ROWS = 22, 9


def _page(title: str) -> Figure:
    from matplotlib.figure import Figure

    page = Figure(figsize=A4_LANDSCAPE)
    page.suptitle(title, fontsize=14, x=0.05, ha="left")
    return page


def _draw_table(axes: Axes, header: Row, rows: list[Row], fontsize: int) -> None:
    axes.set_axis_off()
    first = 0.34 if len(header) > 3 else 0.5  # the names need room; the numbers share the rest
    widths = [first] + [(1 - first) / (len(header) - 1)] * (len(header) - 1)
    table = axes.table(
        cellText=rows or [(text.NONE,) * len(header)],
        colLabels=header,
        colWidths=widths,
        loc="upper left",
        cellLoc="left",
    )
    table.auto_set_font_size(False)
    table.set_fontsize(fontsize)
    table.scale(1, 1.4)
    for (row, _col), cell in table.get_celld().items():
        if row == 0:
            cell.set_text_props(fontweight="bold")
            cell.set_facecolor("#e8eef5")


def _table_page(title: str, header: Row, rows: list[Row]) -> Figure:
    page = _page(title)
    _draw_table(page.add_axes((0.05, 0.05, 0.9, 0.82)), header, rows, fontsize=9)
    return page


def _table_pages(title: str, header: Row, rows: list[Row]) -> list[Figure]:
    """A table on as many pages as its rows need; each further page repeats the header and
    says it continues."""
    chunks = [rows[start : start + PAGE_ROWS] for start in range(0, len(rows), PAGE_ROWS)]
    return [
        _table_page(title if index == 0 else text.CONTINUED.format(title=title), header, chunk)
        for index, chunk in enumerate(chunks or [[]])
    ]


def _breakdown_pages(figures: Figures) -> list[Figure]:
    """Category, relation type, source, root causes and employees: the short tables side by
    side on one page, each longer one on pages of its own."""
    tables = _tables(figures)
    short = [table for table in tables if len(table[2]) <= GRID_ROWS]
    pages = [_grid_page(short)] if short else []
    for title, header, rows in tables:
        if len(rows) > GRID_ROWS:
            pages += _table_pages(f"{text.BREAKDOWNS}: {title}", header, rows)
    return pages


def _grid_page(tables: list[tuple[str, Row, list[Row]]]) -> Figure:
    page = _page(text.BREAKDOWNS)
    page.subplots_adjust(left=0.05, right=0.95, wspace=0.12)
    for index, (title, header, rows) in enumerate(tables):
        axes = page.add_subplot(2, 3, index + 1)
        axes.set_title(title, fontsize=10, loc="left")
        _draw_table(axes, header, rows, fontsize=8)
    return page


def _text_lines(parts: list[tuple[str, str]]) -> list[tuple[str, bool]]:
    """(line, is a heading) of the texts, wrapped to the page."""
    lines = []
    for heading, body in parts:
        lines.append((heading, True))
        for paragraph in body.splitlines():
            lines += [(line, False) for line in textwrap.wrap(paragraph, WRAP) or [""]]
        lines.append(("", False))
    return lines


def _text_pages(title: str, parts: list[tuple[str, str]]) -> list[Figure]:
    """The texts on as many pages as they need (the advice can be long)."""
    pages: list[Figure] = []
    y = TEXT_BOTTOM
    for line, heading in _text_lines(parts):
        if y - (HEADING_STEP if heading else LINE_STEP) < TEXT_BOTTOM:
            pages.append(_page(title))
            y = TEXT_TOP
        weight, size = ("bold", 12) if heading else ("normal", 10)
        pages[-1].text(0.05, y, line, fontsize=size, fontweight=weight, va="top")
        y -= HEADING_STEP if heading else LINE_STEP
    return pages


def write_pdf(report: Report, charts: dict[str, Figure], path: Path) -> Path:
    """The yearly report: figures and comparison, the four quarters, the breakdowns, the
    charts, then the analysis, the measures taken and the officer's advice."""
    from matplotlib.backends.backend_pdf import PdfPages

    figures = report.figures
    title = text.PDF_TITLE.format(year=figures.period)
    subtitle = text.PDF_SUBTITLE.format(moment=moment_in_words(report.generated_at))
    comparison = (summary.comparison_header(figures), summary.comparison_rows(figures))
    quarters = (summary.quarters_header(figures), summary.quarters_rows(figures))
    texts = [*report_texts(report), (text.MEASURES, "\n".join(_measure_lines(figures)))]
    pages = [
        *_table_pages(f"{title}\n{subtitle}", *comparison),
        *_table_pages(text.QUARTERS_SIDE_BY_SIDE, *quarters),
        *_breakdown_pages(figures),
        *charts.values(),
        *_text_pages(title, texts),
    ]
    with PdfPages(path, metadata={"Title": title}) as pdf:
        for number, page in enumerate(pages, start=1):
            label = page.text(
                0.97,
                0.015,
                text.PAGE_NUMBER.format(number=number, total=len(pages)),
                ha="right",
                va="bottom",
                fontsize=8,
            )
            pdf.savefig(page)
            label.remove()  # the chart figures are the PNGs' too
    return path
