"""The report's figures as rows of Dutch text, shared by Slack, Markdown and the PDF."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.texts import reports as text
from bot.texts.complainant import OUTCOME_LABELS
from reports.figures import Figures, Summary

if TYPE_CHECKING:
    from reports.store import Report

Row = tuple[str, ...]

HIGHER_IS_BETTER, LOWER_IS_BETTER, NEUTRAL = 1, -1, 0

# (label, value of a summary, formatter, which way is better) in the order management reads
# them. "Afgesloten" as a count is not judged: a fresh period had less time to close; the
# share closed within 30 days (of those old enough) is.
_HEADLINE: tuple[tuple[str, Callable[[Summary], float | None], Callable[..., str], int], ...] = (
    (text.RECEIVED, lambda s: s.received, text.number, NEUTRAL),
    (text.CLOSED, lambda s: s.closed, text.number, NEUTRAL),
    (text.CLOSED_IN_WINDOW, lambda s: s.closed_in_window_rate, text.percent, HIGHER_IS_BETTER),
    (text.OPEN, lambda s: s.open, text.number, NEUTRAL),
    (text.REJECTED, lambda s: s.rejected, text.number, NEUTRAL),
    (text.ON_TIME, lambda s: s.on_time, text.number, NEUTRAL),
    (text.LATE, lambda s: s.late, text.number, LOWER_IS_BETTER),
    (text.AWAITING_CONTACT, lambda s: s.awaiting_contact, text.number, NEUTRAL),
    (text.ON_TIME_RATE, lambda s: s.on_time_rate, text.percent, HIGHER_IS_BETTER),
    (text.MEDIAN_HOURS, lambda s: s.median_hours_to_contact, text.whole, LOWER_IS_BETTER),
    (text.P90_HOURS, lambda s: s.p90_hours_to_contact, text.whole, LOWER_IS_BETTER),
    (text.MEDIAN_DAYS, lambda s: s.median_days_to_close, text.number, LOWER_IS_BETTER),
    (text.REOPENED, lambda s: s.reopened, text.number, LOWER_IS_BETTER),
    (text.DISCUSSIONS_REQUESTED, lambda s: s.discussions_requested, text.number, NEUTRAL),
    (text.DISCUSSIONS, lambda s: s.discussions, text.number, NEUTRAL),
    (text.MEDIAN_HOURS_TO_ANSWER, lambda s: s.median_hours_to_answer, text.whole, LOWER_IS_BETTER),
    (text.OVERDUE_OPEN, lambda s: s.overdue_open, text.number, LOWER_IS_BETTER),
)


def _change(now: float | None, before: float | None, percent: bool, better: int) -> str:
    """'+3', '−1,5 procentpunt (beter)': the difference, judged where one way is better."""
    if now is None or before is None:
        return text.NONE
    delta = now - before
    if percent:
        change = text.PERCENT_POINTS.format(value=text.signed(round(delta * 100, 1)))
    else:
        change = text.signed(delta)
    if better == NEUTRAL or round(delta, 3) == 0:
        return change
    judgement = text.BETTER if delta * better > 0 else text.WORSE
    return text.CHANGE_JUDGED.format(change=change, judgement=judgement)


def _compared(figures: Figures) -> list[Summary]:
    """The previous period, and (for a quarter) the same quarter a year earlier; for a year
    both are the year before, shown once."""
    if figures.kind == "year":
        return [figures.previous]
    return [figures.previous, figures.year_earlier]


def comparison_header(figures: Figures) -> Row:
    header = [text.FIGURE, text.period_name(figures.summary.label)]
    for other in _compared(figures):
        name = text.period_name(other.label)
        header += [name, text.CHANGE_VS.format(label=name)]
    return tuple(header)


def comparison_rows(figures: Figures) -> list[Row]:
    """Each headline figure: this period, then per compared period its value and the change;
    'n.v.t.' for a period the bot was not in use yet."""
    rows = []
    for label, value, formatter, better in _HEADLINE:
        percent = formatter is text.percent
        now = value(figures.summary)
        row = [label, formatter(now)]
        for other in _compared(figures):
            if other.label in figures.not_applicable:
                row += [text.NOT_APPLICABLE, text.NOT_APPLICABLE]
                continue
            before = value(other)
            row += [formatter(before), _change(now, before, percent, better)]
        rows.append(tuple(row))
    return rows


def status(figures: Figures, today: dt.date | None = None) -> str:
    """'tussenstand t/m 7 december 2026' while the period runs, else 'definitief'."""
    if figures.running_until:
        return text.STATUS_RUNNING.format(date=_day(figures.running_until, today))
    return text.STATUS_FINAL


def comparison_notes(figures: Figures, today: dt.date | None = None) -> list[str]:
    """What a reader must know to read the comparison honestly (`today`: as `_day`)."""
    notes = []
    if figures.running_until:
        notes.append(text.NOTE_RUNNING.format(date=_day(figures.running_until, today)))
    compared = [*_compared(figures), *figures.quarters]
    if figures.in_use_since and any(o.label in figures.not_applicable for o in compared):
        notes.append(text.NOTE_NOT_IN_USE.format(date=_day(figures.in_use_since, today)))
    sent = ((figures.previous, figures.previous_sent_at),)
    if figures.kind == "quarter":
        sent += ((figures.year_earlier, figures.year_earlier_sent_at),)
    for other, at in sent:
        if at:
            name = text.period_name(other.label)
            notes.append(text.NOTE_AS_SENT.format(label=name, date=_day(at, today)))
    notes.append(text.NOTE_CLOSED_FAIR)
    return notes


def _day(iso: str, today: dt.date | None = None) -> str:
    """'7 december 2026' from an ISO date or moment. The PDF and samenvatting.md are kept, so
    they pass no `today` and keep the year; the report's chat post passes it, and a date this
    year reads '7 december' (as bot.texts.date_in_words)."""
    from bot.texts import MONTHS

    day = dt.date.fromisoformat(iso[:10])
    words = f"{day.day} {MONTHS[day.month - 1]}"
    return words if today is not None and today.year == day.year else f"{words} {day.year}"


def quarters_header(figures: Figures) -> Row:
    return (text.FIGURE, *(text.period_name(q.label) for q in figures.quarters), text.TOTAL)


def quarters_rows(figures: Figures) -> list[Row]:
    """Each headline figure for the four quarters of a year side by side, then the year."""
    columns = [*figures.quarters, figures.summary]
    return [
        (
            label,
            *(
                text.NOT_APPLICABLE
                if summary.label in figures.not_applicable
                else formatter(value(summary))
                for summary in columns
            ),
        )
        for label, value, formatter, _better in _HEADLINE
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
        (text.BY_OUTCOME, outcome_rows(figures)),
        (text.DISCUSSION_EXCEPTIONS, discussion_exception_rows(figures)),
    ]
    if figures.kind == "year":
        tables.append((text.EFFECTIVENESS_CHECKS, effectiveness_rows(figures)))
    return tables


def outcome_rows(figures: Figures) -> list[Row]:
    """Every decision in the order of the procedure, zeros too, then how many closed
    complaints have none recorded."""
    rows = [(label, str(figures.outcomes.get(key, 0))) for key, label in OUTCOME_LABELS.items()]
    unrecorded = figures.summary.closed - sum(figures.outcomes.values())
    return [*rows, (text.OUTCOME_NONE, str(max(unrecorded, 0)))]


def discussion_exception_rows(figures: Figures) -> list[Row]:
    """How often the talk with an employee did not go as planned, each exception once."""
    return [
        (label, str(figures.discussion_exceptions.get(key, 0)))
        for key, label in text.DISCUSSION_EXCEPTION_LABELS.items()
    ]


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


# -- key figures and measures ------------------------------------------------------------------

ON_COURSE, ATTENTION, OFF_COURSE = "on_course", "attention", "off_course"
ATTENTION_MARGIN = 0.1  # within 10 procentpunt of a rate target: attention, not off course


def _rate_status(rate: float | None, target: float) -> str | None:
    if rate is None:
        return None
    if rate >= target:
        return ON_COURSE
    return ATTENTION if rate >= target - ATTENTION_MARGIN else OFF_COURSE


def _zero_status(count: int) -> str:
    if count == 0:
        return ON_COURSE
    return ATTENTION if count <= 2 else OFF_COURSE


def _trend_word(now: float | None, before: float | None) -> str:
    if now is None or before is None:
        return text.NONE
    if round(now - before, 3) > 0:
        return text.TREND_UP
    if round(now - before, 3) < 0:
        return text.TREND_DOWN
    return text.TREND_SAME


def _compared_value(figures: Figures, other: Summary, value: Callable[[Summary], object]) -> str:
    if other.label in figures.not_applicable:
        return text.NOT_APPLICABLE
    result = value(other)
    return result if isinstance(result, str) else text.NONE


def key_figure_rows(figures: Figures) -> list[Row]:
    """(Kengetal, nu, doel, vorige periode, zelfde periode vorig jaar, status): the row of key
    figures at the top of every report. The status is in words with an arrow, never colour
    alone: op koers / aandacht / uit koers where a target exists, else the direction."""
    s, prev, earlier = figures.summary, figures.previous, figures.year_earlier
    target = figures.on_time_target
    effective = figures.effectiveness.get("effective", 0)
    checked = effective + figures.effectiveness.get("not_effective", 0)
    yes, no = figures.satisfaction.get("ja", 0), figures.satisfaction.get("nee", 0)
    rows: list[Row] = []

    def add(
        label: str, now: str, goal: str, value: Callable[[Summary], object], state: str
    ) -> None:
        rows.append(
            (
                label,
                now,
                goal,
                _compared_value(figures, prev, value),
                _compared_value(figures, earlier, value)
                if figures.kind == "quarter"
                else text.NONE,
                state,
            )
        )

    def direction(value: Callable[[Summary], float | None]) -> str:
        if prev.label in figures.not_applicable:
            return text.NOT_APPLICABLE
        return _trend_word(value(s), value(prev))

    add(
        text.KEY_RECEIVED,
        text.number(s.complaints),
        text.NONE,
        lambda o: text.number(o.complaints),
        direction(lambda o: o.complaints),
    )
    add(
        text.KEY_ON_TIME,
        text.percent(s.on_time_rate),
        text.percent(target),
        lambda o: text.percent(o.on_time_rate),
        text.STATUS_WORDS.get(_rate_status(s.on_time_rate, target), text.NONE),
    )
    add(
        text.KEY_CLOSED_IN_WINDOW,
        text.percent(s.closed_in_window_rate),
        text.NONE,
        lambda o: text.percent(o.closed_in_window_rate),
        direction(lambda o: o.closed_in_window_rate),
    )
    add(
        text.KEY_CLOSED_WITHIN_NORM.format(days=figures.close_target_workdays),
        text.percent(s.closed_within_norm_rate),
        text.percent(target),
        lambda o: text.percent(o.closed_within_norm_rate),
        text.STATUS_WORDS.get(_rate_status(s.closed_within_norm_rate, target), text.NONE),
    )
    add(
        text.KEY_OVERDUE,
        text.number(s.overdue_open),
        "0",
        lambda o: text.number(o.overdue_open),
        text.STATUS_WORDS[_zero_status(s.overdue_open)],
    )
    add(
        text.KEY_OLD_OPEN,
        text.number(figures.old_open),
        "0",
        lambda o: text.NONE,
        text.STATUS_WORDS[_zero_status(figures.old_open)],
    )
    add(
        text.KEY_EFFECTIVE,
        text.percent(effective / checked if checked else None),
        text.NONE,
        lambda o: text.NONE,
        text.NONE,
    )
    add(
        text.KEY_SATISFIED,
        text.percent(yes / (yes + no) if yes + no else None),
        text.NONE,
        lambda o: text.NONE,
        text.NONE,
    )
    return rows


def attention_references(figures: Figures) -> list[str]:
    """The complaints that need management's attention, by reference: open without contact
    after the deadline, the oldest still open, measures that did not work."""
    seen: dict[str, None] = {}
    for ref in figures.overdue_references[:5]:
        seen[ref] = None
    for ref, _days in figures.oldest_open:
        seen[ref] = None
    for item in figures.not_effective[:5]:
        seen[item.reference] = None
    return list(seen)


def measure_rows(figures: Figures) -> list[Row]:
    """Preventive measures per category and root cause: how many, the latest (complaint and
    date) and what the effectiveness checks found."""
    return [
        (
            text.category_label(g.category),
            text.root_cause_label(g.root_cause),
            str(g.complaints),
            text.MEASURE_LATEST.format(
                measure=g.latest, reference=g.latest_reference, date=_day(g.latest_on)
            ),
            _effect(g.effective, g.not_effective, g.pending),
        )
        for g in figures.measure_groups
    ]


def _effect(effective: int, failed: int, pending: int) -> str:
    parts = []
    if effective:
        parts.append(text.EFFECT_EFFECTIVE.format(count=effective))
    if failed:
        parts.append(text.EFFECT_NOT_EFFECTIVE.format(count=failed))
    if pending:
        parts.append(text.EFFECT_PENDING.format(count=pending))
    return ", ".join(parts) or text.EFFECT_NO_CHECK


def not_effective_rows(figures: Figures) -> list[Row]:
    """Each check that found a measure not effective, linked to its complaint and measure."""
    return [
        (
            item.reference,
            text.category_label(item.category),
            text.root_cause_label(item.root_cause),
            item.preventive or text.NONE,
            item.result,
            _day(item.checked_on),
        )
        for item in figures.not_effective
    ]


def effectiveness_trend_line(figures: Figures) -> str:
    """The effectiveness rate of each of the trend's quarters with a check, or ''."""
    from reports.analysis import effectiveness_per_quarter, quarters_in_words

    rates = effectiveness_per_quarter(figures)
    if not rates:
        return ""
    return text.EFFECTIVENESS_TREND.format(per_quarter=quarters_in_words(rates))


