"""Block Kit's building blocks, with Slack's length limits applied to every text: what the
renderer (render.py) puts together."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from bot.sanitize import free_text
from bot.slack.ids import INPUT_ACTION
from bot.texts import slack as text
from bot.views.excerpts import truncate
from bot.views.ids import Field

SECTION_LIMIT = 3000
HEADER_LIMIT = 150
BUTTON_TEXT_LIMIT = 75
OPTION_TEXT_LIMIT = 75
CONTEXT_LIMIT = 2000
INPUT_LIMIT = 3000


def escape(value: str) -> str:
    """The one way text from outside (e-mail, typed input, names) enters any Slack field a
    person or a notification reads (`text`, blocks, App Home, DMs): control and invisible
    characters dropped, and &, <, > as entities, so it cannot form mentions (<!channel>,
    <@U...>), links or disguised links."""
    if value.isprintable() and not ("&" in value or "<" in value or ">" in value):
        return value  # most texts: no control, invisible or line-breaking character, no entity
    return free_text(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def plain(value: str, limit: int = SECTION_LIMIT) -> dict[str, Any]:
    """Plain text (titles, headers, labels): Slack shows it as is, so it only loses control and
    invisible characters."""
    return {"type": "plain_text", "text": truncate(free_text(value), limit), "emoji": True}


def mrkdwn(value: str, limit: int = SECTION_LIMIT) -> dict[str, Any]:
    return {"type": "mrkdwn", "text": truncate_markup(value, limit)}


def truncate_markup(value: str, limit: int) -> str:
    """`truncate` for mrkdwn that is escaped and marked up already: the cut never leaves half
    an entity (`&am`) or half a link or mention (`<@U12`), which Slack would show as such."""
    if len(value) <= limit:
        return value
    cut = value[: limit - len(text.TEXT_TRUNCATED)]
    for opening, closing in (("<", ">"), ("&", ";")):
        start = cut.rfind(opening)
        if start != -1 and closing not in cut[start:]:
            cut = cut[:start]
    return cut.rstrip() + text.TEXT_TRUNCATED


def header(value: str) -> dict[str, Any]:
    return {"type": "header", "text": plain(value, HEADER_LIMIT)}


def section(value: str) -> dict[str, Any]:
    return {"type": "section", "text": mrkdwn(value)}


def context(*values: str) -> dict[str, Any]:
    return {"type": "context", "elements": [mrkdwn(value, CONTEXT_LIMIT) for value in values]}


def button(label: str, action_id: str, value: str, style: str | None = None) -> dict[str, Any]:
    element = {
        "type": "button",
        "action_id": action_id,
        "text": plain(label, BUTTON_TEXT_LIMIT),
        "value": value,
    }
    if style:
        element["style"] = style
    return element


def actions(elements: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "actions", "elements": elements[:25]}


def option(value: str, label: str) -> dict[str, Any]:
    return {"text": plain(label, OPTION_TEXT_LIMIT), "value": value}


def options(labels: Mapping[str, str]) -> list[dict[str, Any]]:
    return [option(value, label) for value, label in labels.items()]


def input_block(
    field: Field,
    label: str,
    element: dict[str, Any],
    *,
    optional: bool = False,
    hint: str | None = None,
) -> dict[str, Any]:
    block = {
        "type": "input",
        "block_id": field.value,
        "label": plain(label, 2000),
        "element": {**element, "action_id": INPUT_ACTION},
        "optional": optional,
    }
    if hint:
        block["hint"] = plain(hint, 2000)
    return block


def text_input(
    initial: str | None = None, *, multiline: bool = False, max_length: int = INPUT_LIMIT
) -> dict[str, Any]:
    element: dict[str, Any] = {
        "type": "plain_text_input",
        "multiline": multiline,
        "max_length": max_length,
    }
    if initial:
        element["initial_value"] = free_text(initial)[:max_length]
    return element


def static_select(labels: Mapping[str, str], initial: str | None = None) -> dict[str, Any]:
    element: dict[str, Any] = {
        "type": "static_select",
        "placeholder": plain(text.CHOOSE, 150),
        "options": options(labels),
    }
    if initial in labels:
        element["initial_option"] = option(initial, labels[initial])
    return element


def radio_buttons(labels: Mapping[str, str], initial: str | None = None) -> dict[str, Any]:
    element: dict[str, Any] = {"type": "radio_buttons", "options": options(labels)}
    if initial in labels:
        element["initial_option"] = option(initial, labels[initial])
    return element


def checkboxes(labels: Mapping[str, str], initial: str | None = None) -> dict[str, Any]:
    element: dict[str, Any] = {"type": "checkboxes", "options": options(labels)}
    if initial in labels:
        element["initial_options"] = [option(initial, labels[initial])]
    return element


def datetime_picker(initial: dt.datetime | None = None) -> dict[str, Any]:
    element: dict[str, Any] = {"type": "datetimepicker"}
    if initial:
        element["initial_date_time"] = int(initial.timestamp())
    return element


def date_picker(initial: dt.date | None = None) -> dict[str, Any]:
    element: dict[str, Any] = {"type": "datepicker", "placeholder": plain(text.CHOOSE, 150)}
    if initial:
        element["initial_date"] = initial.isoformat()
    return element


def multi_users_select(max_selected: int) -> dict[str, Any]:
    return {
        "type": "multi_users_select",
        "placeholder": plain(text.CHOOSE, 150),
        "max_selected_items": max_selected,
    }


def modal(
    callback_id: str,
    title: str,
    blocks: list[dict[str, Any]],
    private_metadata: str,
    submit: str,
    cancel: str,
) -> dict[str, Any]:
    return {
        "type": "modal",
        "callback_id": callback_id,
        "title": plain(title, 24),
        "submit": plain(submit, 24),
        "close": plain(cancel, 24),
        "private_metadata": private_metadata,
        "blocks": blocks[:100],
    }
