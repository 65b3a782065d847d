"""The report's figures, computed with aggregate queries (COUNT, SUM(CASE), GROUP BY).

Every figure counts the complaints *received* in the period (a cohort), in the state they are
in when the report is made: received = closed + open + rejected. Rejected intake ("geen klacht")
is counted as received and rejected, and left out of every other figure. Per complaint only three
numbers leave the database (epoch seconds of receipt, contact and closure), for the working-hour
statistics; no complaint row is loaded whole.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import asdict, dataclass, field, fields
from itertools import chain
from typing import Any

import numpy as np
from sqlalchemy import ColumnElement, Connection, Float, and_, case, func, or_, select, union
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from bot.procedure import OPEN_STATES, EventKind, State
from bot.settings import Settings
from bot.workdays import WorkCalendar
from reports.periods import Period
from reports.workhours import Timeline, business_day_hours, working_days, working_hours
from storage.models import ComplaintRow, EventRow
from storage.profiles import profile_names
from storage.search import YEAR

C = ComplaintRow.__table__.c
E = EventRow.__table__.c
UNKNOWN = ""  # the key for "not recorded yet" (e.g. no category before registration)
HOUR_BIN_WIDTH = 4
HOUR_BIN_COUNT = 12  # 0-4 ... 44-48, then one bin for 48 and more
LIST_LIMIT = 20
CLOSE_WINDOW_DAYS = 30
EMPLOYEE_LIMIT = 10
TREND_QUARTERS = 8
YEAR_SECONDS = YEAR.total_seconds()  # the complaint card's 12 months
# An effectiveness check belongs to a closed complaint (reopening starts a new one): the
# condition also lets the (state, check date) index find the checks of a period.
_CLOSED = C.state == State.CLOSED.value
DISCUSSION_EXCEPTIONS = ("declined", "unreachable", "reminded", "escalated", "never_held")


class epoch_seconds(FunctionElement[float]):
    """Seconds since 1970-01-01 UTC of a stored time, as a float, on SQLite and PostgreSQL."""

    type = Float()
    inherit_cache = True


@compiles(epoch_seconds, "postgresql")
def _epoch_pg(element: epoch_seconds, compiler: Any, **kw: Any) -> str:
    return f"CAST(EXTRACT(EPOCH FROM {compiler.process(element.clauses, **kw)}) AS FLOAT8)"


@compiles(epoch_seconds, "sqlite")
def _epoch_sqlite(element: epoch_seconds, compiler: Any, **kw: Any) -> str:
    # UtcDateTime keeps naive UTC text on SQLite; julianday() reads it to ~50 µs.
    return f"((julianday({compiler.process(element.clauses, **kw)}) - 2440587.5) * 86400.0)"


@dataclass(frozen=True)
class Summary:
    """The headline figures of one period."""

    label: str
    received: int = 0
    closed: int = 0
    open: int = 0
    rejected: int = 0
    on_time: int = 0
    late: int = 0
    awaiting_contact: int = 0  # not contacted, deadline not yet passed
    discussions: int = 0  # held (recorded with "Besproken")
    overdue_open: int = 0  # open, not contacted, deadline passed
    median_hours_to_contact: float | None = None
    p90_hours_to_contact: float | None = None
    median_days_to_close: float | None = None
    discussions_requested: int = 0  # an employee was asked for their side
    median_hours_to_answer: float | None = None  # working hours from the request to the answer
    # Fair closing figures: of the complaints received at least CLOSE_WINDOW_DAYS before the
    # report (`aged`), how many were closed within that many days of receipt. A fresh quarter's
    # complaints had less time to close; this compares like with like.
    aged: int = 0
    closed_in_window: int = 0
    reopened: int = 0  # complaints reopened at least once
    # Closed complaints closed within CLOSE_TARGET_WORKDAYS working days of receipt (None in
    # figures stored before the norm existed).
    closed_within_norm: int | None = None

    @property
    def complaints(self) -> int:
        return self.received - self.rejected

    @property
    def closed_in_window_rate(self) -> float | None:
        return self.closed_in_window / self.aged if self.aged else None

    @property
    def on_time_rate(self) -> float | None:
        return on_time_rate(self.on_time, self.late)

    @property
    def closed_within_norm_rate(self) -> float | None:
        if self.closed_within_norm is None or not self.closed:
            return None
        return self.closed_within_norm / self.closed


def on_time_rate(on_time: int, late: int) -> float | None:
    """Share of contacts on time among those decided (on time, late, or overdue)."""
    decided = on_time + late
    return on_time / decided if decided else None


@dataclass(frozen=True)
class Month:
    label: str  # 'YYYY-MM'
    by_category: dict[str, int]
    on_time: int
    late: int


@dataclass(frozen=True)
class Measure:
    reference: str
    category: str
    corrective: str
    preventive: str


@dataclass(frozen=True)
class MeasureGroup:
    """The preventive measures of one category and root cause: how many complaints got one,
    the latest (its complaint and date), and what the effectiveness checks found."""

    category: str
    root_cause: str
    complaints: int
    latest: str  # the latest measure's text
    latest_reference: str
    latest_on: str  # ISO date it was closed
    effective: int
    not_effective: int
    pending: int  # a check planned, no result recorded yet


@dataclass(frozen=True)
class NotEffective:
    reference: str
    category: str
    root_cause: str
    preventive: str
    result: str
    checked_on: str  # ISO date the check was planned


@dataclass(frozen=True)
class TrendPoint:
    label: str
    received: int  # complaints: "geen klacht" is left out, as in every other chart
    on_time: int
    late: int
    # Effectiveness checks planned in the quarter, by their recorded result.
    effective: int = 0
    not_effective: int = 0

    @property
    def effective_rate(self) -> float | None:
        checked = self.effective + self.not_effective
        return self.effective / checked if checked else None


@dataclass(frozen=True)
class Figures:
    period: str
    kind: str
    title: str
    generated_at: str
    on_time_target: float
    deadline_hours: tuple[float, float]  # the contact deadline in working hours: (min, max)
    summary: Summary
    previous: Summary
    year_earlier: Summary
    by_category: dict[str, int]
    previous_by_category: dict[str, int]
    by_relation_type: dict[str, int]
    by_source: dict[str, int]
    root_causes: dict[str, int]
    measures: list[Measure]
    measures_total: int
    employees_involved: int
    per_employee: list[tuple[str, int]]  # (employee id, or '' when names are not shown; count)
    overdue_references: list[str]
    months: list[Month]
    hour_bins: list[int]
    trend: list[TrendPoint]
    quarters: list[Summary] = field(default_factory=list)  # the four quarters of a year
    # Effectiveness checks planned in the period: 'effective', 'not_effective', 'pending'.
    effectiveness: dict[str, int] = field(default_factory=dict)
    # Honest comparisons: when the first complaint came in (ISO), the day a period still
    # running stands at (ISO date, None once it ended), the labels of compared periods the bot
    # was not in use for (or that have not begun), and when the compared previous period's
    # figures were sent to management (ISO; they are shown as sent, not recomputed).
    in_use_since: str | None = None
    organisation: str = ""  # ORGANISATION_NAME when the report was made
    # Open complaints received at least CLOSE_WINDOW_DAYS before the report: how many, the
    # oldest first (reference, age in days), a few by name.
    old_open: int = 0
    oldest_open: list[tuple[str, int]] = field(default_factory=list)
    # Checks that found a measure not effective: which complaint, category, cause, measure.
    not_effective: list[NotEffective] = field(default_factory=list)
    measure_groups: list[MeasureGroup] = field(default_factory=list)
    # Time to contact in working days: <= 1/2, <= 1, <= 2, > 2, then complaints never contacted
    # whose deadline passed (they count too: leaving them out flatters the chart).
    day_bins: list[int] = field(default_factory=list)
    # Closed complaints by the customer's satisfaction ('ja', 'nee', 'onbekend').
    satisfaction: dict[str, int] = field(default_factory=dict)
    # The decision on the period's closed complaints (gegrond, deels gegrond, ongegrond,
    # ingetrokken, niet-ontvankelijk), as recorded when closing; none recorded is left out.
    outcomes: dict[str, int] = field(default_factory=dict)
    # The discussion step's exceptions: complaints with an employee who declined, could not be
    # reached, was reminded or escalated, and closed complaints whose requested talk was never
    # held (keys as DISCUSSION_EXCEPTIONS).
    discussion_exceptions: dict[str, int] = field(default_factory=dict)
    running_until: str | None = None
    not_applicable: list[str] = field(default_factory=list)
    previous_sent_at: str | None = None
    year_earlier_sent_at: str | None = None
    close_target_workdays: int = 10  # CLOSE_TARGET_WORKDAYS when the report was made
    # Complaints whose complainant (same e-mail or phone) complained in the 12 months before,
    # as the complaint card counts it: how many, a few by reference.
    repeat_complaints: int = 0
    repeat_references: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return self.summary.received == 0

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Figures:
        """Rebuild stored figures (what management saw), whatever the data is now."""
        values = dict(data)
        for name in ("summary", "previous", "year_earlier"):
            values[name] = Summary(**values[name])
        values["quarters"] = [Summary(**q) for q in values.get("quarters", [])]
        values["months"] = [Month(**m) for m in values["months"]]
        values["measures"] = [Measure(**m) for m in values["measures"]]
        values["trend"] = [TrendPoint(**t) for t in values["trend"]]
        values["per_employee"] = [tuple(pair) for pair in values["per_employee"]]
        values["oldest_open"] = [tuple(pair) for pair in values.get("oldest_open", [])]
        values["not_effective"] = [NotEffective(**n) for n in values.get("not_effective", [])]
        values["measure_groups"] = [MeasureGroup(**g) for g in values.get("measure_groups", [])]
        values["deadline_hours"] = tuple(values["deadline_hours"])
        known = {f.name for f in fields(cls)}
        return cls(**{key: value for key, value in values.items() if key in known})


BREAKDOWN_KEYS = ("category", "relation_type", "source", "root_cause", "satisfaction", "outcome")


@dataclass(frozen=True)
class Breakdown:
    """One period's complaints by month and by each key of BREAKDOWN_KEYS (largest first)."""

    months: list[Month]
    by: dict[str, dict[str, int]]


