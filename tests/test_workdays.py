"""Hand-checked dates for bot.workdays: every expected value below was worked out on a calendar.

Easter Sundays used: 2025-04-20, 2026-04-05, 2027-03-28, 2028-04-16.
"""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.settings import ATW_BRIDGE_DAYS_DEFAULT, Settings
from bot.workdays import WorkCalendar
from tests.support.corpus import corpus_dir

AMS = ZoneInfo("Europe/Amsterdam")
NEW_YORK = ZoneInfo("America/New_York")

OFFICE = WorkCalendar(kind="office", bridge_days=ATW_BRIDGE_DAYS_DEFAULT)
ATW = WorkCalendar(kind="atw", bridge_days=ATW_BRIDGE_DAYS_DEFAULT)
CALENDARS = {"office": OFFICE, "atw": ATW}


def ams(y: int, mo: int, d: int, h: int = 12, mi: int = 0, fold: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=AMS, fold=fold)


def calendar(kind: str, closing: tuple[date, ...] = ()) -> WorkCalendar:
    if not closing:
        return CALENDARS[kind]
    return WorkCalendar(kind=kind, bridge_days=ATW_BRIDGE_DAYS_DEFAULT, closing_days=closing)


# --- deadlines -----------------------------------------------------------------------------

# (calendar, received_at, working days, closing days, expected local deadline date)
DEADLINES = [
    # A plain week: Tue 3 Feb 2026 is day 1, Wed 4 Feb day 2.
    pytest.param("office", ams(2026, 2, 2, 10), 2, (), date(2026, 2, 4), id="plain-monday"),
    # procedure.md: the hour of receipt does not matter, Monday 23:30 -> Wednesday.
    pytest.param("office", ams(2026, 2, 2, 23, 30), 2, (), date(2026, 2, 4), id="monday-late"),
    # Just after midnight still counts from that same Monday.
    pytest.param("office", ams(2026, 2, 2, 0, 0), 2, (), date(2026, 2, 4), id="monday-midnight"),
    # Thursday: Fri 6 Feb day 1, weekend skipped, Mon 9 Feb day 2.
    pytest.param("office", ams(2026, 2, 5), 2, (), date(2026, 2, 9), id="thursday-weekend"),
    # Friday after hours: Mon 9 and Tue 10 Feb.
    pytest.param("office", ams(2026, 2, 6, 18), 2, (), date(2026, 2, 10), id="friday-evening"),
    # procedure.md "Sat -> Tue": Mon 9 day 1, Tue 10 day 2.
    pytest.param("office", ams(2026, 2, 7), 2, (), date(2026, 2, 10), id="saturday"),
    # Sunday likewise -> Tuesday.
    pytest.param("office", ams(2026, 2, 8), 2, (), date(2026, 2, 10), id="sunday"),
    # procedure.md: Fri 24 Apr 2026 16:00; Mon 27 Apr is Koningsdag; Tue 28, Wed 29.
    pytest.param("office", ams(2026, 4, 24, 16), 2, (), date(2026, 4, 29), id="koningsdag-2026"),
    # Same in atw: 27 Apr is a holiday there too, no bridge day around it in 2026.
    pytest.param("atw", ams(2026, 4, 24, 16), 2, (), date(2026, 4, 29), id="koningsdag-2026-atw"),
    # Koningsdag 2025 is Saturday 26 Apr (27th is a Sunday): no Monday substitute; Mon 28, Tue 29.
    pytest.param("office", ams(2025, 4, 25), 2, (), date(2025, 4, 29), id="koningsdag-2025-sat"),
    # Koningsdag Tue 27 Apr 2027: Wed 28 day 1, Thu 29 day 2.
    pytest.param("office", ams(2027, 4, 26), 2, (), date(2027, 4, 29), id="koningsdag-2027"),
    # Koningsdag Thu 27 Apr 2028; office works on Fri 28 (day 1), Mon 1 May day 2.
    pytest.param("office", ams(2028, 4, 26), 2, (), date(2028, 5, 1), id="koningsdag-2028"),
    # atw: Fri 28 Apr 2028 is a bridge day; Mon 1 May day 1, Tue 2 May day 2.
    pytest.param("atw", ams(2028, 4, 26), 2, (), date(2028, 5, 2), id="koningsdag-2028-atw"),
    # procedure.md: Thu 2 Apr 2026; Good Friday 3 Apr works (day 1), Easter Monday 6 Apr off, Tue 7.
    pytest.param("office", ams(2026, 4, 2), 2, (), date(2026, 4, 7), id="easter-2026"),
    # atw: Good Friday and Easter Monday off; Tue 7 day 1, Wed 8 day 2.
    pytest.param("atw", ams(2026, 4, 2), 2, (), date(2026, 4, 8), id="easter-2026-atw"),
    # Good Friday 18 Apr 2025 works in office (day 1), Easter Monday 21 off, Tue 22 day 2.
    pytest.param("office", ams(2025, 4, 17), 2, (), date(2025, 4, 22), id="easter-2025"),
    # atw: 18 and 21 Apr off; Tue 22, Wed 23.
    pytest.param("atw", ams(2025, 4, 17), 2, (), date(2025, 4, 23), id="easter-2025-atw"),
    # Good Friday 26 Mar 2027 works (day 1), Easter Monday 29 Mar off, Tue 30 day 2.
    pytest.param("office", ams(2027, 3, 25), 2, (), date(2027, 3, 30), id="easter-2027"),
    # atw: 26 and 29 Mar off; Tue 30, Wed 31.
    pytest.param("atw", ams(2027, 3, 25), 2, (), date(2027, 3, 31), id="easter-2027-atw"),
    # Good Friday 14 Apr 2028 works (day 1), Easter Monday 17 Apr off, Tue 18 day 2.
    pytest.param("office", ams(2028, 4, 13), 2, (), date(2028, 4, 18), id="easter-2028"),
    # atw: 14 and 17 Apr off; Tue 18, Wed 19.
    pytest.param("atw", ams(2028, 4, 13), 2, (), date(2028, 4, 19), id="easter-2028-atw"),
    # Receipt on a holiday (Easter Monday 6 Apr 2026) counts from that day: Tue 7, Wed 8.
    pytest.param("office", ams(2026, 4, 6, 11), 2, (), date(2026, 4, 8), id="on-easter-monday"),
    # Receipt on Koningsdag itself: Tue 28, Wed 29 Apr 2026.
    pytest.param("office", ams(2026, 4, 27, 11), 2, (), date(2026, 4, 29), id="on-koningsdag"),
    # 2025 is a lustrum year, so the CAO gives Mon 5 May off too: Fri 2 May -> Tue 6, Wed 7.
    pytest.param("office", ams(2025, 5, 2), 2, (), date(2025, 5, 7), id="bevrijding-2025"),
    # atw has 5 May off every year; Good Friday is long past: Fri 2 May -> Tue 6, Wed 7.
    pytest.param("atw", ams(2025, 5, 2), 2, (), date(2025, 5, 7), id="bevrijding-2025-atw"),
    # Tue 5 May 2026 is a working day in office (no lustrum): Tue 5 day 1, Wed 6 day 2.
    pytest.param("office", ams(2026, 5, 4), 2, (), date(2026, 5, 6), id="bevrijding-2026"),
    # atw always has 5 May off: Wed 6, Thu 7.
    pytest.param("atw", ams(2026, 5, 4), 2, (), date(2026, 5, 7), id="bevrijding-2026-atw"),
    # 2027: office works Wed 5 May (day 1), Thu 6 is Ascension, Fri 7 (no bridge in office) day 2.
    pytest.param("office", ams(2027, 5, 4), 2, (), date(2027, 5, 7), id="bevrijding-2027"),
    # atw 2027: Wed 5 May, Thu 6 Ascension, Fri 7 bridge day all off; Mon 10, Tue 11.
    pytest.param("atw", ams(2027, 5, 4), 2, (), date(2027, 5, 11), id="bevrijding-2027-atw"),
    # atw, receipt on the holiday 5 May 2027 itself: same window, Mon 10, Tue 11.
    pytest.param("atw", ams(2027, 5, 5, 9), 2, (), date(2027, 5, 11), id="on-bevrijding-atw"),
    # Fri 5 May 2028 works in office: Fri 5 day 1, Mon 8 day 2.
    pytest.param("office", ams(2028, 5, 4), 2, (), date(2028, 5, 8), id="bevrijding-2028"),
    # atw: Fri 5 May 2028 off; Mon 8, Tue 9.
    pytest.param("atw", ams(2028, 5, 4), 2, (), date(2028, 5, 9), id="bevrijding-2028-atw"),
    # procedure.md: Wed 13 May 2026; Ascension Thu 14; office works Fri 15 (day 1), Mon 18 day 2.
    pytest.param("office", ams(2026, 5, 13), 2, (), date(2026, 5, 18), id="ascension-2026"),
    # atw: Thu 14 Ascension and Fri 15 bridge day off; Mon 18, Tue 19.
    pytest.param("atw", ams(2026, 5, 13), 2, (), date(2026, 5, 19), id="ascension-2026-atw"),
    # Ascension Thu 29 May 2025: Fri 30 day 1, Mon 2 Jun day 2 (no bridge day in 2025).
    pytest.param("office", ams(2025, 5, 28), 2, (), date(2025, 6, 2), id="ascension-2025"),
    # Ascension Thu 25 May 2028: Fri 26 day 1, Mon 29 day 2.
    pytest.param("office", ams(2028, 5, 24), 2, (), date(2028, 5, 29), id="ascension-2028"),
    # atw: Fri 26 May 2028 bridge day; Mon 29, Tue 30.
    pytest.param("atw", ams(2028, 5, 24), 2, (), date(2028, 5, 30), id="ascension-2028-atw"),
    # Whit Monday 9 Jun 2025: Fri 6 Jun -> Tue 10, Wed 11.
    pytest.param("office", ams(2025, 6, 6), 2, (), date(2025, 6, 11), id="whit-2025"),
    # Whit Monday 25 May 2026: Fri 22 May -> Tue 26, Wed 27.
    pytest.param("office", ams(2026, 5, 22), 2, (), date(2026, 5, 27), id="whit-2026"),
    # Whit Monday 17 May 2027: Fri 14 May -> Tue 18, Wed 19.
    pytest.param("office", ams(2027, 5, 14), 2, (), date(2027, 5, 19), id="whit-2027"),
    # Whit Monday 5 Jun 2028: Fri 2 Jun -> Tue 6, Wed 7 (same in atw: no bridge day).
    pytest.param("atw", ams(2028, 6, 2), 2, (), date(2028, 6, 7), id="whit-2028-atw"),
    # Christmas Thu 25 + Fri 26 Dec 2025: Wed 24 -> Mon 29, Tue 30.
    pytest.param("office", ams(2025, 12, 24), 2, (), date(2025, 12, 30), id="christmas-2025"),
    # Receipt on Christmas Day 2025: Fri 26 off too; Mon 29, Tue 30.
    pytest.param("office", ams(2025, 12, 25), 2, (), date(2025, 12, 30), id="on-christmas-2025"),
    # Christmas Fri 25 Dec 2026, Boxing Day on Saturday: Mon 28, Tue 29.
    pytest.param("office", ams(2026, 12, 24), 2, (), date(2026, 12, 29), id="christmas-2026"),
    # Both Christmas days 2027 on Sat/Sun, no substitutes: Fri 24 -> Mon 27, Tue 28.
    pytest.param("office", ams(2027, 12, 24), 2, (), date(2027, 12, 28), id="christmas-2027"),
    # Christmas Mon 25 + Tue 26 Dec 2028: Fri 22 -> Wed 27, Thu 28.
    pytest.param("office", ams(2028, 12, 22), 2, (), date(2028, 12, 28), id="christmas-2028"),
    # New Year Wed 1 Jan 2025: Tue 31 Dec 2024 -> Thu 2, Fri 3 Jan.
    pytest.param("office", ams(2024, 12, 31), 2, (), date(2025, 1, 3), id="new-year-2025"),
    # procedure.md: Wed 31 Dec 2025; 1 Jan off, office works Fri 2 Jan (day 1), Mon 5 day 2.
    pytest.param("office", ams(2025, 12, 31), 2, (), date(2026, 1, 5), id="new-year-2026"),
    # atw: Fri 2 Jan 2026 is a bridge day; Mon 5, Tue 6.
    pytest.param("atw", ams(2025, 12, 31), 2, (), date(2026, 1, 6), id="new-year-2026-atw"),
    # New Year Fri 1 Jan 2027: Thu 31 Dec 2026 -> Mon 4, Tue 5 Jan.
    pytest.param("office", ams(2026, 12, 31), 2, (), date(2027, 1, 5), id="new-year-2027"),
    # New Year 2028 on a Saturday, no substitute: Thu 30 Dec 2027 -> Fri 31, Mon 3 Jan.
    pytest.param("office", ams(2027, 12, 30), 2, (), date(2028, 1, 3), id="new-year-2028"),
    # DST starts Sun 29 Mar 2026: Fri 27 Mar (CET) -> Mon 30, Tue 31 (CEST).
    pytest.param("office", ams(2026, 3, 27, 10), 2, (), date(2026, 3, 31), id="dst-spring"),
    # Received Sunday 29 Mar 2026 01:30 CET, half an hour before the change: Mon 30, Tue 31.
    pytest.param("office", ams(2026, 3, 29, 1, 30), 2, (), date(2026, 3, 31), id="dst-spring-sun"),
    # DST ends Sun 25 Oct 2026: Fri 23 Oct (CEST) -> Mon 26, Tue 27 (CET).
    pytest.param("office", ams(2026, 10, 23, 10), 2, (), date(2026, 10, 27), id="dst-autumn"),
    # Received in the repeated hour 02:30 (second pass, CET): Sunday -> Mon 26, Tue 27.
    pytest.param("office", ams(2026, 10, 25, 2, 30, 1), 2, (), date(2026, 10, 27), id="dst-fold"),
    # Mon 2 Feb 23:30 UTC is already Tue 3 Feb 00:30 in Amsterdam: the local date counts.
    pytest.param(
        "office",
        datetime(2026, 2, 2, 23, 30, tzinfo=UTC),
        2,
        (),
        date(2026, 2, 5),
        id="utc-input-next-local-day",
    ),
    # Mon 2 Feb 20:00 in New York is Tue 3 Feb 02:00 in Amsterdam: Wed 4, Thu 5.
    pytest.param(
        "office", datetime(2026, 2, 2, 20, tzinfo=NEW_YORK), 2, (), date(2026, 2, 5), id="new-york"
    ),
    # Company closing day Fri 2 Jan 2026 in office: 1 and 2 Jan off; Mon 5, Tue 6.
    pytest.param(
        "office",
        ams(2025, 12, 31),
        2,
        (date(2026, 1, 2),),
        date(2026, 1, 6),
        id="closing-in-window",
    ),
    # Receipt on a closing day (Mon 9 Feb 2026) counts from that day: Tue 10, Wed 11.
    pytest.param(
        "office",
        ams(2026, 2, 9, 10),
        2,
        (date(2026, 2, 9),),
        date(2026, 2, 11),
        id="on-closing-day",
    ),
    # atw plus a closing Mon 18 May 2026: Thu 14, Fri 15 (bridge), Mon 18 off; Tue 19, Wed 20.
    pytest.param(
        "atw", ams(2026, 5, 13), 2, (date(2026, 5, 18),), date(2026, 5, 20), id="closing-atw"
    ),
    # One working day: Fri 24 Apr 2026 -> (Koningsdag Mon) Tue 28.
    pytest.param("office", ams(2026, 4, 24), 1, (), date(2026, 4, 28), id="one-day"),
    # Ten working days from Mon 20 Apr 2026: 21,22,23,24, (27 off) 28,29,30, 1 May, 4, 5 May.
    pytest.param("office", ams(2026, 4, 20), 10, (), date(2026, 5, 5), id="ten-days"),
    # atw skips Tue 5 May 2026 too, so day 10 is Wed 6 May.
    pytest.param("atw", ams(2026, 4, 20), 10, (), date(2026, 5, 6), id="ten-days-atw"),
]


