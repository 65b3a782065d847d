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
from storage.models import Profile

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
    lines += _table(text.MEASURES_HEADER, summary.measure_rows(figures))
    lines += [f"### {text.NOT_EFFECTIVE_TITLE}", ""]
    rows = summary.not_effective_rows(figures)
    lines += _table(text.NOT_EFFECTIVE_HEADER, rows) if rows else [text.NOT_EFFECTIVE_NONE, ""]
    return lines


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
    for title, header, rows in _tables(figures):
        lines += _section(title, _table(header, rows))
    lines += _section(text.MEASURES, [*_measure_lines(figures), ""])
    for heading, body in report_texts(report):
        lines += _section(heading, [body, ""])
    lines += [f"![{path.stem}]({path.name})" for path in chart_files]
    return "\n".join(lines).rstrip() + "\n"


# -- PDF (every report) ------------------------------------------------------------------------

A4 = (8.27, 11.69)  # portrait, inches: every page, the charts' too
LEFT, RIGHT = 0.07, 0.93
BODY_TOP, BODY_BOTTOM = 0.92, 0.05
LINE, HEADING = 0.017, 0.03
WRAP = 95  # characters per line of running text
ROW_LINE = 0.014  # the height of one line of a table cell
CELL_CHARS = 44  # a wider cell wraps over lines so that no label is cut


def _page(doc: _Doc) -> Figure:
    """A new A4 page with the running header (organisation, report, period)."""
    from matplotlib.figure import Figure

    page = Figure(figsize=A4)
    page.text(LEFT, 0.965, doc.running_header, fontsize=8, color="#444444", va="top")
    page.add_artist(
        __import__("matplotlib.lines", fromlist=["Line2D"]).Line2D(
            [LEFT, RIGHT], [0.95, 0.95], color="#999999", linewidth=0.5
        )
    )
    doc.pages.append(page)
    return page


class _Doc:
    """The pages being laid out, and where the next line goes on the last one."""

    def __init__(self, running_header: str) -> None:
        self.running_header = running_header
        self.pages: list[Figure] = []
        self.y = 0.0
        self.contents: list[tuple[str, int]] = []

    def new_page(self) -> Figure:
        page = _page(self)
        self.y = BODY_TOP
        return page

    def room(self, height: float) -> Figure:
        if not self.pages or self.y - height < BODY_BOTTOM:
            return self.new_page()
        return self.pages[-1]

    def heading(self, title: str, *, contents: bool = True, size: int = 13) -> None:
        page = self.room(HEADING + 2 * LINE)
        if contents:
            self.contents.append((title, len(self.pages)))
        page.text(LEFT, self.y, title, fontsize=size, fontweight="bold", va="top")
        self.y -= HEADING

    def paragraph(self, body: str, *, size: int = 9, bullet: bool = False) -> None:
        for index, paragraph in enumerate(body.splitlines() or [""]):
            width = WRAP - (3 if bullet else 0)
            lines = textwrap.wrap(paragraph, width) or [""]
            for number, line in enumerate(lines):
                page = self.room(LINE)
                prefix = ("• " if number == 0 else "  ") if bullet else ""
                page.text(LEFT, self.y, prefix + line, fontsize=size, va="top")
                self.y -= LINE
            if bullet and index < len(body.splitlines()) - 1:
                self.y -= LINE / 4
        self.y -= LINE / 2

    def table(self, title: str, header: Row, rows: list[Row], numeric: set[int]) -> None:
        """A table whose long cells wrap (no label cut off), numbers right-aligned; what does
        not fit on a page continues on the next under its header, titled '(vervolg)'."""
        rows = rows or [(text.NONE,) + ("",) * (len(header) - 1)]
        wrapped = [tuple(_wrap_cell(c, len(header)) for c in row) for row in rows]
        heights = [max(c.count("\n") + 1 for c in row) for row in wrapped]
        index, first = 0, True
        while index < len(wrapped):
            lines = int((self.y - BODY_BOTTOM - HEADING) / ROW_LINE) - 2
            if lines < min(heights[index] + 2, 6):
                self.new_page()
                continue
            count, used = 0, 0
            while index + count < len(wrapped) and used + heights[index + count] <= lines:
                used += heights[index + count]
                count += 1
            if count == 0:  # one row taller than a page: give it the page
                count, used = 1, heights[index]
            heading = title if first else text.CONTINUED.format(title=title)
            self.heading(heading, contents=first, size=11)
            table_height = (used + 1.5) * ROW_LINE
            axes = self.pages[-1].add_axes(
                (LEFT, self.y - table_height, RIGHT - LEFT, table_height)
            )
            _draw_table(
                axes,
                header,
                wrapped[index : index + count],
                numeric,
                heights[index : index + count],
            )
            self.y -= table_height + LINE
            index += count
            first = False
            if index < len(wrapped):
                self.new_page()

    def image(self, title: str, png: bytes, explanation: str) -> None:
        import io

        from matplotlib.image import imread

        self.new_page()
        self.heading(title)
        picture = imread(io.BytesIO(png), format="png")
        height_px, width_px = picture.shape[:2]
        width = RIGHT - LEFT
        height = width * (height_px / width_px) * (A4[0] / A4[1])
        axes = self.pages[-1].add_axes((LEFT, self.y - height, width, height))
        axes.imshow(picture)
        axes.set_axis_off()
        self.y -= height + LINE
        self.paragraph(explanation)