# -- conditions ------------------------------------------------------------------------------


def _received_in(start: dt.datetime, end: dt.datetime) -> ColumnElement[bool]:
    return and_(C.received_at >= start, C.received_at < end)


_OPEN = C.state.in_([state.value for state in OPEN_STATES])
_COUNTED = C.state != State.REJECTED.value
_ON_TIME = and_(_COUNTED, C.contacted_at.is_not(None), C.contacted_at <= C.contact_deadline)


def _overdue(now: dt.datetime) -> ColumnElement[bool]:
    return and_(_OPEN, C.contacted_at.is_(None), C.contact_deadline < now)


def _late(now: dt.datetime) -> ColumnElement[bool]:
    return or_(and_(_COUNTED, C.contacted_at > C.contact_deadline), _overdue(now))


def _awaiting(now: dt.datetime) -> ColumnElement[bool]:
    return and_(_OPEN, C.contacted_at.is_(None), C.contact_deadline >= now)


def _count_if(condition: ColumnElement[bool]) -> Any:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _bucket(column: Any, boundaries: Sequence[dt.datetime]) -> Any:
    """Index of the interval [boundaries[i], boundaries[i+1]) that holds `column`."""
    inner = boundaries[1:-1]
    return case(*((column < edge, i) for i, edge in enumerate(inner)), else_=len(inner))


