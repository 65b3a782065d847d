"""Report periods: a quarter ('2026-Q3') or a calendar year ('2026') in the office's zone."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from bot.texts import reports as text

_QUARTER = re.compile(r"^(\d{4})-?[Qq]([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")
MIN_YEAR = 2000
MAX_YEAR = 2100


class PeriodError(ValueError):
    """The text is not a period; `message` (and str()) is one Dutch line saying why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Period:
    """A quarter (quarter 1-4) or a whole year (quarter None); start inclusive, end exclusive."""

    year: int
    quarter: int | None
    tz: ZoneInfo

    @property
    def is_year(self) -> bool:
        return self.quarter is None

    @property
    def kind(self) -> str:
        return "year" if self.is_year else "quarter"

    @property
    def label(self) -> str:
        return str(self.year) if self.is_year else f"{self.year}-Q{self.quarter}"

    @property
    def title(self) -> str:
        """'3e kwartaal 2026' or 'jaar 2026'."""
        if self.is_year:
            return text.YEAR_TITLE.format(year=self.year)
        return text.QUARTER_TITLE.format(quarter=self.quarter, year=self.year)

    @property
    def first_month(self) -> int:
        return 1 if self.quarter is None else 3 * self.quarter - 2

    @property
    def months(self) -> int:
        return 12 if self.is_year else 3

    @property
    def start(self) -> dt.datetime:
        return _local(self.year, self.first_month, self.tz)

    @property
    def end(self) -> dt.datetime:
        return _month_start(self.year, self.first_month + self.months, self.tz)

    def month_starts(self) -> list[dt.datetime]:
        """The start of every month in the period, then the period's end."""
        return [
            _month_start(self.year, self.first_month + i, self.tz) for i in range(self.months + 1)
        ]

    def previous(self) -> Period:
        if self.quarter is None:
            return Period(self.year - 1, None, self.tz)
        if self.quarter == 1:
            return Period(self.year - 1, 4, self.tz)
        return Period(self.year, self.quarter - 1, self.tz)

    def year_earlier(self) -> Period:
        return Period(self.year - 1, self.quarter, self.tz)

    def quarters(self) -> list[Period]:
        """The quarters of a year (a quarter is its own only quarter)."""
        if self.quarter is not None:
            return [self]
        return [Period(self.year, q, self.tz) for q in range(1, 5)]

    def last_quarters(self, count: int) -> list[Period]:
        """The `count` quarters ending with this period's last quarter, oldest first."""
        current = self.quarters()[-1]
        result = [current]
        while len(result) < count:
            current = current.previous()
            result.append(current)
        return result[::-1]


def quarter_of(moment: dt.datetime, tz: ZoneInfo) -> Period:
    local = moment.astimezone(tz)
    return Period(local.year, (local.month - 1) // 3 + 1, tz)


def parse_period(value: str, tz: ZoneInfo) -> Period:
    """'2026-Q3', '2026Q3', '2026-q3' or '2026'; PeriodError with a Dutch message otherwise."""
    cleaned = (value or "").strip()
    if not cleaned:
        raise PeriodError(text.PERIOD_MISSING)
    quarter_match = _QUARTER.match(cleaned)
    year_match = _YEAR.match(cleaned)
    if quarter_match:
        year, quarter = int(quarter_match.group(1)), int(quarter_match.group(2))
    elif year_match:
        year, quarter = int(year_match.group(1)), None
    else:
        raise PeriodError(text.PERIOD_INVALID.format(value=cleaned))
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise PeriodError(text.PERIOD_YEAR_RANGE.format(value=cleaned, low=MIN_YEAR, high=MAX_YEAR))
    return Period(year, quarter, tz)


def _month_start(year: int, month: int, tz: ZoneInfo) -> dt.datetime:
    """Month `month` of `year`, where month 13 is January of the next year."""
    extra_years, month_index = divmod(month - 1, 12)
    return _local(year + extra_years, month_index + 1, tz)


def _local(year: int, month: int, tz: ZoneInfo) -> dt.datetime:
    return dt.datetime(year, month, 1, tzinfo=tz)
