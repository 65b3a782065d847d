"""Every view is plain data: what a second renderer (Adaptive Cards) needs is in the view
itself, so it renders without asking the core anything, and no complaint or event travels
inside a view."""

from __future__ import annotations

import dataclasses
import datetime as dt
from enum import Enum
from typing import Any

import pytest

import bot.views.context
import bot.views.model
from bot.procedure.people import Person
from bot.views.model import Message, Paragraph
from tests.views import story
from tests.views.scenes import SCENES

# The modules whose frozen dataclasses a view is made of.
VIEW_MODULES = {bot.views.model.__name__, bot.views.context.__name__}
PLAIN = (str, int, bool, float, dt.date, dt.datetime, type(None))


def not_plain(value: Any, where: str = "view") -> list[str]:
    """Where `value` holds something other than plain data, with what it is."""
    if isinstance(value, Enum):
        return [] if isinstance(value.value, str) else [f"{where}: {value!r}"]
    if isinstance(value, PLAIN):
        return []
    if isinstance(value, tuple | list):
        return [found for i, item in enumerate(value) for found in not_plain(item, f"{where}[{i}]")]
    if isinstance(value, dict):
        return [
            found
            for key, item in value.items()
            for found in not_plain(key, f"{where} key") + not_plain(item, f"{where}[{key!r}]")
        ]
    frozen = dataclasses.is_dataclass(value) and type(value).__dataclass_params__.frozen
    if frozen and (type(value).__module__ in VIEW_MODULES or isinstance(value, Person)):
        return [
            found
            for field in dataclasses.fields(value)
            for found in not_plain(getattr(value, field.name), f"{where}.{field.name}")
        ]
    return [f"{where}: {type(value).__module__}.{type(value).__name__}"]


@pytest.mark.parametrize("name", sorted(SCENES))
def test_every_view_is_plain_data(name: str) -> None:
    assert not_plain(SCENES[name]()) == []


def test_every_view_has_a_key_and_a_summary() -> None:
    for name, scene in SCENES.items():
        built = scene()
        for view in built.values() if isinstance(built, dict) else [built]:
            assert view.key, name
            assert view.summary and all(view.summary), name


def test_the_check_finds_a_core_object_or_markup_in_a_view() -> None:
    """Not blind: a complaint, an event or any other object inside a view is found."""
    complaint = story.received()
    inside = [complaint, complaint.events[0], object()]
    for value in inside:
        view = Message("x", ("y",), (Paragraph(((value,),)),))  # type: ignore[arg-type]
        assert not_plain(view), value
