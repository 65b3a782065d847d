"""One date format in every view: dates and moments in Dutch words (bot.texts.date_in_words),
never an ISO date ("2026-12-07 14:48") nor a numeric one ("07-12-2026"), and the year only when
it is not this year ("woensdag 9 december" in December 2026, "maandag 4 januari 2027"). Both
renderers write a view's texts and moments alike, so the view models are checked."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import replace
from typing import Any

import pytest

from bot.slack.views import render
from bot.texts import MONTHS, date_in_words, moment_in_words
from bot.views import card
from bot.views.context import Context
from bot.views.model import Code, Command, Moment
from bot.views.spans import moment_text
from tests.views import story
from tests.views.scenes import SCENES
from tests.views.story import CALENDAR, NOW, TZ

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
NUMERIC_DATE = re.compile(r"\d{1,2}-\d{1,2}-\d{4}")
# Every scene is set in 2026 (a post of an event in January 2027 is made in 2027 and shows no
# date of 2026), so a date written with 2026 is one that should have left its year out.
THIS_YEARS_DATE = re.compile(rf"\b\d{{1,2}} (?:{'|'.join(MONTHS)}) {NOW.year}\b")


def read_texts(value: Any) -> list[str]:
    """Every text of a view a person reads, with each moment as every renderer writes it
    (moment_text); not what is typed (a command takes its date as ISO: `genegeerd 2026-11-01`),
    nor a button's context, a link's address or a form's initial date."""
    if isinstance(value, Moment):
        return [moment_text(value)]
    if isinstance(value, str):
        return [value]
    if isinstance(value, Code | Command | Context | dt.date):
        return []
    if isinstance(value, tuple | list):
        return [text for item in value for text in read_texts(item)]
    if isinstance(value, dict):
        return [text for item in value.values() for text in read_texts(item)]
    if dataclasses.is_dataclass(value):
        skip = {"url", "initial", "key", "action", "form"}
        return [
            text
            for field in dataclasses.fields(value)
            if field.name not in skip
            for text in read_texts(getattr(value, field.name))
        ]
    return []


@pytest.mark.parametrize("name", sorted(SCENES))
def test_no_view_writes_a_date_as_iso_or_numbers(name: str) -> None:
    for text in read_texts(SCENES[name]()):
        assert not ISO_DATE.search(text), f"{name}: {text}"
        assert not NUMERIC_DATE.search(text), f"{name}: {text}"
        assert not THIS_YEARS_DATE.search(text), f"{name}: {text}"


def test_the_one_formatter_leaves_out_this_years_year() -> None:
    day = dt.date(2026, 12, 9)
    assert date_in_words(day) == "woensdag 9 december 2026"
    assert date_in_words(day, today=dt.date(2026, 12, 7)) == "woensdag 9 december"
    assert date_in_words(day, today=dt.date(2027, 1, 4)) == "woensdag 9 december 2026"
    moment = dt.datetime(2026, 12, 9, 17)
    assert moment_in_words(moment, dt.date(2026, 1, 1)) == "woensdag 9 december om 17:00"
    assert moment_in_words(moment) == "woensdag 9 december 2026 om 17:00"


def test_a_date_in_the_next_year_keeps_its_year() -> None:
    """A decision deadline in January seen in December: 'maandag 4 januari 2027'; the same
    card seen on New Year's Day leaves the year out."""
    deadline = dt.datetime(2027, 1, 4, 17, tzinfo=TZ)
    complaint = replace(story.registered(), decision_deadline=deadline)
    in_december = str(render.message(card.channel_post(complaint, now=NOW, calendar=CALENDAR)))
    assert "maandag 4 januari 2027 om 17:00" in in_december
    new_year = dt.datetime(2027, 1, 1, 10, tzinfo=TZ)
    in_january = str(render.message(card.channel_post(complaint, now=new_year, calendar=CALENDAR)))
    assert "maandag 4 januari om 17:00" in in_january and "2027 om" not in in_january


def test_this_year_is_the_year_in_amsterdam() -> None:
    """At 23:30 UTC on New Year's Eve it is already 1 January in Amsterdam: a date that
    January reads without its year."""
    moment = dt.datetime(2027, 1, 4, 17, tzinfo=TZ)
    new_years_eve_utc = dt.datetime(2026, 12, 31, 23, 30, tzinfo=dt.UTC)
    assert moment_text(Moment(moment, now=new_years_eve_utc)) == "maandag 4 januari om 17:00"
    assert moment_text(Moment(moment, now=None)) == "maandag 4 januari 2027 om 17:00"
