"""The report's figures as rows of Dutch text, shared by Slack, Markdown and the PDF."""

from __future__ import annotations

from collections.abc import Callable

from bot.texts import reports as text
from reports.figures import Figures, Summary

Row = tuple[str, ...]

# (label, value of a summary, formatter) in the order management reads them
_HEADLINE: tuple[tuple[str, Callable[[Summary], float | None], Callable[..., str]], ...] = (
    (text.RECEIVED, lambda s: s.received, text.number),
    (text.CLOSED, lambda s: s.closed, text.number),
    (text.OPEN, lambda s: s.open, text.number),
    (text.REJECTED, lambda s: s.rejected, text.number),
    (text.ON_TIME, lambda s: s.on_time, text.number),
    (text.LATE, lambda s: s.late, text.number),
    (text.AWAITING_CONTACT, lambda s: s.awaiting_contact, text.number),
    (text.ON_TIME_RATE, lambda s: s.on_time_rate, text.percent),
    (text.MEDIAN_HOURS, lambda s: s.median_hours_to_contact, text.number),
    (text.P90_HOURS, lambda s: s.p90_hours_to_contact, text.number),
    (text.MEDIAN_DAYS, lambda s: s.median_days_to_close, text.number),
    (text.DISCUSSIONS_REQUESTED, lambda s: s.discussions_requested, text.number),
    (text.DISCUSSIONS, lambda s: s.discussions, text.number),
    (text.MEDIAN_HOURS_TO_ANSWER, lambda s: s.median_hours_to_answer, text.number),
    (text.OVERDUE_OPEN, lambda s: s.overdue_open, text.number),
)


def _change(now: float | None, before: float | None, percent: bool) -> str:
    if now is None or before is None:
        return text.NONE
    if percent:
        return text.PERCENT_POINTS.format(value=text.signed(round((now - before) * 100, 1)))
    return text.signed(now - before)


def _compared(figures: Figures) -> list[Summary]:
    """The previous period, and (for a quarter) the same quarter a year earlier; for a year
    both are the year before, shown once."""
    if figures.kind == "year":
        return [figures.previous]
    return [figures.previous, figures.year_earlier]


def comparison_header(figures: Figures) -> Row:
    header = [text.FIGURE, figures.summary.label]
    for other in _compared(figures):
        header += [other.label, text.CHANGE_VS.format(label=other.label)]
    return tuple(header)


def comparison_rows(figures: Figures) -> list[Row]:
    """Each headline figure: this period, then per compared period its value and the change."""
    rows = []
    for label, value, formatter in _HEADLINE:
        percent = formatter is text.percent
        now = value(figures.summary)
        row = [label, formatter(now)]
        for other in _compared(figures):
            before = value(other)
            row += [formatter(before), _change(now, before, percent)]
        rows.append(tuple(row))
    return rows


def quarters_header(figures: Figures) -> Row:
    return (text.FIGURE, *(q.label for q in figures.quarters), text.TOTAL)


def quarters_rows(figures: Figures) -> list[Row]:
    """Each headline figure for the four quarters of a year side by side, then the year."""
    columns = [*figures.quarters, figures.summary]
    return [
        (label, *(formatter(value(summary)) for summary in columns))
        for label, value, formatter in _HEADLINE
    ]


def breakdown(counts: dict[str, int], label: Callable[[str], str]) -> list[Row]:
    return [(label(key), str(count)) for key, count in counts.items()]


def breakdowns(figures: Figures) -> list[tuple[str, list[Row]]]:
    """(title, rows) per category, relation type and source; for a year also the outcome of
    the effectiveness checks."""
    tables = [
        (text.BY_CATEGORY, breakdown(figures.by_category, text.category_label)),
        (text.BY_RELATION_TYPE, breakdown(figures.by_relation_type, text.relation_type_label)),
        (text.BY_SOURCE, breakdown(figures.by_source, text.source_label)),
    ]
    if figures.kind == "year":
        tables.append((text.EFFECTIVENESS_CHECKS, effectiveness_rows(figures)))
    return tables


def effectiveness_rows(figures: Figures) -> list[Row]:
    return breakdown(figures.effectiveness, text.EFFECTIVENESS_LABELS.__getitem__)


def employee_rows(figures: Figures) -> list[Row]:
    return [
        (employee or text.EMPLOYEE_ANONYMOUS.format(rank=rank), str(count))
        for rank, (employee, count) in enumerate(figures.per_employee, start=1)
    ]


def pareto_rows(figures: Figures) -> list[Row]:
    total = sum(figures.root_causes.values())
    rows, running = [], 0
    for key, count in figures.root_causes.items():
        running += count
        rows.append((text.root_cause_label(key), str(count), text.percent(running / total)))
    return rows
