"""Cross-check our named-rule calendars against the pinned `holidays` package.

The package is only an independent second source here: its default NL category has changed
between releases (Good Friday, 5 May), so we ask for public + optional and compare by name.
"""

from __future__ import annotations

import holidays
import pytest
from holidays.constants import OPTIONAL, PUBLIC

from bot.workdays import WorkCalendar

YEARS = range(2020, 2031)


def package_days(year: int) -> dict:
    found = holidays.NL(years=year, categories=(PUBLIC, OPTIONAL), language="nl")
    return {day: name.lower() for day, name in found.items()}


@pytest.mark.parametrize("year", YEARS)
def test_atw_matches_every_statutory_holiday_in_the_package(year: int) -> None:
    # The Algemene termijnenwet names all of them, Good Friday and 5 May every year included.
    ours = WorkCalendar(kind="atw").holidays_in(year)
    assert {day: name.lower() for day, name in ours.items()} == package_days(year)


@pytest.mark.parametrize("year", YEARS)
def test_office_is_the_package_list_without_good_friday_and_non_lustrum_5_may(year: int) -> None:
    # The CAO gives neither Good Friday nor 5 May outside lustrum years.
    expected = {
        day: name
        for day, name in package_days(year).items()
        if name != "goede vrijdag" and not (name == "bevrijdingsdag" and year % 5)
    }
    ours = WorkCalendar(kind="office").holidays_in(year)
    assert {day: name.lower() for day, name in ours.items()} == expected
