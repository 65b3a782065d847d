"""Every figure of the seeded 2026-Q2 report, worked out by hand (on SQLite and PostgreSQL).

Hand computation (office calendar, business hours 09:00-17:00, report made Wed 1 Jul 09:00):
  A Fri 24 Apr 16:00 -> contact Tue 28 Apr 10:00: 1 h (Fri) + Sat/Sun/Koningsdag 0 + 1 h = 2.0
    deadline Wed 29 Apr 17:00: on time. Closed Thu 30 Apr: working days 28, 29, 30 = 3.
  B Sat 2 May 11:00 -> contact Mon 4 May 15:30: weekend 0 + 6.5 h = 6.5; on time (Tue 5 May).
    Closed Fri 8 May: 4..8 May = 5 working days.
  C Wed 13 May 14:00 -> contact Mon 18 May 16:00: 3 + Hemelvaart 0 + 8 (Fri 15) + 7 = 18.0;
    deadline Mon 18 May 17:00: on time. Closed Thu 21 May: 15, 18, 19, 20, 21 = 5.
  D Thu 21 May 09:30 -> contact Wed 27 May 10:00: 7.5 + 8 + Pinkstermaandag 0 + 8 + 1 = 24.5;
    deadline Tue 26 May 17:00: late. Closed Fri 5 Jun: 22 May, 26-29 May, 1-5 Jun = 10.
  E Mon 1 Jun 08:00 (before opening) -> contact 09:45: 0.75; on time; still open.
  F Tue 16 Jun, never contacted, deadline Thu 18 Jun 17:00 passed: late and overdue.
  G Mon 29 Jun 18:00 and M Tue 30 Jun 23:30: deadline not yet passed (awaiting contact).
  H rejected. N (Wed 1 Jul 00:30 local, 30 Jun in UTC) belongs to Q3.
  Hours sorted 0.75, 2, 6.5, 18, 24.5: median 6.5; p90 (linear) 18 + 0.6 * 6.5 = 21.9.
  Days to close 3, 5, 5, 10: median 5.
  Employees asked: A and C (recorded discussion only), D, E; held: A, C, D. Answers: D asked
  Wed 27 May 11:00, answered Thu 28 May 15:00: 6 + 6 = 12 h; E asked Tue 2 Jun 09:00, answered
  Thu 4 Jun 10:00: 8 + 8 + 1 = 17 h. Median 14.5.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from bot.procedure import (
    SYSTEM_ACTOR,
    Actor,
    Category,
    EventKind,
    RelationType,
    Role,
    RootCause,
    steps,
)
from bot.procedure.discussion import DiscussionFact
from bot.procedure.inputs import Decline, DiscussionRequest
from bot.workdays import WorkCalendar
from reports.export import write_csv
from reports.figures import Measure, Month, Summary, TrendPoint, compute_figures
from reports.periods import parse_period
from reports.summary import (
    breakdowns,
    discussion_exception_rows,
    key_figure_rows,
    outcome_rows,
)
from reports.workhours import Timeline, working_days, working_hours
from storage.models.chat import Profile
from tests.reports.seed import AMS, REPORT_NOW, Seeder, at, seed


def test_summary_of_the_quarter(seeded_quarter):
    result, _ = seeded_quarter
    assert result.summary == Summary(
        label="2026-Q2",
        received=9,
        closed=4,
        open=4,
        rejected=1,
        on_time=4,
        late=2,
        awaiting_contact=2,
        discussions=3,
        overdue_open=1,
        median_hours_to_contact=6.5,
        p90_hours_to_contact=21.9,
        median_days_to_close=5.0,
        discussions_requested=4,
        median_hours_to_answer=14.5,
        # Received by 1 June 09:00 (30 days before the report): A, B, C, D, E; of those A, B,
        # C and D were closed within 30 days of receipt (D after 15 days).
        aged=5,
        closed_in_window=4,
        # CLOSE_TARGET_WORKDAYS 10 (default): 3, 5, 5 and 10 working days are all within it.
        closed_within_norm=4,
    )
    assert result.summary.complaints == 8
    assert result.summary.closed_in_window_rate == pytest.approx(4 / 5)
    assert result.summary.on_time_rate == pytest.approx(4 / 6)


def test_time_to_closing_against_the_norm_is_a_key_figure(db, settings):
    """CLOSE_TARGET_WORKDAYS 4: of A (3), B (5), C (5) and D (10 working days) only A closed
    within the norm: 25 %, far under the 90 % target."""
    seed(db, settings)
    strict = settings.model_copy(update={"close_target_workdays": 4})
    with db.session() as session:
        figures = compute_figures(
            session.connection(), strict, parse_period("2026-Q2", AMS), REPORT_NOW
        )
    assert figures.summary.closed_within_norm == 1
    assert figures.summary.closed_within_norm_rate == pytest.approx(1 / 4)
    row = next(r for r in key_figure_rows(figures) if r[0] == "Afgesloten binnen 4 werkdagen")
    assert row[1:3] == ("25,0%", "90,0%")
    assert row[5] == "↓ uit koers"
    # Stored figures from before the norm existed show a dash, not 0 %.
    old = Summary(label="2025-Q2", received=3, closed=2)
    assert old.closed_within_norm_rate is None


def test_breakdowns(seeded_quarter):
    result, refs = seeded_quarter
    assert result.by_category == {"planning": 3, "": 2, "salaris": 2, "communicatie": 1}
    assert result.by_relation_type == {
        "flexwerker": 3,
        "": 2,
        "opdrachtgever": 2,
        "directe_relatie": 1,
    }
    assert result.by_source == {"email": 6, "manual": 1, "slack_message": 1}
    assert result.root_causes == {"menselijke_fout": 3, "communicatie": 1}
    assert result.overdue_references == [refs["F"]]
    assert result.measures_total == 4
    assert result.measures[1] == Measure(refs["B"], "salaris", "Correctie B", "")
    assert [m.reference for m in result.measures] == [refs[x] for x in "ABCD"]


def test_outcomes_of_the_closed_complaints(seeded_quarter):
    """A and C gegrond, D deels gegrond, B closed without a decision recorded: every decision
    in the procedure's order, zeros too, so that a director sees none were withdrawn."""
    result, _ = seeded_quarter
    assert result.outcomes == {"gegrond": 2, "deels_gegrond": 1}
    assert outcome_rows(result) == [
        ("Gegrond", "2"),
        ("Deels gegrond", "1"),
        ("Ongegrond", "0"),
        ("Ingetrokken", "0"),
        ("Niet-ontvankelijk", "0"),
        ("Geen oordeel vastgelegd", "1"),
    ]
    assert ("Oordeel over afgesloten klachten", outcome_rows(result)) in breakdowns(result)