@pytest.mark.parametrize(("kind", "received_at", "days", "closing", "expected"), DEADLINES)
def test_deadline_after(
    kind: str, received_at: datetime, days: int, closing: tuple[date, ...], expected: date
) -> None:
    deadline = calendar(kind, closing).deadline_after(received_at, days)
    assert deadline.tzinfo == AMS
    assert deadline.date() == expected
    assert deadline.time() == time(17)
    assert deadline.utcoffset() == AMS.utcoffset(datetime.combine(expected, time(17)))


@pytest.mark.parametrize(
    ("received_at", "expected_offset"),
    [
        # Received in winter time (+01:00), deadline Tue 31 Mar 2026 in summer time (+02:00).
        pytest.param(ams(2026, 3, 27, 10), timedelta(hours=2), id="spring-forward"),
        # Received in summer time (+02:00), deadline Tue 27 Oct 2026 in winter time (+01:00).
        pytest.param(ams(2026, 10, 23, 10), timedelta(hours=1), id="fall-back"),
    ],
)
def test_deadline_stays_at_local_end_of_business_across_dst(
    received_at: datetime, expected_offset: timedelta
) -> None:
    deadline = OFFICE.deadline_after(received_at, 2)
    assert (deadline.hour, deadline.minute) == (17, 0)
    assert deadline.utcoffset() == expected_offset
    assert deadline.utcoffset() != received_at.utcoffset()


