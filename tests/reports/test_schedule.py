"""The report triggers on a simulated clock: each step once, on the right working morning."""

from __future__ import annotations

import datetime as dt

from bot.workdays import WorkCalendar
from reports.periods import parse_period
from reports.schedule import Due, Step, due_reports, first_morning_after
from tests.reports.seed import AMS, at

OFFICE = WorkCalendar()
ATW = WorkCalendar(kind="atw", bridge_days=[dt.date(2026, 1, 2)])


def simulate(
    calendar: WorkCalendar, start: dt.datetime, end: dt.datetime, done=None, step_minutes=15
) -> list[tuple[str, dt.datetime]]:
    """Tick every `step_minutes`; take every due step (twice per tick, like two processes)."""
    done = dict(done or {})
    fired = []
    now = start
    while now < end:
        for _process in range(2):
            for due in due_reports(now, calendar, done):
                if due.key not in done:  # the runner's claim
                    done[due.key] = now
                    fired.append((due.key, now))
        now += dt.timedelta(minutes=step_minutes)
    return fired


def test_quarter_report_on_the_first_working_day_after_new_year_at_nine():
    # 1 Jan 2026 (Thursday) is Nieuwjaarsdag; Friday 2 January is a working day at the office.
    assert first_morning_after(OFFICE, parse_period("2025-Q4", AMS)) == at(2026, 1, 2, 9)
    # Under the Atw 2 January 2026 is a bridge day: Monday 5 January.
    assert first_morning_after(ATW, parse_period("2025-Q4", AMS)) == at(2026, 1, 5, 9)
    # 1 October 2026 is a Thursday and a working day.
    assert first_morning_after(OFFICE, parse_period("2026-Q3", AMS)) == at(2026, 10, 1, 9)


def test_new_year_steps_fire_once_each_on_a_simulated_clock():
    q3_done = {"prepare:2025-Q3": at(2025, 10, 1, 9), "post:2025-Q3": at(2025, 10, 1, 10)}
    fired = simulate(OFFICE, at(2025, 12, 31, 8), at(2026, 1, 31), q3_done)
    assert fired == [
        ("prepare:2025-Q4", at(2026, 1, 2, 9)),
        ("prepare:2025", at(2026, 1, 2, 9)),
        ("post:2025-Q4", at(2026, 1, 5, 9)),  # the officer added nothing in a working day
        ("remind:2025", at(2026, 1, 7, 9)),  # three working days after the advice request
        ("post:2025", at(2026, 1, 9, 9)),  # five working days: posted without the advice
    ]


def test_advice_given_in_time_stops_reminder_and_fallback():
    done = {
        "prepare:2025-Q4": at(2026, 1, 2, 9),
        "prepare:2025": at(2026, 1, 2, 9),
        "post:2025": at(2026, 1, 5, 14),  # the officer sent the yearly report with advice
    }
    fired = simulate(OFFICE, at(2026, 1, 2, 9, 15), at(2026, 2, 1), done)
    assert fired == [("post:2025-Q4", at(2026, 1, 5, 9))]


def test_nothing_is_due_before_nine_or_in_the_middle_of_a_quarter():
    assert due_reports(at(2026, 1, 2, 8, 59), OFFICE, {}) == []
    assert due_reports(at(2026, 1, 2, 9), OFFICE, {}) == [
        Due(Step.PREPARE, "2025-Q4"),
        Due(Step.PREPARE, "2025"),
    ]
    later = {"prepare:2026-Q1": at(2026, 4, 1, 9), "post:2026-Q1": at(2026, 4, 1, 11)}
    assert due_reports(at(2026, 5, 20, 12), OFFICE, later) == []


def test_a_missed_morning_is_caught_up_once():
    # The bot was down on 1 October; it fires when it comes back, once.
    fired = simulate(OFFICE, at(2026, 10, 3, 12), at(2026, 10, 10), step_minutes=60)
    assert fired[0] == ("prepare:2026-Q3", at(2026, 10, 3, 12))
    assert [key for key, _ in fired] == ["prepare:2026-Q3", "post:2026-Q3"]


def test_no_period_before_the_first_complaint_is_reported():
    # A fresh install (no complaint yet) sends management no report of zeros ...
    assert due_reports(at(2026, 10, 1, 9), OFFICE, {}, since=None) == []
    # ... nor one of a quarter that ended before the first complaint came in ...
    assert due_reports(at(2026, 10, 1, 9), OFFICE, {}, since=at(2026, 10, 1, 8)) == []
    # ... but the quarter that holds the first complaint is reported, and so is its year.
    assert due_reports(at(2026, 10, 1, 9), OFFICE, {}, since=at(2026, 9, 30, 23)) == [
        Due(Step.PREPARE, "2026-Q3")
    ]
    assert due_reports(at(2026, 1, 2, 9), OFFICE, {}, since=at(2025, 11, 5, 10)) == [
        Due(Step.PREPARE, "2025-Q4"),
        Due(Step.PREPARE, "2025"),
    ]
