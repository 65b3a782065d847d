"""Working days, business hours and deadlines for the two calendars (docs/procedure.md).

The holidays are built here from explicitly named rules (fixed dates and offsets from Easter),
not from the `holidays` package's NL category, whose contents changed between releases.

All day arithmetic runs on a per-year prefix table (number of working days up to each day of
the year), so counting working days or business hours between two moments costs a few lookups
per calendar year crossed, not a loop over days or hours: reports call it for every complaint.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Literal, NamedTuple
from zoneinfo import ZoneInfo

from dateutil.easter import easter

from bot.texts import WEEKDAYS
from bot.texts.workdays import (
    ASCENSION,
    BOXING_DAY,
    BRIDGE_DAY,
    CHRISTMAS,
    CLOSING_DAY,
    EASTER,
    EASTER_MONDAY,
    GOOD_FRIDAY,
    KINGS_DAY,
    LIBERATION_DAY,
    NEW_YEAR,
    WHIT_MONDAY,
    WHIT_SUNDAY,
)

if TYPE_CHECKING:
    from bot.settings import Settings

CalendarKind = Literal["office", "atw"]

DEFAULT_TZ = ZoneInfo("Europe/Amsterdam")
DEFAULT_START = time(9)
DEFAULT_END = time(17)


_ONE_DAY = timedelta(days=1)
_SATURDAY = 5


class _YearTable(NamedTuple):
    """`prefix[i]` = working days among the first `i` days of the year (prefix[0] == 0)."""

    first_ordinal: int
    prefix: tuple[int, ...]


def _kings_day(year: int) -> date:
    """27 April, or Saturday 26 April when the 27th is a Sunday."""
    day = date(year, 4, 27)
    return day - _ONE_DAY if day.weekday() == 6 else day


@lru_cache(maxsize=256)
def _statutory_holidays(kind: CalendarKind, year: int) -> tuple[tuple[date, str], ...]:
    """The named holidays of `kind` in `year`, sorted by date (bridge days are per instance)."""
    sunday = easter(year)
    named = [
        (date(year, 1, 1), NEW_YEAR),
        (sunday, EASTER),
        (sunday + timedelta(days=1), EASTER_MONDAY),
        (_kings_day(year), KINGS_DAY),
        (sunday + timedelta(days=39), ASCENSION),
        (sunday + timedelta(days=49), WHIT_SUNDAY),
        (sunday + timedelta(days=50), WHIT_MONDAY),
        (date(year, 12, 25), CHRISTMAS),
        (date(year, 12, 26), BOXING_DAY),
    ]
    # The CAO gives 5 May off only in lustrum years; the Atw names it every year.
    if kind == "atw" or year % 5 == 0:
        named.append((date(year, 5, 5), LIBERATION_DAY))
    if kind == "atw":
        named.append((sunday - timedelta(days=2), GOOD_FRIDAY))
    holidays: dict[date, str] = {}
    for day, name in sorted(named, key=lambda item: item[0]):
        holidays.setdefault(day, name)  # e.g. Ascension on 5 May (2016): keep one name
    return tuple(holidays.items())


def _require_aware(moment: datetime, name: str) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware, got {moment!r}")


def _seconds_of_day(moment: time | datetime) -> float:
    return moment.hour * 3600 + moment.minute * 60 + moment.second + moment.microsecond / 1e6


class WorkCalendar:
    """Working days (Mon-Fri minus holidays and closing days) and business hours in one zone.

    `bridge_days` count only for the `atw` calendar: a royal decree equates them with holidays
    under the Algemene termijnenwet; the staffing CAO does not give them off.
    """

    def __init__(
        self,
        *,
        kind: CalendarKind = "office",
        tz: ZoneInfo = DEFAULT_TZ,
        closing_days: Iterable[date] = (),
        bridge_days: Iterable[date] = (),
        business_day_start: time = DEFAULT_START,
        business_day_end: time = DEFAULT_END,
    ) -> None:
        if kind not in ("office", "atw"):
            raise ValueError(f"unknown calendar kind {kind!r}")
        if business_day_end <= business_day_start:
            raise ValueError("business_day_end must be later than business_day_start")
        self.kind: CalendarKind = kind
        self.tz = tz
        self.closing_days = frozenset(closing_days)
        self.bridge_days = frozenset(bridge_days) if kind == "atw" else frozenset()
        self.business_day_start = business_day_start
        self.business_day_end = business_day_end
        self._open_s = _seconds_of_day(business_day_start)
        self._close_s = _seconds_of_day(business_day_end)
        self._day_s = self._close_s - self._open_s
        self._holidays: dict[int, dict[date, str]] = {}
        self._tables: dict[int, _YearTable] = {}

    @classmethod
    def from_settings(cls, settings: Settings) -> WorkCalendar:
        return cls(
            kind=settings.workday_calendar,
            tz=settings.tz,
            closing_days=settings.closing_days,
            bridge_days=settings.atw_bridge_days,
            business_day_start=settings.business_day_start,
            business_day_end=settings.business_day_end,
        )

    def __repr__(self) -> str:
        return f"WorkCalendar(kind={self.kind!r}, tz={self.tz.key!r})"

    # -- days ------------------------------------------------------------------------------

    def holidays_in(self, year: int) -> dict[date, str]:
        """Public holidays (and, for atw, bridge days) of `year` by date; not closing days."""
        return dict(self._holidays_of(year))

    def non_working_reason(self, day: date) -> str | None:
        """Why `day` is not a working day, in Dutch; None for a working day.

        A holiday name wins over the weekday (Koningsdag on a Saturday says "Koningsdag"),
        and the weekday over a closing day.
        """
        name = self._holidays_of(day.year).get(day)
        if name is not None:
            return name
        if day.weekday() >= _SATURDAY:
            return WEEKDAYS[day.weekday()]
        return CLOSING_DAY if day in self.closing_days else None

    def is_working_day(self, day: date) -> bool:
        table = self._table(day.year)
        index = day.toordinal() - table.first_ordinal + 1
        return table.prefix[index] != table.prefix[index - 1]

    def add_working_days(self, day: date, n: int) -> date:
        """The `n`-th working day strictly after `day` (n >= 1)."""
        if n < 1:
            raise ValueError(f"n must be at least 1, got {n}")
        current = day
        while n:
            current += _ONE_DAY
            if self.is_working_day(current):
                n -= 1
        return current

    def working_days_between(self, start: date, end: date) -> int:
        """Number of working days d with start < d <= end; 0 when end <= start."""
        if end <= start:
            return 0
        return self._working_days_through(end) - self._working_days_through(start, end.year)

    # -- moments ---------------------------------------------------------------------------

    def deadline_after(self, received_at: datetime, days: int) -> datetime:
        """End of business on the `days`-th working day after the local day of receipt.

        The local date is taken first and the moment built from it, so a DST change in the
        window cannot move the deadline off `business_day_end`.
        """
        _require_aware(received_at, "received_at")
        local_day = received_at.astimezone(self.tz).date()
        return self._at(self.add_working_days(local_day, days), self.business_day_end)

    def calendar_deadline_after(self, day: date, days: int) -> datetime:
        """End of business `days` calendar days after `day`; when that day is not a working
        day (a weekend, a holiday, a closing day), end of business on the next one.

        This is how the Algemene termijnenwet (art. 1) ends a term that falls on a Saturday,
        Sunday or holiday: the decision terms of the CAO, the NVP code and the AVG are counted
        in calendar days, and the office must be open on the last one.
        """
        if days < 1:
            raise ValueError(f"days must be at least 1, got {days}")
        return self.end_of_business_on(day + timedelta(days=days))

    def end_of_business_on(self, day: date) -> datetime:
        """End of business on `day`, or on the first working day after it."""
        if not self.is_working_day(day):
            day = self.add_working_days(day, 1)
        return self._at(day, self.business_day_end)

    def is_open(self, moment: datetime) -> bool:
        """A working day and business_day_start <= local time < business_day_end."""
        _require_aware(moment, "moment")
        local = moment.astimezone(self.tz)
        seconds = _seconds_of_day(local)
        return self._open_s <= seconds < self._close_s and self.is_working_day(local.date())

    def next_opening(self, moment: datetime) -> datetime:
        """`moment` (in tz) when open, else the next start of business (possibly today's)."""
        _require_aware(moment, "moment")
        local = moment.astimezone(self.tz)
        if self.is_open(local):
            return local
        day = local.date()
        if not (self.is_working_day(day) and _seconds_of_day(local) < self._open_s):
            day = self.add_working_days(day, 1)
        return self._at(day, self.business_day_start)

    def working_hours_between(self, start: datetime, end: datetime) -> float:
        """Business hours elapsed from `start` to `end`; 0 when end <= start.

        Business time is counted on the local wall clock: each working day contributes
        business_day_end - business_day_start (in Europe/Amsterdam DST changes fall on
        Sundays, so wall-clock and elapsed time agree on working days).
        """
        _require_aware(start, "start")
        _require_aware(end, "end")
        if end <= start:
            return 0.0
        local_start, local_end = start.astimezone(self.tz), end.astimezone(self.tz)
        seconds = self._business_seconds_until(local_end) - self._business_seconds_until(
            local_start, local_end.year
        )
        return max(seconds, 0.0) / 3600

    def working_days_left(self, now: datetime, deadline: datetime) -> int:
        """Working days from the local date of `now` to that of `deadline`; negative when past."""
        _require_aware(now, "now")
        _require_aware(deadline, "deadline")
        today = now.astimezone(self.tz).date()
        due = deadline.astimezone(self.tz).date()
        if due >= today:
            return self.working_days_between(today, due)
        return -self.working_days_between(due, today)

    # -- internals -------------------------------------------------------------------------

    def _holidays_of(self, year: int) -> dict[date, str]:
        holidays = self._holidays.get(year)
        if holidays is None:
            holidays = dict(_statutory_holidays(self.kind, year))
            for day in sorted(self.bridge_days):
                if day.year == year:
                    holidays.setdefault(day, BRIDGE_DAY)
            self._holidays[year] = dict(sorted(holidays.items()))
            holidays = self._holidays[year]
        return holidays

    def _table(self, year: int) -> _YearTable:
        table = self._tables.get(year)
        if table is None:
            table = self._build_table(year)
            self._tables[year] = table
        return table

    def _build_table(self, year: int) -> _YearTable:
        holidays = self._holidays_of(year)
        first = date(year, 1, 1)
        prefix = [0]
        day = first
        while day.year == year:
            free = day.weekday() >= _SATURDAY or day in holidays or day in self.closing_days
            prefix.append(prefix[-1] + (0 if free else 1))
            day += _ONE_DAY
        return _YearTable(first.toordinal(), tuple(prefix))

    def _working_days_through(self, day: date, up_to_year: int | None = None) -> int:
        """Working days from 1 Jan of `up_to_year` (default: day's year) through `day`.

        Counting two days against the same year keeps the result exact across years while
        only touching the years in between (callers pass the later day's year).
        """
        year = day.year if up_to_year is None else up_to_year
        table = self._table(day.year)
        count = table.prefix[day.toordinal() - table.first_ordinal + 1]
        for between in range(day.year, year):
            count -= self._table(between).prefix[-1]
        return count

    def _business_seconds_until(self, local: datetime, up_to_year: int | None = None) -> float:
        """Business seconds from 1 Jan of `up_to_year` (default: local's year) until `local`."""
        day = local.date()
        full_days = self._working_days_through(day, up_to_year) - self.is_working_day(day)
        today = 0.0
        if self.is_working_day(day):
            today = min(max(_seconds_of_day(local), self._open_s), self._close_s) - self._open_s
        return full_days * self._day_s + today

    def _at(self, day: date, clock: time) -> datetime:
        """`clock` on `day` in tz; the UTC round trip moves a time in a DST gap forward."""
        return datetime.combine(day, clock, tzinfo=self.tz).astimezone(UTC).astimezone(self.tz)
