"""How Slack's modal submissions read: a view's state turned into {field: value}, which
bot.forms.values.Form then reads for the parsers."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo

from bot.slack.ids import INPUT_ACTION
from bot.views.ids import Field


def form_values(view: dict[str, Any]) -> dict[str, Any]:
    """The value of each input block, keyed by block id; None where nothing was entered."""
    values = view.get("state", {}).get("values", {})
    return {
        block_id: _element_value(elements.get(INPUT_ACTION, {}))
        for block_id, elements in values.items()
    }


def _element_value(element: dict[str, Any]) -> Any:
    kind = element.get("type")
    if kind in ("static_select", "radio_buttons"):
        selected = element.get("selected_option") or {}
        return selected.get("value")
    if kind == "datetimepicker":
        return element.get("selected_date_time")
    if kind == "datepicker":
        return element.get("selected_date")
    if kind == "checkboxes":
        return [selected.get("value") for selected in element.get("selected_options") or []]
    if kind == "multi_users_select":
        return element.get("selected_users") or []
    return element.get("value")


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