# -- queries ---------------------------------------------------------------------------------


class FigureQueries:
    """All figure queries for one connection, one moment ("now") and one calendar."""

    def __init__(self, connection: Connection, settings: Settings, now: dt.datetime) -> None:
        self.connection = connection
        self.settings = settings
        self.now = now
        self.calendar = WorkCalendar.from_settings(settings)

    def summary(self, period: Period) -> Summary:
        return self.summary_and_hours(period)[0]

    def summary_and_hours(self, period: Period) -> tuple[Summary, np.ndarray]:
        """The summary, and the working hours to contact of each contacted complaint."""
        where = _received_in(period.start, period.end)
        window = CLOSE_WINDOW_DAYS * 86400.0
        aged_before = self.now - dt.timedelta(days=CLOSE_WINDOW_DAYS)
        reopened = select(E.complaint_id).where(E.kind == EventKind.REOPENED.value)
        row = self.connection.execute(
            select(
                func.count(),
                _count_if(C.state == State.CLOSED.value),
                _count_if(_OPEN),
                _count_if(C.state == State.REJECTED.value),
                _count_if(_ON_TIME),
                _count_if(_late(self.now)),
                _count_if(_awaiting(self.now)),
                _count_if(and_(_COUNTED, C.discussed_at.is_not(None))),
                _count_if(_overdue(self.now)),
                _count_if(and_(_COUNTED, C.discussion_requested_at.is_not(None))),
                _count_if(and_(_COUNTED, C.received_at <= aged_before)),
                _count_if(
                    and_(
                        _COUNTED,
                        C.received_at <= aged_before,
                        C.state == State.CLOSED.value,
                        epoch_seconds(C.closed_at) - epoch_seconds(C.received_at) <= window,
                    )
                ),
                _count_if(and_(_COUNTED, C.id.in_(reopened))),
            ).where(where)
        ).one()
        *counts, requested, aged, closed_in_window, reopened_count = [
            int(value or 0) for value in row
        ]
        hours, days = self._durations(period)
        summary = Summary(
            period.label,
            *counts,
            *_hour_stats(hours),
            _median(days),
            discussions_requested=requested,
            median_hours_to_answer=_median(self._answer_hours(period)),
            aged=aged,
            closed_in_window=closed_in_window,
            reopened=reopened_count,
            closed_within_norm=int(np.count_nonzero(days <= self.settings.close_target_workdays)),
        )
        return summary, hours

    def _answer_hours(self, period: Period) -> np.ndarray:
        """Working hours from asking the employees to the first written answer, per complaint
        (who answered is not read: the figure is about the procedure, not about people)."""
        result = self.connection.execute(
            select(
                epoch_seconds(C.discussion_requested_at), epoch_seconds(C.employee_responded_at)
            ).where(
                _received_in(period.start, period.end),
                _COUNTED,
                C.discussion_requested_at.is_not(None),
                C.employee_responded_at.is_not(None),
            )
        )
        flat = np.fromiter(chain.from_iterable(result), dtype=float)
        if not flat.size:
            return flat
        requested, answered = flat.reshape(-1, 2).T
        return working_hours(Timeline(self.calendar, requested, answered), requested, answered)

    def _durations(self, period: Period) -> tuple[np.ndarray, np.ndarray]:
        """Working hours to contact and working days to close, one value per complaint."""
        missing = -1.0  # no NaN in SQL: a time before 1970 stands for "none"
        result = self.connection.execute(
            select(
                func.coalesce(epoch_seconds(C.received_at), missing),
                func.coalesce(epoch_seconds(C.contacted_at), missing),
                func.coalesce(
                    epoch_seconds(case((C.state == State.CLOSED.value, C.closed_at))), missing
                ),
            ).where(
                _received_in(period.start, period.end),
                _COUNTED,
                or_(C.contacted_at.is_not(None), C.closed_at.is_not(None)),
            )
        )
        # Straight from the rows into one flat array: no Python object per value kept.
        flat = np.fromiter(chain.from_iterable(result), dtype=float)
        if not flat.size:
            return np.array([]), np.array([])
        received, contacted, closed = np.where(flat < 0, np.nan, flat).reshape(-1, 3).T
        timeline = Timeline(self.calendar, received, contacted, closed)
        has_contact, has_close = ~np.isnan(contacted), ~np.isnan(closed)
        hours = working_hours(timeline, received[has_contact], contacted[has_contact])
        days = working_days(timeline, received[has_close], closed[has_close])
        return hours, days

    def grouped(self, column: Any, *conditions: ColumnElement[bool]) -> dict[str, int]:
        """Counts per value of `column`, largest first (ties by value)."""
        rows = self.connection.execute(
            select(column, func.count()).where(*conditions).group_by(column)
        ).all()
        return _ranked(_keyed(rows))

    def breakdown(self, period: Period) -> Breakdown:
        """The period's complaints per month and category (with contacts on time and late),
        relation, source, and for the closed ones root cause, satisfaction and outcome: one
        GROUP BY over the period's rows instead of a pass per figure."""
        starts = period.month_starts()
        closed = C.state == State.CLOSED.value
        keys = (
            _bucket(C.received_at, starts),
            C.category,
            C.relation_type,
            C.source,
            case((closed, 1), else_=0),
            case((closed, C.root_cause_category)),
            case((closed, C.customer_satisfied)),
            case((closed, C.outcome)),
        )
        rows = self.connection.execute(
            select(*keys, func.count(), _count_if(_ON_TIME), _count_if(_late(self.now)))
            .where(_received_in(period.start, period.end), _COUNTED)
            .group_by(*keys)
        ).all()
        per_month: list[Counter[str | None]] = [Counter() for _ in starts[:-1]]
        on_time, late = [0] * len(per_month), [0] * len(per_month)
        by: dict[str, Counter[str | None]] = {name: Counter() for name in BREAKDOWN_KEYS}
        for month, category, relation, source, is_closed, cause, satisfied, outcome, *n in rows:
            count, month_on_time, month_late = (int(value) for value in n)
            per_month[month][category] += count
            on_time[month] += month_on_time
            late[month] += month_late
            values = {"category": category, "relation_type": relation, "source": source}
            if is_closed:
                values |= {"root_cause": cause, "satisfaction": satisfied}
                if outcome is not None:
                    values["outcome"] = outcome
            for name, value in values.items():
                by[name][value] += count
        months = [
            Month(f"{start:%Y-%m}", _keyed(per_month[i]), on_time[i], late[i])
            for i, start in enumerate(starts[:-1])
        ]
        return Breakdown(months, {name: _ranked(_keyed(counts)) for name, counts in by.items()})

    def trend(self, period: Period, known: Sequence[Summary] = ()) -> list[TrendPoint]:
        """The last TREND_QUARTERS quarters: complaints, contacts on time and late, and the
        checks planned. The newest quarters whose summary the report already has (`known`: the
        same counts) are taken from it instead of being counted again."""
        quarters = period.last_quarters(TREND_QUARTERS)
        edges = [q.start for q in quarters] + [quarters[-1].end]
        summaries = {summary.label: summary for summary in known}
        counted = len(quarters)
        while counted and quarters[counted - 1].label in summaries:
            counted -= 1
        found: dict[int, tuple[int, int, int]] = {}
        if counted:
            index = _bucket(C.received_at, edges[: counted + 1])
            rows = self.connection.execute(
                select(index, func.count(), _count_if(_ON_TIME), _count_if(_late(self.now)))
                .where(_received_in(edges[0], edges[counted]), _COUNTED)
                .group_by(index)
            ).all()
            found = {int(i): (int(n), int(on), int(late)) for i, n, on, late in rows}
        for i, quarter in enumerate(quarters[counted:], start=counted):
            summary = summaries[quarter.label]
            found[i] = (summary.complaints, summary.on_time, summary.late)
        checks = self._checks_per_quarter([edge.date() for edge in edges])
        return [
            TrendPoint(q.label, *found.get(i, (0, 0, 0)), *checks.get(i, (0, 0)))
            for i, q in enumerate(quarters)
        ]

    def _checks_per_quarter(self, edges: list[dt.date]) -> dict[int, tuple[int, int]]:
        """Per quarter (by index), the effectiveness checks planned in it: effective, not."""
        index = _bucket(C.effectiveness_check_on, edges)
        rows = self.connection.execute(
            select(index, _count_if(C.effective.is_(True)), _count_if(C.effective.is_(False)))
            .where(
                _CLOSED,
                C.effectiveness_check_on >= edges[0],
                C.effectiveness_check_on < edges[-1],
                C.effectiveness_result.is_not(None),
            )
            .group_by(index)
        ).all()
        return {int(i): (int(good), int(bad)) for i, good, bad in rows}

    def repeats(self, period: Period) -> tuple[int, list[str]]:
        """The period's complaints whose complainant complained in the 12 months before: the
        same e-mail address (in any case) or phone number, as on the card. Per key, in order of
        receipt (a window in SQL: no row of the year leaves the database), a complaint repeats
        when the one before it is the same person's, less than 12 months earlier."""
        in_period = and_(_received_in(period.start, period.end), _COUNTED)
        at = epoch_seconds(C.received_at)
        found = []
        for key in (func.lower(C.complainant_email), C.complainant_phone):
            ordered = (
                select(
                    C.id.label("id"),
                    at.label("at"),
                    case((in_period, 1), else_=0).label("counted"),
                    func.lag(at).over(partition_by=key, order_by=C.received_at).label("before"),
                )
                .where(_received_in(period.start - YEAR, period.end), key.is_not(None))
                .subquery()
            )
            found.append(
                select(ordered.c.id, ordered.c.at).where(
                    ordered.c.counted == 1,
                    ordered.c.before < ordered.c.at,
                    ordered.c.at <= ordered.c.before + YEAR_SECONDS,
                )
            )
        repeated = union(*found).subquery()
        rows = self.connection.execute(
            select(C.reference, func.count().over())
            .join_from(repeated, ComplaintRow, C.id == repeated.c.id)
            .order_by(repeated.c.at, repeated.c.id)
            .limit(5)
        ).all()
        return (int(rows[0][1]) if rows else 0), [reference for reference, _ in rows]

    def measures(self, period: Period) -> tuple[list[Measure], int]:
        where = (
            _received_in(period.start, period.end),
            C.state == State.CLOSED.value,
            C.corrective_measures.is_not(None),
        )
        total = self.connection.execute(select(func.count()).where(*where)).scalar_one()
        rows = self.connection.execute(
            select(C.reference, C.category, C.corrective_measures, C.preventive_measures)
            .where(*where)
            .order_by(C.closed_at, C.id)
            .limit(LIST_LIMIT)
        ).all()
        measures = [
            Measure(ref, cat or UNKNOWN, corr or "", prev or "") for ref, cat, corr, prev in rows
        ]
        return measures, int(total)

    def employees(self, period: Period) -> tuple[list[tuple[str, int]], int]:
        """Complaints per employee concerned, most first: everyone asked for their side or
        named when the discussion was recorded, each once per complaint. The named one is
        counted in SQL; the others asked, from the few requests, are added here."""
        where = (_received_in(period.start, period.end), _COUNTED)
        counts = Counter(self.grouped(C.employee_id, *where, C.employee_id.is_not(None)))
        requested = (E.complaint_id == C.id) & (E.kind == EventKind.DISCUSSION_REQUESTED.value)
        rows = self.connection.execute(
            select(C.id, C.employee_id, E.data)
            .join_from(EventRow, ComplaintRow, requested)
            .where(*where)
        )
        asked: dict[int, set[str]] = {}
        for complaint_id, employee, data in rows:
            others = asked.setdefault(complaint_id, set())
            others.update(set(data.get("employee_ids") or []) - {employee})
        counts.update(chain.from_iterable(asked.values()))
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        first = ranked[:EMPLOYEE_LIMIT]
        if not self.settings.report_employee_names:
            return [(UNKNOWN, n) for _, n in first], len(counts)
        # By their Slack profile name once the bot has learned it, else by user id.
        names = profile_names(self.connection, (key for key, _ in first))
        return [(names.get(key, key), n) for key, n in first], len(counts)

    def effectiveness(self, period: Period) -> dict[str, int]:
        """Checks of measures planned in the period, by their recorded outcome."""
        planned = and_(
            C.effectiveness_check_on >= period.start.date(),
            C.effectiveness_check_on < period.end.date(),
        )
        recorded = C.effectiveness_result.is_not(None)
        row = self.connection.execute(
            select(
                _count_if(and_(planned, recorded, C.effective.is_(True))),
                _count_if(and_(planned, recorded, C.effective.is_(False))),
                _count_if(and_(planned, ~recorded)),
            ).where(_CLOSED, planned)
        ).one()
        return dict(zip(("effective", "not_effective", "pending"), map(int, row), strict=True))

    def old_open(self, period: Period) -> tuple[int, list[tuple[str, int]]]:
        """Open complaints of the period received CLOSE_WINDOW_DAYS or more ago: the count,
        and the oldest few with their age in days."""
        where = (
            _received_in(period.start, period.end),
            _OPEN,
            C.received_at <= self.now - dt.timedelta(days=CLOSE_WINDOW_DAYS),
        )
        count = self.connection.execute(select(func.count()).where(*where)).scalar_one()
        rows = self.connection.execute(
            select(C.reference, C.received_at).where(*where).order_by(C.received_at, C.id).limit(5)
        ).all()
        return int(count), [(ref, (self.now - at).days) for ref, at in rows]

    def measure_groups(self, period: Period) -> list[MeasureGroup]:
        """Preventive measures of the period's closed complaints per category and root cause,
        most complaints first; the latest measure's text is read once per group."""
        where = (
            _received_in(period.start, period.end),
            C.state == State.CLOSED.value,
            C.preventive_measures.is_not(None),
        )
        checked = C.effectiveness_result.is_not(None)
        rows = self.connection.execute(
            select(
                C.category,
                C.root_cause_category,
                func.count(),
                func.max(C.closed_at),
                _count_if(and_(checked, C.effective.is_(True))),
                _count_if(and_(checked, C.effective.is_(False))),
                _count_if(and_(~checked, C.effectiveness_check_on.is_not(None))),
            )
            .where(*where)
            .group_by(C.category, C.root_cause_category)
        ).all()
        # The latest measure of every group in one query: the rows closed at the group's
        # latest closing time (ties broken by id below).
        last = (
            select(
                C.category.label("category"),
                C.root_cause_category.label("cause"),
                func.max(C.closed_at).label("closed_at"),
            )
            .where(*where)
            .group_by(C.category, C.root_cause_category)
            .subquery()
        )
        same_category = or_(
            C.category == last.c.category, and_(C.category.is_(None), last.c.category.is_(None))
        )
        latest: dict[tuple[str | None, str | None], tuple[str, str, dt.datetime]] = {}
        for category, cause, reference, measure, closed_at in self.connection.execute(
            select(
                C.category, C.root_cause_category, C.reference, C.preventive_measures, C.closed_at
            )
            .join_from(
                ComplaintRow,
                last,
                and_(
                    same_category,
                    C.root_cause_category == last.c.cause,
                    C.closed_at == last.c.closed_at,
                ),
            )
            .where(*where)
            .order_by(C.id.desc())
        ):
            latest.setdefault((category, cause), (reference, measure, closed_at))
        groups = []
        for category, cause, count, _last, effective, failed, pending in rows:
            reference, measure, closed_at = latest[(category, cause)]
            groups.append(
                MeasureGroup(
                    category or UNKNOWN,
                    cause or UNKNOWN,
                    int(count),
                    measure,
                    reference,
                    closed_at.astimezone(self.settings.tz).date().isoformat(),
                    int(effective),
                    int(failed),
                    int(pending),
                )
            )
        return sorted(groups, key=lambda g: (-g.complaints, g.category, g.root_cause))

    def not_effective(self, period: Period) -> list[NotEffective]:
        """The checks planned in the period that found the measures not effective."""
        rows = self.connection.execute(
            select(
                C.reference,
                C.category,
                C.root_cause_category,
                C.preventive_measures,
                C.effectiveness_result,
                C.effectiveness_check_on,
            )
            .where(
                _CLOSED,
                C.effectiveness_check_on >= period.start.date(),
                C.effectiveness_check_on < period.end.date(),
                C.effective.is_(False),
            )
            .order_by(C.effectiveness_check_on, C.id)
        ).all()
        return [
            NotEffective(ref, cat or UNKNOWN, cause or UNKNOWN, prev or "", res or "", str(on))
            for ref, cat, cause, prev, res, on in rows
        ]

    def discussion_exceptions(self, period: Period) -> dict[str, int]:
        """Per exception, how many of the period's complaints had it (each once)."""

        def had(kind: EventKind) -> ColumnElement[bool]:
            return C.id.in_(select(E.complaint_id).where(E.kind == kind.value))

        never_held = and_(
            C.state == State.CLOSED.value,
            C.discussion_requested_at.is_not(None),
            C.discussed_at.is_(None),
        )
        conditions = (
            had(EventKind.EMPLOYEE_DECLINED),
            had(EventKind.EMPLOYEE_UNREACHABLE),
            had(EventKind.DISCUSSION_REMINDER_SENT),
            had(EventKind.DISCUSSION_ESCALATED),
            never_held,
        )
        row = self.connection.execute(
            select(*(_count_if(condition) for condition in conditions)).where(
                _received_in(period.start, period.end), _COUNTED
            )
        ).one()
        return dict(zip(DISCUSSION_EXCEPTIONS, map(int, row), strict=True))

    def overdue_references(self, period: Period) -> list[str]:
        rows = self.connection.execute(
            select(C.reference)
            .where(_received_in(period.start, period.end), _overdue(self.now))
            .order_by(C.contact_deadline, C.id)
            .limit(LIST_LIMIT)
        ).all()
        return [row[0] for row in rows]