def test_discussion_exceptions(db, settings):
    """P: UA declines, UB is reminded and escalated, then closed without a talk. Q: UC cannot
    be reached, then the talk is held with UD. Each complaint counts once per exception."""
    seeder = Seeder(db, settings)
    for name, day in (("P", 7), ("Q", 8)):
        seeder.receive(name, at(2026, 4, day, 10))
        seeder.register(name, at(2026, 4, day, 11), RelationType.CLIENT, Category.PLANNING)
        seeder.contact(name, at(2026, 4, day, 12))
    seeder.step("P", at(2026, 4, 7, 13), steps.request_discussion, DiscussionRequest(("UA", "UB")))
    seeder.clock.now = at(2026, 4, 7, 14)
    seeder.service.change(
        seeder.references["P"],
        steps.decline_discussion,
        Actor("UA", Role.EMPLOYEE, ""),
        Decline("Niet mijn klant"),
    )
    for kind in (EventKind.DISCUSSION_REMINDER_SENT, EventKind.DISCUSSION_ESCALATED):
        fact = DiscussionFact(kind, "UB")
        seeder.service.change(
            seeder.references["P"], steps.record_discussion_fact, SYSTEM_ACTOR, fact
        )
    seeder.close("P", at(2026, 4, 20, 10), RootCause.COMMUNICATION, discussed=False)
    seeder.request("Q", at(2026, 4, 8, 13), "UC")
    fact = DiscussionFact(EventKind.EMPLOYEE_UNREACHABLE, "UC")
    seeder.service.change(seeder.references["Q"], steps.record_discussion_fact, SYSTEM_ACTOR, fact)
    seeder.discuss("Q", at(2026, 4, 9, 10), "UD")
    with db.session() as session:
        figures = compute_figures(
            session.connection(), settings, parse_period("2026-Q2", AMS), REPORT_NOW
        )
    assert figures.discussion_exceptions == {
        "declined": 1,
        "unreachable": 1,
        "reminded": 1,
        "escalated": 1,
        "never_held": 1,
    }
    assert discussion_exception_rows(figures)[-1] == ("Gevraagd, afgesloten zonder gesprek", "1")