def test_deadline_uses_business_day_end_setting() -> None:
    custom = WorkCalendar(business_day_start=time(8, 30), business_day_end=time(16, 30))
    assert custom.deadline_after(ams(2026, 2, 2), 2) == ams(2026, 2, 4, 16, 30)


def test_from_settings_uses_calendar_zone_days_and_hours() -> None:
    settings = Settings(
        _env_file=None,
        workday_calendar="atw",
        timezone="Europe/Amsterdam",
        closing_days=[date(2026, 2, 9)],
        business_day_start=time(8),
        business_day_end=time(16),
    )
    built = WorkCalendar.from_settings(settings)
    assert built.tz == AMS
    assert built.non_working_reason(date(2026, 5, 15)) == "brugdag"  # default bridge days
    assert built.non_working_reason(date(2026, 2, 9)) == "sluitingsdag"
    assert built.deadline_after(ams(2026, 2, 6), 1) == ams(2026, 2, 10, 16)


@pytest.mark.parametrize(
    "call",
    [
        pytest.param(lambda c, naive: c.deadline_after(naive, 2), id="deadline_after"),
        pytest.param(lambda c, naive: c.is_open(naive), id="is_open"),
        pytest.param(lambda c, naive: c.next_opening(naive), id="next_opening"),
        pytest.param(lambda c, naive: c.working_hours_between(naive, naive), id="hours"),
        pytest.param(lambda c, naive: c.working_days_left(naive, naive), id="days_left"),
    ],
)
def test_naive_datetimes_are_refused(call) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        call(OFFICE, datetime(2026, 2, 2, 10))


