"""Business hours and working days for many (start, end) pairs at once, with numpy.

`WorkCalendar.working_hours_between` answers one pair in a few microseconds; a quarter can hold
100,000 complaints, so the report does the same arithmetic on arrays: local wall-clock time from
the zone's offset per distinct UTC hour, then a per-day prefix count of working days. Tests check
it against `WorkCalendar` pair by pair.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from bot.workdays import WorkCalendar

_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()
_DAY = 86400.0
_HOUR = 3600.0


def _seconds(clock: dt.time) -> float:
    return clock.hour * _HOUR + clock.minute * 60 + clock.second


def business_day_hours(calendar: WorkCalendar) -> float:
    """Hours from opening to closing time on a working day."""
    return (_seconds(calendar.business_day_end) - _seconds(calendar.business_day_start)) / _HOUR


class Timeline:
    """Local days and business seconds for the UTC epochs given (NaN allowed, ignored)."""

    def __init__(self, calendar: WorkCalendar, *epochs: np.ndarray) -> None:
        self.calendar = calendar
        known = np.concatenate([e[~np.isnan(e)] for e in epochs]) if epochs else np.array([])
        self.empty = known.size == 0
        if self.empty:
            return
        local = self._to_local(known)
        self.first_day = int(np.floor(local.min() / _DAY))
        last_day = int(np.floor(local.max() / _DAY))
        days = range(self.first_day, last_day + 1)
        self.working = np.array(
            [calendar.is_working_day(dt.date.fromordinal(d + _EPOCH_ORDINAL)) for d in days],
            dtype=np.int64,
        )
        self.through = np.cumsum(self.working)  # working days up to and including each day
        self.open_s = _seconds(calendar.business_day_start)
        self.day_s = business_day_hours(calendar) * _HOUR

    def _to_local(self, epochs: np.ndarray) -> np.ndarray:
        hours = np.floor(epochs / _HOUR).astype(np.int64)
        distinct, inverse = np.unique(hours, return_inverse=True)
        offsets = np.array(
            [_offset(int(hour) * _HOUR, self.calendar) for hour in distinct], dtype=float
        )
        return epochs + offsets[inverse.reshape(-1)]

    def _day_index(self, local: np.ndarray) -> np.ndarray:
        return np.floor(local / _DAY).astype(np.int64) - self.first_day

    def business_seconds(self, epochs: np.ndarray) -> np.ndarray:
        """Business seconds from the timeline's first day until each moment."""
        local = self._to_local(epochs)
        index = self._day_index(local)
        of_day = local - np.floor(local / _DAY) * _DAY
        today = np.clip(of_day - self.open_s, 0, self.day_s) * self.working[index]
        return (self.through[index] - self.working[index]) * self.day_s + today

    def local_day_index(self, epochs: np.ndarray) -> np.ndarray:
        return self._day_index(self._to_local(epochs))


def _offset(epoch: float, calendar: WorkCalendar) -> float:
    moment = dt.datetime.fromtimestamp(epoch, calendar.tz)
    offset = moment.utcoffset()
    return offset.total_seconds() if offset else 0.0


def working_hours(timeline: Timeline, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Business hours from each start to its end, as WorkCalendar.working_hours_between."""
    if starts.size == 0:
        return np.array([], dtype=float)
    elapsed = timeline.business_seconds(ends) - timeline.business_seconds(starts)
    return np.maximum(elapsed, 0.0) / _HOUR


def working_days(timeline: Timeline, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Working days after each start's local date up to its end's, as working_days_between."""
    if starts.size == 0:
        return np.array([], dtype=np.int64)
    first = timeline.local_day_index(starts)
    last = timeline.local_day_index(ends)
    counted = timeline.through[last] - timeline.through[first]
    return np.where(last > first, counted, 0)
