"""How Slack's modal submissions read: a view's state turned into {field: value}, which
bot.forms.values.Form then reads for the parsers."""

from __future__ import annotations

from typing import Any

from bot.slack.ids import INPUT_ACTION


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