@pytest.mark.parametrize(
    "kwargs",
    [
        pytest.param({"kind": "weekly"}, id="unknown-kind"),
        pytest.param({"business_day_start": time(17), "business_day_end": time(9)}, id="hours"),
    ],
)
def test_invalid_calendar_is_refused(kwargs: dict) -> None:
    with pytest.raises(ValueError):
        WorkCalendar(**kwargs)


def test_add_working_days_needs_at_least_one() -> None:
    with pytest.raises(ValueError):
        OFFICE.add_working_days(date(2026, 2, 2), 0)


# --- holidays ------------------------------------------------------------------------------

# Written out by hand; office = CAO list, atw = office + Goede Vrijdag + 5 May + bridge days.
OFFICE_HOLIDAYS = {
    2025: {
        date(2025, 1, 1): "Nieuwjaarsdag",  # Wed
        date(2025, 4, 20): "Eerste Paasdag",  # Sun
        date(2025, 4, 21): "Tweede Paasdag",  # Mon
        date(2025, 4, 26): "Koningsdag",  # Sat: 27 Apr 2025 is a Sunday
        date(2025, 5, 5): "Bevrijdingsdag",  # lustrum year
        date(2025, 5, 29): "Hemelvaartsdag",  # Easter + 39
        date(2025, 6, 8): "Eerste Pinksterdag",
        date(2025, 6, 9): "Tweede Pinksterdag",  # Easter + 50
        date(2025, 12, 25): "Eerste Kerstdag",
        date(2025, 12, 26): "Tweede Kerstdag",
    },
    2026: {
        date(2026, 1, 1): "Nieuwjaarsdag",  # Thu
        date(2026, 4, 5): "Eerste Paasdag",
        date(2026, 4, 6): "Tweede Paasdag",
        date(2026, 4, 27): "Koningsdag",  # Mon
        date(2026, 5, 14): "Hemelvaartsdag",
        date(2026, 5, 24): "Eerste Pinksterdag",
        date(2026, 5, 25): "Tweede Pinksterdag",
        date(2026, 12, 25): "Eerste Kerstdag",  # Fri
        date(2026, 12, 26): "Tweede Kerstdag",  # Sat
    },
    2027: {
        date(2027, 1, 1): "Nieuwjaarsdag",  # Fri
        date(2027, 3, 28): "Eerste Paasdag",
        date(2027, 3, 29): "Tweede Paasdag",
        date(2027, 4, 27): "Koningsdag",  # Tue
        date(2027, 5, 6): "Hemelvaartsdag",
        date(2027, 5, 16): "Eerste Pinksterdag",
        date(2027, 5, 17): "Tweede Pinksterdag",
        date(2027, 12, 25): "Eerste Kerstdag",  # Sat
        date(2027, 12, 26): "Tweede Kerstdag",  # Sun
    },
    2028: {
        date(2028, 1, 1): "Nieuwjaarsdag",  # Sat
        date(2028, 4, 16): "Eerste Paasdag",
        date(2028, 4, 17): "Tweede Paasdag",
        date(2028, 4, 27): "Koningsdag",  # Thu
        date(2028, 5, 25): "Hemelvaartsdag",
        date(2028, 6, 4): "Eerste Pinksterdag",
        date(2028, 6, 5): "Tweede Pinksterdag",
        date(2028, 12, 25): "Eerste Kerstdag",  # Mon
        date(2028, 12, 26): "Tweede Kerstdag",  # Tue
    },
}

