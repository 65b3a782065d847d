"""Report files: the period's complaints as CSV, a Markdown summary, the yearly PDF."""

from __future__ import annotations

import csv
import datetime as dt
import textwrap
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, select

from bot.settings import Settings
from bot.texts import SATISFACTION_LABELS, STATE_LABELS, moment_in_words
from bot.texts import reports as text
from bot.workdays import WorkCalendar
from reports import labels, summary
from reports.figures import C, Figures
from reports.periods import Period
from reports.store import Report

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
)


def _local(moment: dt.datetime | None, settings: Settings) -> str:
    return "" if moment is None else f"{moment.astimezone(settings.tz):%Y-%m-%d %H:%M}"


def _csv_row(row: Any, settings: Settings, calendar: WorkCalendar) -> list[str]:
    contacted, closed = row.contacted_at, row.closed_at if row.state == "closed" else None
    on_time = (
        "" if contacted is None else (text.YES if contacted <= row.contact_deadline else text.NO)
    )
    hours = (
        ""
        if contacted is None
        else labels.number(round(calendar.working_hours_between(row.received_at, contacted), 2))
    )
    days = (
        ""
        if closed is None
        else str(
            calendar.working_days_between(
                row.received_at.astimezone(settings.tz).date(),
                closed.astimezone(settings.tz).date(),
            )
        )
    )
    return [
        row.reference,
        _local(row.received_at, settings),
        STATE_LABELS[row.state],
        labels.source(row.source),
        labels.relation_type(row.relation_type or ""),
        labels.category(row.category or ""),
        _local(row.contact_deadline, settings),
        _local(contacted, settings),
        on_time,
        hours,
        _local(row.discussed_at, settings),
        (row.employee_id or "") if settings.report_employee_names else "",
        _local(closed, settings),
        days,
        labels.root_cause(row.root_cause_category) if row.root_cause_category else "",
        SATISFACTION_LABELS.get(row.customer_satisfied or "", ""),
    ]


def _complaint_rows(connection: Connection, period: Period) -> Iterator[Any]:
    query = (
        select(*_CSV_COLUMNS)
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


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
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


def markdown_summary(report: Report, chart_files: Sequence[Path] = ()) -> str:
    figures = report.figures
    lines = [
        text.MARKDOWN_TITLE.format(title=figures.title),
        "",
        text.MARKDOWN_GENERATED.format(moment=moment_in_words(report.generated_at)),
        "",
    ]
    lines += _section(
        text.COMPARISON,
        _table(summary.comparison_header(figures), summary.comparison_rows(figures)),
    )
    if figures.quarters:
        lines += _section(
            text.QUARTERS_SIDE_BY_SIDE,
            _table(summary.quarters_header(figures), summary.quarters_rows(figures)),
        )
    for title, counts, label in _breakdowns(figures):
        lines += _section(title, _table((title, text.COMPLAINTS), summary.breakdown(counts, label)))
    lines += _section(
        text.ROOT_CAUSES,
        _table((text.ROOT_CAUSES, "#", text.AXIS_CUMULATIVE), summary.pareto_rows(figures)),
    )
    lines += _section(text.MEASURES, _measure_lines(figures))
    lines += _section(
        text.PER_EMPLOYEE,
        [
            text.EMPLOYEES_INVOLVED.format(count=figures.employees_involved),
            "",
            *_table((text.PER_EMPLOYEE, "#"), summary.employee_rows(figures)),
        ],
    )
    for heading, body in report_texts(report):
        lines += _section(heading, [body, ""])
    lines += [f"![{path.stem}]({path.name})" for path in chart_files]
    return "\n".join(lines).rstrip() + "\n"


def _breakdowns(figures: Figures) -> list[tuple[str, dict[str, int], Any]]:
    return [
        (text.BY_CATEGORY, figures.by_category, labels.category),
        (text.BY_RELATION_TYPE, figures.by_relation_type, labels.relation_type),
        (text.BY_SOURCE, figures.by_source, labels.source),
    ]


def _measure_lines(figures: Figures) -> list[str]:
    lines = [
        f"- {m.reference} ({labels.category(m.category)}): {text.CORRECTIVE}: {m.corrective}"
        + (f"; {text.PREVENTIVE}: {m.preventive}" if m.preventive else "")
        for m in figures.measures
    ]
    hidden = figures.measures_total - len(figures.measures)
    if hidden > 0:
        lines.append(text.MEASURES_MORE.format(count=hidden))
    return [*lines, ""]


# -- PDF (yearly) -----------------------------------------------------------------------------

A4_LANDSCAPE = (11.69, 8.27)


def _table_page(title: str, header: tuple[str, ...], rows: list[tuple[str, ...]]) -> Figure:
    from matplotlib.figure import Figure

    page = Figure(figsize=A4_LANDSCAPE)
    axes = page.add_axes((0.05, 0.05, 0.9, 0.82))
    axes.set_axis_off()
    page.suptitle(title, fontsize=14, x=0.05, ha="left")
    first = 0.34  # the figure names need room; the numbers share the rest
    widths = [first] + [(1 - first) / (len(header) - 1)] * (len(header) - 1)
    table = axes.table(
        cellText=rows, colLabels=header, colWidths=widths, loc="upper left", cellLoc="left"
    )
    table.auto_set_font_size(False)
    table.set_fontsize(9)
    table.scale(1, 1.4)
    for (row, _col), cell in table.get_celld().items():
        if row == 0:
            cell.set_text_props(fontweight="bold")
            cell.set_facecolor("#e8eef5")
    return page


def _text_page(title: str, parts: list[tuple[str, str]]) -> Figure:
    from matplotlib.figure import Figure

    page = Figure(figsize=A4_LANDSCAPE)
    page.suptitle(title, fontsize=14, x=0.05, ha="left")
    y = 0.88
    for heading, body in parts:
        page.text(0.05, y, heading, fontsize=12, fontweight="bold", va="top")
        y -= 0.045
        for paragraph in body.splitlines() or [""]:
            for line in textwrap.wrap(paragraph, 120) or [""]:
                page.text(0.05, y, line, fontsize=10, va="top")
                y -= 0.03
        y -= 0.03
    return page


def write_pdf(report: Report, charts: dict[str, Figure], path: Path) -> Path:
    """The yearly report: figures and comparison, the four quarters, the charts, the texts."""
    from matplotlib.backends.backend_pdf import PdfPages

    figures = report.figures
    title = text.PDF_TITLE.format(year=figures.period)
    subtitle = text.PDF_SUBTITLE.format(moment=moment_in_words(report.generated_at))
    pages = [
        _table_page(
            f"{title}\n{subtitle}",
            summary.comparison_header(figures),
            summary.comparison_rows(figures),
        ),
        _table_page(
            text.QUARTERS_SIDE_BY_SIDE,
            summary.quarters_header(figures),
            summary.quarters_rows(figures),
        ),
        *charts.values(),
        _text_page(title, report_texts(report)),
    ]
    with PdfPages(path, metadata={"Title": title}) as pdf:
        for page in pages:
            pdf.savefig(page)
    return path