def effectiveness_line(figures: Figures) -> str:
    effective = figures.effectiveness.get("effective", 0)
    failed = figures.effectiveness.get("not_effective", 0)
    pending = figures.effectiveness.get("pending", 0)
    if not effective + failed:
        return text.EFFECTIVENESS_NONE.format(pending=pending)
    return text.EFFECTIVENESS_RATE.format(
        rate=text.percent(effective / (effective + failed)),
        checked=effective + failed,
        failed=failed,
        pending=pending,
    )


# -- the header every report opens with ---------------------------------------------------------


def report_name(figures: Figures) -> str:
    """'Klachtenrapportage K3 2026' or 'Klachtenjaarverslag 2026'."""
    if figures.kind == "year":
        return text.HEADER_YEAR.format(year=figures.period)
    return text.HEADER_QUARTER.format(name=text.period_name(figures.period))


def header_lines(
    figures: Figures,
    generated_at: dt.datetime,
    officer_wrote: bool,
    author: str | None,
    today: dt.date | None = None,
) -> list[str]:
    """Organisation, report, as-of date and status, author (the officer by name when the
    bot knows it) and addressee."""
    if not officer_wrote:
        written = text.HEADER_AUTHOR_GENERATED
    elif author:
        written = text.HEADER_AUTHOR_NAMED.format(name=author)
    else:
        written = text.HEADER_AUTHOR_OFFICER
    return [
        figures.organisation or text.HEADER_ORGANISATION_MISSING,
        report_name(figures),
        f"{text.HEADER_AS_OF.format(date=_day(generated_at.date().isoformat(), today))} · "
        f"{text.HEADER_STATUS.format(status=status(figures, today))}",
        written,
        text.HEADER_TO,
    ]