ATW_EXTRA = {
    2025: {date(2025, 4, 18): "Goede Vrijdag"},  # 5 May 2025 already in office (lustrum)
    2026: {
        date(2026, 1, 2): "brugdag",
        date(2026, 4, 3): "Goede Vrijdag",
        date(2026, 5, 5): "Bevrijdingsdag",
        date(2026, 5, 15): "brugdag",
    },
    2027: {
        date(2027, 3, 26): "Goede Vrijdag",
        date(2027, 5, 5): "Bevrijdingsdag",
        date(2027, 5, 7): "brugdag",
    },
    2028: {
        date(2028, 4, 14): "Goede Vrijdag",
        date(2028, 4, 28): "brugdag",
        date(2028, 5, 5): "Bevrijdingsdag",
        date(2028, 5, 26): "brugdag",
    },
}


@pytest.mark.parametrize("year", [2025, 2026, 2027, 2028], ids=str)
def test_office_holidays(year: int) -> None:
    holidays = OFFICE.holidays_in(year)
    assert holidays == OFFICE_HOLIDAYS[year]
    assert list(holidays) == sorted(holidays)


@pytest.mark.parametrize("year", [2025, 2026, 2027, 2028], ids=str)
def test_atw_holidays(year: int) -> None:
    holidays = ATW.holidays_in(year)
    assert holidays == OFFICE_HOLIDAYS[year] | ATW_EXTRA[year]
    assert list(holidays) == sorted(holidays)


def test_holidays_in_leaves_out_closing_days_and_is_a_copy() -> None:
    closing = WorkCalendar(closing_days=[date(2026, 2, 9)])
    holidays = closing.holidays_in(2026)
    assert date(2026, 2, 9) not in holidays
    holidays.clear()
    assert closing.holidays_in(2026) == OFFICE_HOLIDAYS[2026]


def test_office_ignores_bridge_days() -> None:
    assert OFFICE.is_working_day(date(2026, 5, 15))
    assert not ATW.is_working_day(date(2026, 5, 15))