def _wrap_cell(cell: str, columns: int) -> str:
    width = CELL_CHARS if columns <= 3 else max(14, 150 // columns)
    return "\n".join(textwrap.wrap(cell, width)) if len(cell) > width else cell


def _draw_table(
    axes: Axes, header: Row, rows: list[Row], numeric: set[int], heights: list[int]
) -> None:
    axes.set_axis_off()
    lengths = [
        max(len(line) for cell in [head, *(row[i] for row in rows)] for line in cell.split("\n"))
        for i, head in enumerate(header)
    ]
    total = sum(max(n, 6) + 3 for n in lengths)
    widths = [(max(n, 6) + 3) / total for n in lengths]
    table = axes.table(
        cellText=rows, colLabels=header, colWidths=widths, loc="upper left", cellLoc="left"
    )
    table.auto_set_font_size(False)
    table.set_fontsize(7)
    unit = 1 / (sum(heights) + 1.5)
    for (row, col), cell in table.get_celld().items():
        cell.set_height(unit * (1.5 if row == 0 else heights[row - 1]))
        cell.set_edgecolor("#cccccc")
        if row == 0:
            cell.set_text_props(fontweight="bold")
            cell.set_facecolor("#e8eef5")
        if col in numeric:
            cell._loc = "right"  # numbers right-aligned, header and all
            cell.get_text().set_horizontalalignment("right")
            cell.PAD = 0.05


def pdf_name(report: Report) -> str:
    pattern = text.PDF_FILE_YEAR if report.kind == "year" else text.PDF_FILE_QUARTER
    return pattern.format(period=report.period)


def write_pdf(
    report: Report, charts: dict[str, Figure], path: Path, pngs: dict[str, bytes] | None = None
) -> Path:
    """The report as one A4 document: page 1 the summary (who, what, status, key messages, key
    figures, cases, the officer's text and the decision asked), then the comparison, the
    breakdowns, the measures and their effect, the charts with their explanation, the full
    analysis. Header and footer on every page; document metadata. `pngs`: the charts already
    rendered (by name), so that each is drawn once."""
    import io

    from matplotlib.backends.backend_pdf import PdfPages

    figures = report.figures
    name = summary.report_name(figures)
    organisation = figures.organisation or text.HEADER_ORGANISATION_MISSING
    doc = _Doc(f"{organisation} · {name} · {summary.status(figures)}")

    # Page 1: the summary.
    front = summary.front_page(report)
    page = doc.new_page()
    page.text(LEFT, doc.y, front.title, fontsize=18, fontweight="bold", va="top")
    doc.y -= 0.035
    for line in [front.organisation, *front.about]:
        page.text(LEFT, doc.y, line, fontsize=10, va="top")
        doc.y -= LINE * 1.2
    doc.y -= LINE
    doc.heading(text.KEY_MESSAGES, contents=False, size=12)
    for message in front.messages:
        doc.paragraph(message, size=9, bullet=True)
    doc.table(text.KEY_FIGURES, text.KEY_FIGURES_HEADER, front.key_figures, {1, 2, 3, 4})
    doc.heading(text.ATTENTION_CASES, contents=False, size=11)
    doc.paragraph(front.cases)
    doc.heading(front.officer_heading, contents=False, size=11)
    doc.paragraph(front.officer_text)
    doc.heading(text.DECISION_HEADING, contents=False, size=11)
    doc.paragraph(front.decision)

    # The rest, each section listed in the contents on page 2.
    doc.new_page()
    contents_page, contents_y = doc.pages[-1], doc.y
    doc.y -= HEADING + LINE * 14
    comparison = summary.comparison_header(figures), summary.comparison_rows(figures)
    doc.table(text.COMPARISON, *comparison, set(range(1, len(comparison[0]))))
    for note in summary.comparison_notes(figures):
        doc.paragraph(note, size=8, bullet=True)
    if figures.quarters:
        quarters = summary.quarters_header(figures), summary.quarters_rows(figures)
        doc.table(text.QUARTERS_SIDE_BY_SIDE, *quarters, set(range(1, 6)))
    for title, table_header, rows in _tables(figures):
        doc.table(title, table_header, rows, set(range(1, len(table_header))))
    doc.heading(text.MEASURES)
    doc.paragraph(summary.effectiveness_line(figures))
    doc.table(text.MEASURES_BY_CAUSE, text.MEASURES_HEADER, summary.measure_rows(figures), {2})
    doc.table(
        text.NOT_EFFECTIVE_TITLE,
        text.NOT_EFFECTIVE_HEADER,
        summary.not_effective_rows(figures),
        set(),
    )
    for key, chart in charts.items():
        png = (pngs or {}).get(key)
        if png is None:
            buffer = io.BytesIO()
            chart.savefig(buffer, format="png", dpi=150)
            png = buffer.getvalue()
        title = chart.axes[0].get_title() if chart.axes else text.CHART_FILES[key]
        doc.image(title, png, text.CHART_EXPLANATIONS[key])
    for heading_text, body in report_texts(report):
        doc.heading(heading_text)
        doc.paragraph(body)

    contents_page.text(LEFT, contents_y, text.CONTENTS, fontsize=13, fontweight="bold", va="top")
    y = contents_y - HEADING
    for title, number in doc.contents[:14]:
        contents_page.text(LEFT, y, title, fontsize=9, va="top")
        contents_page.text(RIGHT, y, str(number), fontsize=9, va="top", ha="right")
        y -= LINE
    total = len(doc.pages)
    metadata = {"Title": f"{name} – {organisation}", "Author": organisation, "Subject": name}
    with PdfPages(path, metadata=metadata) as pdf:
        for number, page in enumerate(doc.pages, start=1):
            footer = f"{organisation} · {name} · " + text.PAGE_NUMBER.format(
                number=number, total=total
            )
            page.text(RIGHT, 0.025, footer, ha="right", va="bottom", fontsize=7, color="#444444")
            pdf.savefig(page)
    return path