def _keyed(counts: Any) -> dict[str, int]:
    """Counts by key (pairs or a mapping), the unrecorded (None) as UNKNOWN."""
    pairs = counts.items() if isinstance(counts, Counter) else counts
    return {(key or UNKNOWN): int(count) for key, count in pairs}


def _ranked(counts: dict[str, int]) -> dict[str, int]:
    """Largest first, ties by key."""
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _median(values: np.ndarray) -> float | None:
    return round(float(np.median(values)), 2) if values.size else None


def _hour_stats(hours: np.ndarray) -> tuple[float | None, float | None]:
    if not hours.size:
        return None, None
    return _median(hours), round(float(np.percentile(hours, 90)), 2)


def hour_bins(hours: np.ndarray) -> list[int]:
    edges = [*range(0, HOUR_BIN_WIDTH * (HOUR_BIN_COUNT + 1), HOUR_BIN_WIDTH), np.inf]
    counts, _ = np.histogram(hours, bins=edges)
    return [int(n) for n in counts]


DAY_BIN_EDGES = (0.5, 1.0, 2.0)  # working days


def day_bins(hours: np.ndarray, hours_per_day: float, never_contacted: int) -> list[int]:
    """Contacts within 1/2, 1 and 2 working days and later, then those never contacted after
    the deadline."""
    edges = [0.0, *(edge * hours_per_day for edge in DAY_BIN_EDGES), np.inf]
    counts, _ = np.histogram(hours, bins=edges)
    return [*(int(n) for n in counts), never_contacted]


