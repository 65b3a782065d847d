"""When the scheduled report steps fall due: plain functions of "now", no clock inside.

Per period (the quarter that ended last and, in the first quarter, the year before):
  prepare  the first working day after the period at opening time (09:00): the report is made
           and the officer is asked for their analysis (a quarter) or advice (a year);
  remind   a year only: `advice_reminder_days` working days after the request;
  post     the report goes to management without the officer's text once they have not
           answered within `quarter_wait_days` / `advice_wait_days` working days (posting it
           with their text, from the modal, records the same key).
Each step has a key ('prepare:2026-Q3'); a step whose key is done is never due again, so a
scheduler that ticks twice, or two processes, fire each step once (the runner claims the key).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from bot.workdays import WorkCalendar
from reports.periods import Period, quarter_of

QUARTER_WAIT_DAYS = 1
ADVICE_REMINDER_DAYS = 3
ADVICE_WAIT_DAYS = 5
IN_USE_ALWAYS = dt.datetime.min.replace(tzinfo=dt.UTC)  # no first complaint to wait for


class Step(StrEnum):
    PREPARE = "prepare"
    REMIND = "remind"
    POST = "post"


@dataclass(frozen=True)
class Due:
    step: Step
    period: str

    @property
    def key(self) -> str:
        return step_key(self.step, self.period)


def step_key(step: Step, period: str) -> str:
    return f"{step.value}:{period}"


def first_morning_after(calendar: WorkCalendar, period: Period) -> dt.datetime:
    """Opening time on the first working day on or after the day the period ends."""
    return calendar.next_opening(period.end)  # the end is midnight, before opening


def days_later(calendar: WorkCalendar, moment: dt.datetime, days: int) -> dt.datetime:
    """Opening time on the `days`-th working day after the local date of `moment`."""
    day = calendar.add_working_days(moment.astimezone(calendar.tz).date(), days)
    return dt.datetime.combine(day, calendar.business_day_start, tzinfo=calendar.tz)


def due_reports(
    now: dt.datetime,
    calendar: WorkCalendar,
    done: Mapping[str, dt.datetime],
    *,
    since: dt.datetime | None = IN_USE_ALWAYS,
    quarter_wait_days: int = QUARTER_WAIT_DAYS,
    advice_reminder_days: int = ADVICE_REMINDER_DAYS,
    advice_wait_days: int = ADVICE_WAIT_DAYS,
) -> list[Due]:
    """The report steps due at `now`, given the keys already `done` (key -> when). A period
    that ended before the first complaint (`since`; None: no complaint yet) is not reported: a
    fresh install sends management no report of zeros."""
    finished = quarter_of(now, calendar.tz).previous()
    periods = [finished]
    if finished.quarter == 4:
        periods.append(Period(finished.year, None, calendar.tz))
    periods = [p for p in periods if since is not None and since < p.end]
    due: list[Due] = []
    for period in periods:
        wait = advice_wait_days if period.is_year else quarter_wait_days
        reminder = advice_reminder_days if period.is_year else None
        due += _due_for(period, now, calendar, done, wait, reminder)
    return due


def _due_for(
    period: Period,
    now: dt.datetime,
    calendar: WorkCalendar,
    done: Mapping[str, dt.datetime],
    wait_days: int,
    reminder_days: int | None,
) -> list[Due]:
    label = period.label
    prepared = done.get(step_key(Step.PREPARE, label))
    if prepared is None:
        return [Due(Step.PREPARE, label)] if now >= first_morning_after(calendar, period) else []
    if step_key(Step.POST, label) in done:
        return []
    due = []
    if (
        reminder_days is not None
        and step_key(Step.REMIND, label) not in done
        and now >= days_later(calendar, prepared, reminder_days)
    ):
        due.append(Due(Step.REMIND, label))
    if now >= days_later(calendar, prepared, wait_days):
        due.append(Due(Step.POST, label))
    return due
