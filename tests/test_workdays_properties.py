"""Property tests for bot.workdays: random moments 2020-2035, several input zones, both calendars.

The reference functions here walk day by day with plain datetime arithmetic, independent of the
prefix tables the calendar uses for speed.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.settings import ATW_BRIDGE_DAYS_DEFAULT
from bot.workdays import WorkCalendar

AMS = ZoneInfo("Europe/Amsterdam")
INPUT_ZONES = [
    UTC,
    AMS,
    ZoneInfo("America/New_York"),
    ZoneInfo("Asia/Tokyo"),
    ZoneInfo("Asia/Kolkata"),  # +05:30
    ZoneInfo("Pacific/Auckland"),  # DST in the other half of the year
]

CALENDARS = [
    WorkCalendar(kind="office", bridge_days=ATW_BRIDGE_DAYS_DEFAULT),
    WorkCalendar(kind="atw", bridge_days=ATW_BRIDGE_DAYS_DEFAULT),
]

calendars = st.sampled_from(CALENDARS)
moments = st.datetimes(
    min_value=datetime(2020, 1, 1),
    max_value=datetime(2035, 12, 31),
    timezones=st.sampled_from(INPUT_ZONES),
    allow_imaginary=False,
)
closing_days = st.lists(st.dates(date(2020, 1, 1), date(2036, 1, 31)), max_size=20)


def with_closing(cal: WorkCalendar, closing: list[date]) -> WorkCalendar:
    return WorkCalendar(kind=cal.kind, bridge_days=ATW_BRIDGE_DAYS_DEFAULT, closing_days=closing)


def reference_is_working(cal: WorkCalendar, day: date) -> bool:
    return (
        day.weekday() < 5 and day not in cal.holidays_in(day.year) and day not in cal.closing_days
    )


def reference_hours(cal: WorkCalendar, start: datetime, end: datetime) -> float:
    """Overlap of [start, end) with each working day's business hours, in elapsed UTC time.

    Everything is compared in UTC: aware datetimes sharing one tzinfo subtract by wall clock.
    """
    start, end = start.astimezone(UTC), end.astimezone(UTC)
    total = timedelta()
    day = start.astimezone(AMS).date()
    while day <= end.astimezone(AMS).date():
        if reference_is_working(cal, day):
            opens = datetime.combine(day, cal.business_day_start, tzinfo=AMS).astimezone(UTC)
            closes = datetime.combine(day, cal.business_day_end, tzinfo=AMS).astimezone(UTC)
            total += max(min(end, closes) - max(start, opens), timedelta())
        day += timedelta(days=1)
    return total.total_seconds() / 3600


@settings(max_examples=300)
@given(cal=calendars, received_at=moments, days=st.integers(1, 10))
def test_deadline_properties(cal: WorkCalendar, received_at: datetime, days: int) -> None:
    deadline = cal.deadline_after(received_at, days)
    local_receipt = received_at.astimezone(AMS).date()
    assert deadline.tzinfo == AMS
    assert cal.is_working_day(deadline.date())
    assert deadline.time() == cal.business_day_end
    assert deadline > received_at
    assert cal.working_days_between(local_receipt, deadline.date()) == days


@settings(max_examples=200)
@given(cal=calendars, received_at=moments, days=st.integers(1, 10), closing=closing_days)
def test_deadline_skips_closing_days(
    cal: WorkCalendar, received_at: datetime, days: int, closing: list[date]
) -> None:
    closed = with_closing(cal, closing)
    deadline = closed.deadline_after(received_at, days)
    assert deadline.date() not in set(closing)
    assert closed.working_days_between(received_at.astimezone(AMS).date(), deadline.date()) == days
    # Closing days can only push the deadline later, never earlier.
    assert deadline >= cal.deadline_after(received_at, days)


@given(
    cal=calendars,
    start=st.dates(date(2020, 1, 1), date(2035, 12, 31)),
    span=st.integers(-5, 800),
    closing=closing_days,
)
def test_working_days_between_matches_day_walk(
    cal: WorkCalendar, start: date, span: int, closing: list[date]
) -> None:
    closed = with_closing(cal, closing)
    end = start + timedelta(days=span)
    walked = sum(
        reference_is_working(closed, start + timedelta(days=i)) for i in range(1, max(span, 0) + 1)
    )
    assert closed.working_days_between(start, end) == walked


@given(cal=calendars, day=st.dates(date(2020, 1, 1), date(2035, 12, 31)))
def test_reason_and_is_working_agree(cal: WorkCalendar, day: date) -> None:
    assert cal.is_working_day(day) is (cal.non_working_reason(day) is None)
    assert cal.is_working_day(day) is reference_is_working(cal, day)


@given(cal=calendars, start=moments, span=st.timedeltas(timedelta(0), timedelta(days=60)))
def test_working_hours_between_matches_reference(
    cal: WorkCalendar, start: datetime, span: timedelta
) -> None:
    end = start + span
    assert abs(cal.working_hours_between(start, end) - reference_hours(cal, start, end)) < 1e-6


@given(cal=calendars, a=moments, b=moments, c=moments)
def test_working_hours_between_adds_up(
    cal: WorkCalendar, a: datetime, b: datetime, c: datetime
) -> None:
    a, b, c = sorted((a, b, c))
    whole = cal.working_hours_between(a, c)
    parts = cal.working_hours_between(a, b) + cal.working_hours_between(b, c)
    assert abs(whole - parts) < 1e-6


@given(cal=calendars, moment=moments)
def test_next_opening_is_the_first_open_moment(cal: WorkCalendar, moment: datetime) -> None:
    opening = cal.next_opening(moment)
    assert opening.tzinfo == AMS
    assert cal.is_open(opening)
    assert opening >= moment
    if opening != moment:
        assert not cal.is_open(moment)
        assert opening.time() == cal.business_day_start
        assert cal.working_hours_between(moment, opening) == 0


@given(cal=calendars, now=moments, deadline=moments)
def test_working_days_left_is_antisymmetric(
    cal: WorkCalendar, now: datetime, deadline: datetime
) -> None:
    left = cal.working_days_left(now, deadline)
    assert left == -cal.working_days_left(deadline, now)
    assert (left > 0) <= (deadline > now)


@settings(max_examples=300, deadline=None)
@given(calendars, st.dates(date(2020, 1, 1), date(2035, 11, 30)), st.integers(1, 60), closing_days)
def test_a_term_in_calendar_days_ends_on_the_first_working_day_from_its_last(
    cal: WorkCalendar, start: date, days: int, closing: list[date]
) -> None:
    cal = with_closing(cal, closing)
    deadline = cal.calendar_deadline_after(start, days)

    last = start + timedelta(days=days)
    # The first working day on or after the term's last day, found day by day.
    expected = last
    while not reference_is_working(cal, expected):
        expected += timedelta(days=1)
    assert deadline.tzinfo == AMS
    assert deadline.date() == expected
    assert (deadline.hour, deadline.minute) == (17, 0)
