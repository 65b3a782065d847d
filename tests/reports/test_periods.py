from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from reports.periods import PeriodError, parse_period, quarter_of

AMS = ZoneInfo("Europe/Amsterdam")


def test_quarter_bounds_are_local_midnights():
    q3 = parse_period("2026-Q3", AMS)
    assert (q3.label, q3.kind, q3.title) == ("2026-Q3", "quarter", "K3 2026")
    assert q3.start == dt.datetime(2026, 7, 1, tzinfo=AMS)
    assert q3.end == dt.datetime(2026, 10, 1, tzinfo=AMS)
    assert q3.start.utcoffset() == dt.timedelta(hours=2)
    assert [f"{m:%Y-%m-%d}" for m in q3.month_starts()] == [
        "2026-07-01",
        "2026-08-01",
        "2026-09-01",
        "2026-10-01",
    ]


def test_year_and_neighbours():
    year = parse_period(" 2026 ", AMS)
    assert (year.label, year.kind, year.title) == ("2026", "year", "jaar 2026")
    assert year.end == dt.datetime(2027, 1, 1, tzinfo=AMS)
    assert year.previous().label == year.year_earlier().label == "2025"
    assert [q.label for q in year.quarters()] == ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]
    q1 = parse_period("2026q1", AMS)
    assert q1.previous().label == "2025-Q4"
    assert q1.year_earlier().label == "2025-Q1"
    assert [q.label for q in q1.last_quarters(8)][:2] == ["2024-Q2", "2024-Q3"]
    assert quarter_of(dt.datetime(2026, 9, 30, 22, 30, tzinfo=dt.UTC), AMS).label == "2026-Q4"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "Geef een periode op, bijvoorbeeld 2026-Q3 (een kwartaal) of 2026 (een jaar)."),
        (
            "2026-Q5",
            "'2026-Q5' is geen periode. Gebruik 2026-Q3 voor een kwartaal of 2026 voor een jaar.",
        ),
        (
            "Q3-2026",
            "'Q3-2026' is geen periode. Gebruik 2026-Q3 voor een kwartaal of 2026 voor een jaar.",
        ),
        ("1850", "'1850' valt buiten de jaren 2000 tot en met 2100."),
    ],
)
def test_bad_periods_say_what_to_type(value, message):
    with pytest.raises(PeriodError) as caught:
        parse_period(value, AMS)
    assert caught.value.message == message
    assert isinstance(caught.value, ValueError)
