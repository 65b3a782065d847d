"""The discussion requests waiting for a person on their App Home (anyone's, when they have
some; for an employee, all there is). The officer's and management's dashboards around them
are in views/dashboards.py."""

from __future__ import annotations

from typing import Any

from bot.slack.views.blocks import context, header, section
from bot.texts import slack as text

Blocks = list[dict[str, Any]]
MAX_REQUESTS = 15  # two blocks each (a line and the buttons)


def employee_home(requests: list[Blocks]) -> dict[str, Any]:
    """`requests`: the entries (with buttons) of the discussion requests waiting for them."""
    return {"type": "home", "blocks": [header(text.HOME_TITLE), *request_blocks(requests)]}


def request_blocks(entries: list[Blocks]) -> Blocks:
    if not entries:
        return [section(text.HOME_NO_REQUESTS)]
    blocks = [section(text.HOME_REQUESTS.format(count=len(entries)))]
    for entry in entries[:MAX_REQUESTS]:
        blocks += entry
    if len(entries) > MAX_REQUESTS:
        blocks.append(context(text.HOME_MORE.format(count=len(entries) - MAX_REQUESTS)))
    return blocks