@pytest.mark.parametrize(
    ("kind", "closing", "day", "reason"),
    [
        pytest.param("office", (), date(2026, 2, 7), "zaterdag", id="saturday"),
        pytest.param("office", (), date(2026, 2, 8), "zondag", id="sunday"),
        pytest.param("office", (), date(2026, 2, 9), None, id="working-monday"),
        # A holiday on a Saturday is named after the holiday, not the weekday.
        pytest.param("office", (), date(2025, 4, 26), "Koningsdag", id="koningsdag-saturday"),
        pytest.param("office", (), date(2026, 4, 5), "Eerste Paasdag", id="easter-sunday"),
        pytest.param("office", (), date(2026, 4, 6), "Tweede Paasdag", id="easter-monday"),
        pytest.param("office", (), date(2026, 4, 3), None, id="good-friday-office"),
        pytest.param("atw", (), date(2026, 4, 3), "Goede Vrijdag", id="good-friday-atw"),
        pytest.param("office", (), date(2026, 5, 5), None, id="5-may-2026-office"),
        pytest.param("atw", (), date(2026, 5, 5), "Bevrijdingsdag", id="5-may-2026-atw"),
        pytest.param("office", (), date(2030, 5, 6), None, id="after-5-may-2030"),
        pytest.param("office", (), date(2025, 5, 5), "Bevrijdingsdag", id="5-may-2025-office"),
        pytest.param("office", (), date(2026, 5, 15), None, id="bridge-office"),
        pytest.param("atw", (), date(2026, 5, 15), "brugdag", id="bridge-atw"),
        pytest.param("office", (date(2026, 2, 9),), date(2026, 2, 9), "sluitingsdag", id="closing"),
        # A closing day on a weekend or a holiday keeps the weekday / holiday name.
        pytest.param("office", (date(2026, 2, 7),), date(2026, 2, 7), "zaterdag", id="closing-sat"),
        pytest.param(
            "office", (date(2026, 4, 27),), date(2026, 4, 27), "Koningsdag", id="closing-holiday"
        ),
    ],
)
def test_non_working_reason(
    kind: str, closing: tuple[date, ...], day: date, reason: str | None
) -> None:
    cal = calendar(kind, closing)
    assert cal.non_working_reason(day) == reason
    assert cal.is_working_day(day) is (reason is None)


# --- cross-check against the independent list ------------------------------------------------


def read_corpus_holidays() -> dict[date, str]:
    path = corpus_dir("holidays") / "nl_public_holidays_2020_2030.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return {date.fromisoformat(row["date"]): row["name"] for row in csv.DictReader(handle)}


# The corpus follows Atw art. 3 lid 1-2 without the royal-decree days (lid 3), and leaves out
# Easter Sunday and Whit Sunday (Sundays anyway). Our calendars name those two Sundays so that
# non_working_reason says "Eerste Paasdag" rather than "zondag".
SUNDAY_FEASTS = {"Eerste Paasdag", "Eerste Pinksterdag"}


def without_sunday_feasts(holidays: dict[date, str]) -> dict[date, str]:
    return {day: name for day, name in holidays.items() if name not in SUNDAY_FEASTS}


def test_corpus_is_what_provenance_says() -> None:
    listed = read_corpus_holidays()
    assert len(listed) == 99
    assert {day.year for day in listed} == set(range(2020, 2031))


@pytest.mark.parametrize("year", range(2020, 2031), ids=str)
def test_atw_matches_corpus(year: int) -> None:
    listed = {day: name for day, name in read_corpus_holidays().items() if day.year == year}
    ours = without_sunday_feasts(ATW.holidays_in(year))
    # Differs by design: the bridge days of the royal decree (a settings list) are ours only.
    bridges = {day: name for day, name in ours.items() if name == "brugdag"}
    assert set(bridges) == {day for day in ATW_BRIDGE_DAYS_DEFAULT if day.year == year}
    assert {day: name for day, name in ours.items() if day not in bridges} == listed


@pytest.mark.parametrize("year", range(2020, 2031), ids=str)
def test_office_is_the_cao_subset_of_corpus(year: int) -> None:
    listed = {day: name for day, name in read_corpus_holidays().items() if day.year == year}
    # The CAO drops Goede Vrijdag always and 5 May outside lustrum years (2020, 2025, 2030).
    dropped = {"Goede Vrijdag"} | (set() if year % 5 == 0 else {"Bevrijdingsdag"})
    expected = {day: name for day, name in listed.items() if name not in dropped}
    assert without_sunday_feasts(OFFICE.holidays_in(year)) == expected


# --- business hours ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        pytest.param(ams(2026, 2, 2, 2), ams(2026, 2, 2, 9), id="night-before-opening"),
        pytest.param(ams(2026, 2, 2, 8, 59), ams(2026, 2, 2, 9), id="just-before-opening"),
        pytest.param(ams(2026, 2, 2, 9), ams(2026, 2, 2, 9), id="at-opening"),
        pytest.param(ams(2026, 2, 2, 14, 5), ams(2026, 2, 2, 14, 5), id="during-hours"),
        pytest.param(ams(2026, 2, 2, 16, 59), ams(2026, 2, 2, 16, 59), id="last-minute"),
        pytest.param(ams(2026, 2, 2, 17), ams(2026, 2, 3, 9), id="at-closing"),
        pytest.param(ams(2026, 2, 2, 23), ams(2026, 2, 3, 9), id="evening"),
        pytest.param(ams(2026, 2, 6, 18), ams(2026, 2, 9, 9), id="friday-evening"),
        pytest.param(ams(2026, 2, 7, 11), ams(2026, 2, 9, 9), id="saturday"),
        # Sunday 26 Apr 2026, then Koningsdag Monday: Tuesday 09:00.
        pytest.param(ams(2026, 4, 26, 11), ams(2026, 4, 28, 9), id="weekend-then-holiday"),
        # Christmas Eve 2025 evening: 25 and 26 Dec off, then the weekend: Mon 29 Dec.
        pytest.param(ams(2025, 12, 24, 18), ams(2025, 12, 29, 9), id="christmas"),
        # On the holiday itself, before opening time.
        pytest.param(ams(2026, 4, 6, 7), ams(2026, 4, 7, 9), id="holiday-morning"),
        # Saturday in winter time to Monday 09:00 in summer time.
        pytest.param(ams(2026, 3, 28, 12), ams(2026, 3, 30, 9), id="dst-weekend"),
        # 06:00 UTC is 07:00 CET: opening the same day at 09:00 local.
        pytest.param(datetime(2026, 2, 2, 6, tzinfo=UTC), ams(2026, 2, 2, 9), id="utc-input"),
    ],
)
def test_next_opening(moment: datetime, expected: datetime) -> None:
    opening = OFFICE.next_opening(moment)
    assert opening == expected
    assert opening.tzinfo == AMS
    assert OFFICE.is_open(opening)