def deadline_hours(calendar: WorkCalendar, days: int) -> tuple[float, float]:
    """The contact deadline in working hours: received after hours, and at opening time."""
    hours_per_day = business_day_hours(calendar)
    return days * hours_per_day, (days + 1) * hours_per_day


def compute_figures(
    connection: Connection,
    settings: Settings,
    period: Period,
    now: dt.datetime,
    sent: Collection[str] = (),
) -> Figures:
    """Every figure of the report for `period`, as the database holds it at `now`. The compared
    periods labelled in `sent` had their report sent: the report shows that report's figures
    (generate.as_sent_before), so theirs are not counted here and stay empty."""
    queries = FigureQueries(connection, settings, now)
    since = connection.execute(select(func.min(C.received_at))).scalar_one()
    summary, hours = queries.summary_and_hours(period)
    before = period.previous()
    previous = Summary(before.label) if before.label in sent else queries.summary(before)
    earlier = period.year_earlier()
    year_earlier = (
        previous
        if period.is_year
        else Summary(earlier.label)
        if earlier.label in sent
        else queries.summary(earlier)
    )
    previous_by_category = (
        {}
        if before.label in sent
        else queries.grouped(C.category, _received_in(before.start, before.end), _COUNTED)
    )
    measures, measures_total = queries.measures(period)
    per_employee, employees_involved = queries.employees(period)
    old_open, oldest_open = queries.old_open(period)
    repeat_complaints, repeat_references = queries.repeats(period)
    breakdown = queries.breakdown(period)
    quarters = [queries.summary(q) for q in period.quarters()] if period.is_year else []
    # The trend takes counts from summaries counted now, not from a sent report's.
    known = [q for q in (*quarters, summary, previous) if q.label not in sent]
    return Figures(
        period=period.label,
        kind=period.kind,
        title=period.title,
        generated_at=now.isoformat(),
        on_time_target=settings.on_time_target,
        deadline_hours=deadline_hours(queries.calendar, settings.contact_deadline_days),
        summary=summary,
        previous=previous,
        year_earlier=year_earlier,
        by_category=breakdown.by["category"],
        previous_by_category=previous_by_category,
        by_relation_type=breakdown.by["relation_type"],
        by_source=breakdown.by["source"],
        root_causes=breakdown.by["root_cause"],
        measures=measures,
        measures_total=measures_total,
        employees_involved=employees_involved,
        per_employee=per_employee,
        overdue_references=queries.overdue_references(period),
        months=breakdown.months,
        hour_bins=hour_bins(hours),
        day_bins=day_bins(hours, business_day_hours(queries.calendar), summary.overdue_open),
        trend=queries.trend(period, known),
        quarters=quarters,
        effectiveness=queries.effectiveness(period),
        old_open=old_open,
        oldest_open=oldest_open,
        not_effective=queries.not_effective(period),
        measure_groups=queries.measure_groups(period),
        satisfaction=breakdown.by["satisfaction"],
        discussion_exceptions=queries.discussion_exceptions(period),
        outcomes=breakdown.by["outcome"],
        organisation=settings.organisation_name,
        close_target_workdays=settings.close_target_workdays,
        in_use_since=since.astimezone(settings.tz).isoformat() if since else None,
        running_until=now.astimezone(settings.tz).date().isoformat() if now < period.end else None,
        not_applicable=_not_applicable(period, since, now),
        repeat_complaints=repeat_complaints,
        repeat_references=repeat_references,
    )


def _not_applicable(period: Period, since: dt.datetime | None, now: dt.datetime) -> list[str]:
    """Labels of the periods a report compares with or lists that hold nothing to compare: the
    bot was not in use yet (they ended before the first complaint), or they have not begun."""
    others = [period.previous(), period.year_earlier(), *period.quarters()]
    others += period.last_quarters(TREND_QUARTERS)
    return sorted(
        {
            other.label
            for other in others
            if (since is None or other.end <= since) or other.start > now
        }
    )