def decision_asked(figures: Figures, advice: str | None) -> str:
    if figures.kind == "year":
        return text.DECISION_ADVICE if advice else text.DECISION_NO_ADVICE
    return text.DECISION_QUARTER


@dataclass(frozen=True)
class FrontPage:
    """What every report opens with (page 1 of the PDF, the top of the Slack post and of
    samenvatting.md): one model, rendered three ways."""

    title: str  # 'Klachtenrapportage K3 2026'
    organisation: str
    about: list[str]  # 'Stand per … · Status: …', author, addressee
    messages: list[str]
    key_figures: list[Row]
    cases: str  # references, or 'Geen.'
    officer_heading: str
    officer_text: str  # the officer's analysis or advice, or that there is none
    decision: str
    author: str | None = None  # the officer who wrote the text, by name, when known


def front_page(report: Report, today: dt.date | None = None) -> FrontPage:
    """The front page; `today` only for the chat post (dates this year without the year)."""
    from reports.analysis import key_messages

    figures = report.figures
    officer = report.advice if report.kind == "year" else report.officer_text
    header = header_lines(figures, report.generated_at, bool(officer), report.written_by, today)
    if report.kind == "year":
        heading, missing = text.ADVICE_HEADING, text.NO_ADVICE
    else:
        heading, missing = text.OFFICER_TEXT_HEADING, text.NO_OFFICER_TEXT
    return FrontPage(
        title=header[1],
        organisation=header[0],
        about=header[2:],
        messages=key_messages(figures),
        key_figures=key_figure_rows(figures),
        cases=", ".join(attention_references(figures)) or text.ATTENTION_NONE,
        officer_heading=heading,
        officer_text=officer or missing,
        decision=decision_asked(figures, report.advice),
        author=report.written_by if officer else None,
    )
