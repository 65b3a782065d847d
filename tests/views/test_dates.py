"""One date format in every view: dates and moments in Dutch words (bot.texts.date_in_words),
never an ISO date ("2026-12-07 14:48") nor a numeric one ("07-12-2026"). Both renderers write
a view's texts and moments alike, so the view models are checked."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any

import pytest

from bot.texts import date_in_words, moment_in_words
from bot.views.context import Context
from bot.views.model import Code, Command, Moment
from bot.views.spans import moment_text
from tests.views.scenes import SCENES

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
NUMERIC_DATE = re.compile(r"\d{1,2}-\d{1,2}-\d{4}")


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


def test_the_one_formatter_leaves_out_this_years_year() -> None:
    day = dt.date(2026, 12, 9)
    assert date_in_words(day) == "woensdag 9 december 2026"
    assert date_in_words(day, today=dt.date(2026, 12, 7)) == "woensdag 9 december"
    assert date_in_words(day, today=dt.date(2027, 1, 4)) == "woensdag 9 december 2026"
    moment = dt.datetime(2026, 12, 9, 17)
    assert moment_in_words(moment, dt.date(2026, 1, 1)) == "woensdag 9 december om 17:00"
    assert moment_in_words(moment) == "woensdag 9 december 2026 om 17:00"