def test_employees_are_counts_without_names_unless_allowed(db, settings):
    seed(db, settings)
    period = parse_period("2026-Q2", settings.tz)
    with db.session() as session:
        anonymous = compute_figures(session.connection(), settings, period, REPORT_NOW)
        named_settings = settings.model_copy(update={"report_employee_names": True})
        named = compute_figures(session.connection(), named_settings, period, REPORT_NOW)
    assert anonymous.per_employee == [("", 2), ("", 2)]
    assert anonymous.employees_involved == 2
    assert named.per_employee == [("UEMP1", 2), ("UEMP2", 2)]


def test_named_employees_go_by_the_slack_profile_name_the_bot_learned(db, settings, tmp_path):
    seed(db, settings)
    period = parse_period("2026-Q2", settings.tz)
    named_settings = settings.model_copy(update={"report_employee_names": True})
    with db.session() as session:
        session.add(
            Profile(surface="slack", user_id="UEMP1", name="Eva Jansen", fetched_at=REPORT_NOW)
        )
    with db.session() as session:
        figures = compute_figures(session.connection(), named_settings, period, REPORT_NOW)
        csv_path = write_csv(session.connection(), named_settings, period, tmp_path / "q.csv")
    assert figures.per_employee == [("Eva Jansen", 2), ("UEMP2", 2)]
    cells = {cell for line in csv_path.read_text().splitlines() for cell in line.split(";")}
    assert {"Eva Jansen", "UEMP2"} <= cells and "UEMP1" not in cells


def test_every_employee_asked_counts_once_per_complaint(db, settings):
    seeder = Seeder(db, settings)
    seeder.receive("P", at(2026, 4, 7, 10))
    seeder.register("P", at(2026, 4, 7, 11), RelationType.CLIENT, Category.PLANNING)
    seeder.step("P", at(2026, 4, 7, 12), steps.request_discussion, DiscussionRequest(("UA", "UB")))
    seeder.step("P", at(2026, 4, 8, 12), steps.request_discussion, DiscussionRequest(("UC",)))
    seeder.discuss("P", at(2026, 4, 9, 10), "UA")
    named = settings.model_copy(update={"report_employee_names": True})
    with db.session() as session:
        period = parse_period("2026-Q2", settings.tz)
        figures = compute_figures(session.connection(), named, period, REPORT_NOW)
    assert figures.per_employee == [("UA", 1), ("UB", 1), ("UC", 1)]
    assert figures.employees_involved == 3


