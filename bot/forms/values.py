"""Typed, validated access to what a person entered in a form, whatever the surface: each
surface turns its submission into {field: value} (Slack: bot/slack/views/forms.py; Teams:
bot/teams/handlers/cards.py), and the parsers (steps.py, discussion.py) read it through `Form`."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from enum import Enum
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from bot.procedure.errors import FieldErrors, ProcedureError
from bot.sanitize import free_text
from bot.texts import procedure as procedure_text
from bot.views.ids import Field

E = TypeVar("E", bound=Enum)
T = TypeVar("T")


class Form:
    """Typed access to form values; a missing required choice raises a ProcedureError naming
    its field (Slack checks required inputs too, but a request can arrive without them)."""

    def __init__(self, values: dict[str, Any], tz: ZoneInfo) -> None:
        self.values = values
        self.tz = tz

    def text(self, field: Field) -> str | None:
        """Typed text as it may be stored: no control or invisible characters (PostgreSQL
        refuses NUL), line breaks and tabs kept."""
        value = self.values.get(field.value)
        return free_text(value) if isinstance(value, str) else value

    def choice(self, field: Field, kind: type[E]) -> E:
        value = self.values.get(field.value)
        try:
            return kind(value)
        except ValueError:
            raise ProcedureError(procedure_text.FIELD_REQUIRED, field=field.value) from None

    def moment(self, field: Field) -> dt.datetime:
        value = self.values.get(field.value)
        if value is None:
            raise ProcedureError(procedure_text.FIELD_REQUIRED, field=field.value)
        return dt.datetime.fromtimestamp(int(value), dt.UTC).astimezone(self.tz)

    def required_text(self, field: Field) -> str:
        value = self.text(field)
        if not value:
            raise ProcedureError(procedure_text.FIELD_REQUIRED, field=field.value)
        return value

    def users(self, field: Field) -> tuple[str, ...]:
        return tuple(self.values.get(field.value) or ())

    def day(self, field: Field) -> dt.date | None:
        value = self.values.get(field.value)
        return dt.date.fromisoformat(value) if value else None

    def required_day(self, field: Field) -> dt.date:
        value = self.day(field)
        if value is None:
            raise ProcedureError(procedure_text.FIELD_REQUIRED, field=field.value)
        return value

    def optional_choice(self, field: Field, kind: type[E]) -> E | None:
        return None if self.values.get(field.value) is None else self.choice(field, kind)

    def ticked(self, field: Field, value: str) -> bool:
        """Whether the checkbox `field` has its option `value` ticked."""
        return value in (self.values.get(field.value) or ())


class Checks:
    """Collects what is wrong with each field of a form, so all errors show at once: `check`
    runs one field's parsing and keeps its error; `done` raises them together."""

    def __init__(self) -> None:
        self.errors: dict[str, str] = {}

    def __call__(self, parse: Callable[[], T]) -> T:
        try:
            return parse()
        except ProcedureError as exc:
            self.errors.setdefault(exc.field or "", exc.message)
            return None  # type: ignore[return-value]  # never used: `done` raises first

    def done(self) -> None:
        if self.errors:
            raise FieldErrors(self.errors)


def answers_of(values: dict[str, Any], tz: ZoneInfo) -> dict[str, Any]:
    """A form's values as the initial values of the same inputs (a form shown again)."""
    answers: dict[str, Any] = {}
    for block_id, value in values.items():
        if isinstance(value, list):
            value = value[0] if value and block_id != Field.EMPLOYEE_IDS.value else None
        elif isinstance(value, int):
            value = dt.datetime.fromtimestamp(value, dt.UTC).astimezone(tz)
        elif isinstance(value, str) and _ISO_DAY.fullmatch(value):
            value = dt.date.fromisoformat(value)
        answers[block_id] = value
    return answers


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