def test_next_opening_dst_offset() -> None:
    assert OFFICE.next_opening(ams(2026, 3, 28, 12)).utcoffset() == timedelta(hours=2)


@pytest.mark.parametrize(
    ("moment", "is_open"),
    [
        pytest.param(ams(2026, 2, 2, 8, 59), False, id="before"),
        pytest.param(ams(2026, 2, 2, 9), True, id="opening"),
        pytest.param(ams(2026, 2, 2, 16, 59, 0), True, id="before-closing"),
        pytest.param(ams(2026, 2, 2, 17), False, id="closing"),
        pytest.param(ams(2026, 2, 7, 12), False, id="saturday"),
        pytest.param(ams(2026, 4, 27, 12), False, id="koningsdag"),
        pytest.param(datetime(2026, 2, 2, 15, 30, tzinfo=UTC), True, id="utc-16-30-local"),
        pytest.param(datetime(2026, 2, 2, 16, 30, tzinfo=UTC), False, id="utc-17-30-local"),
    ],
)
def test_is_open(moment: datetime, is_open: bool) -> None:
    assert OFFICE.is_open(moment) is is_open


@pytest.mark.parametrize(
    ("kind", "start", "end", "hours"),
    [
        pytest.param("office", ams(2026, 2, 2, 10), ams(2026, 2, 2, 12, 30), 2.5, id="same-day"),
        pytest.param("office", ams(2026, 2, 2, 7), ams(2026, 2, 2, 8), 0.0, id="before-hours"),
        pytest.param("office", ams(2026, 2, 2, 18), ams(2026, 2, 2, 23), 0.0, id="after-hours"),
        pytest.param("office", ams(2026, 2, 2, 7), ams(2026, 2, 2, 19), 8.0, id="whole-day"),
        # Evening to next morning: nothing is open in between.
        pytest.param("office", ams(2026, 2, 2, 18), ams(2026, 2, 3, 8), 0.0, id="overnight"),
        # Fri 16:00-17:00 plus Mon 09:00-10:00.
        pytest.param("office", ams(2026, 2, 6, 16), ams(2026, 2, 9, 10), 2.0, id="weekend"),
        pytest.param("office", ams(2026, 2, 7, 10), ams(2026, 2, 8, 15), 0.0, id="within-weekend"),
        # Fri 24 Apr 16:00 to Tue 28 Apr 10:00 2026: Koningsdag Monday adds nothing.
        pytest.param("office", ams(2026, 4, 24, 16), ams(2026, 4, 28, 10), 2.0, id="koningsdag"),
        # Thu 2 Apr 16:00 to Tue 7 Apr 10:00 2026: office works Good Friday (8 h) -> 10 h.
        pytest.param("office", ams(2026, 4, 2, 16), ams(2026, 4, 7, 10), 10.0, id="easter"),
        pytest.param("atw", ams(2026, 4, 2, 16), ams(2026, 4, 7, 10), 2.0, id="easter-atw"),
        # The DST weekend changes nothing: Fri 16:00 CET to Mon 10:00 CEST.
        pytest.param("office", ams(2026, 3, 27, 16), ams(2026, 3, 30, 10), 2.0, id="dst"),
        # One full week, Monday 09:00 to Monday 09:00.
        pytest.param("office", ams(2026, 2, 2, 9), ams(2026, 2, 9, 9), 40.0, id="week"),
        # 2026: 261 weekdays; office holidays on weekdays 1 Jan, 6 Apr, 27 Apr, 14 May,
        # 25 May, 25 Dec -> 255 days; atw adds 2 Jan, 3 Apr, 5 May, 15 May -> 251.
        pytest.param("office", ams(2026, 1, 1, 0), ams(2027, 1, 1, 0), 255 * 8.0, id="year"),
        pytest.param("atw", ams(2026, 1, 1, 0), ams(2027, 1, 1, 0), 251 * 8.0, id="year-atw"),
        # Across New Year 2025/26 in office: Wed 31 Dec 16:00-17:00 + Fri 2 Jan all day.
        pytest.param("office", ams(2025, 12, 31, 16), ams(2026, 1, 3), 9.0, id="new-year"),
        pytest.param("office", ams(2026, 2, 3), ams(2026, 2, 2), 0.0, id="end-before-start"),
        # Inputs in other zones: 08:00-10:00 UTC is 09:00-11:00 CET.
        pytest.param(
            "office",
            datetime(2026, 2, 2, 8, tzinfo=UTC),
            datetime(2026, 2, 2, 5, tzinfo=NEW_YORK),
            2.0,
            id="other-zones",
        ),
    ],
)
def test_working_hours_between(kind: str, start: datetime, end: datetime, hours: float) -> None:
    assert CALENDARS[kind].working_hours_between(start, end) == pytest.approx(hours)