def test_months_bins_and_trend(seeded_quarter):
    result, _ = seeded_quarter
    assert result.months == [
        Month("2026-04", {"salaris": 1}, 1, 0),
        Month("2026-05", {"planning": 2, "salaris": 1}, 2, 1),
        Month("2026-06", {"": 2, "communicatie": 1, "planning": 1}, 1, 1),
    ]
    assert result.deadline_hours == (16.0, 24.0)  # 2 working days; 3 when received at 09:00
    # 4-hour bins: 0.75 and 2 | 6.5 | 18 (16-20) | 24.5 (24-28)
    assert result.hour_bins == [2, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0]
    assert result.trend[0].label == "2024-Q3"
    busy = [p for p in result.trend if p.received]
    assert busy == [
        TrendPoint("2025-Q2", 1, 0, 1),
        TrendPoint("2026-Q1", 1, 1, 0),  # K, "geen klacht", is not counted: as in the months
        TrendPoint("2026-Q2", 8, 4, 2),
    ]
    # The trend and the monthly chart count the same complaints.
    assert busy[-1].received == sum(sum(m.by_category.values()) for m in result.months)


def test_previous_period_and_year_earlier(seeded_quarter):
    result, _ = seeded_quarter
    # J: Tue 3 Mar 10:00 -> 11:00 (winter time) = 1 h, on time; K rejected.
    assert result.previous == Summary(
        "2026-Q1", 2, 0, 1, 1, 1, 0, 0, 0, 0, 1.0, 1.0, None, aged=1, closed_within_norm=0
    )
    # L: Wed 4 Jun 2025 10:00 -> Fri 6 Jun 18:00: 7 + 8 + 8 (capped at 17:00) = 23, late.
    assert result.year_earlier == Summary(
        "2025-Q2", 1, 0, 1, 0, 0, 1, 0, 0, 0, 23.0, 23.0, None, aged=1, closed_within_norm=0
    )
    assert result.previous_by_category == {"salaris": 1}


def test_year_has_its_quarters(db, settings):
    seed(db, settings)
    with db.session() as session:
        year = compute_figures(
            session.connection(), settings, parse_period("2026", settings.tz), REPORT_NOW
        )
    assert [q.label for q in year.quarters] == ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]
    assert [q.received for q in year.quarters] == [2, 9, 1, 0]
    assert year.summary.received == 12
    assert year.summary.median_hours_to_contact == 4.25  # 0.75, 1, 2 | 6.5, 18, 24.5
    assert year.previous.label == "2025" and year.previous.received == 1
    assert len(year.months) == 12
    assert [p.label for p in year.trend][-1] == "2026-Q4"


def test_empty_period(db, settings):
    seed(db, settings)
    with db.session() as session:
        empty = compute_figures(
            session.connection(), settings, parse_period("2024-Q1", settings.tz), REPORT_NOW
        )
    assert empty.is_empty
    assert empty.summary == Summary("2024-Q1", closed_within_norm=0)
    assert empty.by_category == {} and empty.root_causes == {}
    assert sum(empty.hour_bins) == 0


def test_stored_figures_round_trip(seeded_quarter):
    result, _ = seeded_quarter
    from reports.figures import Figures

    assert Figures.from_json(result.to_json()) == result


def test_vectorised_hours_match_the_calendar():
    calendar = WorkCalendar()
    rng = np.random.default_rng(7)
    base = dt.datetime(2025, 12, 20, tzinfo=AMS).timestamp()  # spans New Year, Easter, DST
    starts = base + rng.uniform(0, 200 * 86400, 400)
    ends = starts + rng.uniform(0, 20 * 86400, 400)
    timeline = Timeline(calendar, starts, ends)
    hours = working_hours(timeline, starts, ends)
    days = working_days(timeline, starts, ends)
    for start, end, got_hours, got_days in zip(starts, ends, hours, days, strict=True):
        s = dt.datetime.fromtimestamp(start, AMS)
        e = dt.datetime.fromtimestamp(end, AMS)
        assert got_hours == pytest.approx(calendar.working_hours_between(s, e), abs=1e-6)
        assert got_days == calendar.working_days_between(s.date(), e.date())