def test_working_hours_between_closing_day() -> None:
    closing = WorkCalendar(closing_days=[date(2026, 2, 3)])
    assert closing.working_hours_between(ams(2026, 2, 2, 9), ams(2026, 2, 4, 17)) == 16.0


@pytest.mark.parametrize(
    ("now", "deadline", "left"),
    [
        pytest.param(ams(2026, 2, 2, 10), ams(2026, 2, 4, 17), 2, id="two-left"),
        pytest.param(ams(2026, 2, 4, 10), ams(2026, 2, 4, 17), 0, id="due-today"),
        pytest.param(ams(2026, 2, 4, 18), ams(2026, 2, 4, 17), 0, id="passed-today"),
        pytest.param(ams(2026, 2, 4, 10), ams(2026, 2, 2, 17), -2, id="two-past"),
        # Fri 24 Apr 2026 to Tue 28 Apr: Koningsdag Monday is not counted.
        pytest.param(ams(2026, 4, 24, 10), ams(2026, 4, 28, 17), 1, id="over-koningsdag"),
        pytest.param(ams(2026, 4, 28, 10), ams(2026, 4, 24, 17), -1, id="past-koningsdag"),
        # Fri 6 Feb to Mon 9 Feb: the weekend counts for nothing.
        pytest.param(ams(2026, 2, 6, 16), ams(2026, 2, 9, 17), 1, id="over-weekend"),
        # 23:30 UTC on Mon 2 Feb is Tuesday in Amsterdam: one day left to Wed 4 Feb.
        pytest.param(
            datetime(2026, 2, 2, 23, 30, tzinfo=UTC), ams(2026, 2, 4, 17), 1, id="utc-now"
        ),
    ],
)
def test_working_days_left(now: datetime, deadline: datetime, left: int) -> None:
    assert OFFICE.working_days_left(now, deadline) == left


@pytest.mark.parametrize(
    ("start", "end", "count"),
    [
        pytest.param(date(2026, 2, 2), date(2026, 2, 2), 0, id="same-day"),
        pytest.param(date(2026, 2, 4), date(2026, 2, 2), 0, id="reversed"),
        pytest.param(date(2026, 2, 6), date(2026, 2, 9), 1, id="weekend"),
        # (Wed 31 Dec 2025, Mon 5 Jan 2026]: Fri 2 Jan and Mon 5 Jan (office).
        pytest.param(date(2025, 12, 31), date(2026, 1, 5), 2, id="new-year"),
        # Whole years: 2025 has 261 weekdays, minus 7 office holidays on weekdays (1 Jan,
        # 21 Apr, 5 May, 29 May, 9 Jun, 25 Dec, 26 Dec; Koningsdag is a Saturday) -> 254.
        # 2026: 255 (see the hours test above).
        pytest.param(date(2024, 12, 31), date(2025, 12, 31), 254, id="year-2025"),
        pytest.param(date(2024, 12, 31), date(2026, 12, 31), 254 + 255, id="two-years"),
    ],
)
def test_working_days_between(start: date, end: date, count: int) -> None:
    assert OFFICE.working_days_between(start, end) == count


# --- terms in calendar days (decision deadlines) -------------------------------------------


@pytest.mark.parametrize(
    ("kind", "start", "days", "expected"),
    [
        # 21 days from Tuesday 10 March 2026 is Tuesday 31 March, after the DST change.
        ("office", date(2026, 3, 10), 21, ams(2026, 3, 31, 17)),
        # 30 days from 25 November: Christmas, Boxing Day (Saturday), Sunday: Monday 28.
        ("office", date(2026, 11, 25), 30, ams(2026, 12, 28, 17)),
        # Good Friday is a working day in the office calendar, not under the Atw.
        ("office", date(2026, 3, 13), 21, ams(2026, 4, 3, 17)),
        ("atw", date(2026, 3, 13), 21, ams(2026, 4, 7, 17)),
        # The Atw's bridge day after Ascension (15 May 2026) moves the end to Monday 18 May.
        ("atw", date(2026, 4, 30), 15, ams(2026, 5, 18, 17)),
    ],
)
def test_calendar_day_terms_end_on_a_working_day(kind, start, days, expected) -> None:
    deadline = CALENDARS[kind].calendar_deadline_after(start, days)
    assert deadline == expected
    assert deadline.utcoffset() == expected.utcoffset()


def test_a_calendar_day_term_has_at_least_one_day() -> None:
    with pytest.raises(ValueError):
        OFFICE.calendar_deadline_after(date(2026, 3, 10), 0)
