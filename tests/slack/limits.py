"""Block Kit's limits, checked twice: by slack_sdk's model classes and by explicit counts."""

from __future__ import annotations

import json
from typing import Any

from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View


def _walk(node: Any) -> list[dict[str, Any]]:
    found = []
    if isinstance(node, dict):
        found.append(node)
        for value in node.values():
            found += _walk(value)
    elif isinstance(node, list):
        for value in node:
            found += _walk(value)
    return found


def _explicit(blocks: list[dict[str, Any]]) -> None:
    for node in _walk(blocks):
        if node.get("type") == "section" and "text" in node:
            assert len(node["text"]["text"]) <= 3000
        if node.get("type") == "header":
            assert len(node["text"]["text"]) <= 150
        if node.get("type") == "button":
            assert len(node["text"]["text"]) <= 75
            assert len(node.get("value", "")) <= 2000
        if node.get("type") == "plain_text_input" and "initial_value" in node:
            assert len(node["initial_value"]) <= node.get("max_length", 3000) <= 3000


def assert_message_within_limits(message: dict[str, Any]) -> None:
    blocks = message["blocks"]
    assert 1 <= len(blocks) <= 50
    assert len(message["text"]) <= 4000
    parsed = Block.parse_all(blocks)
    assert None not in parsed
    assert [block.to_dict() for block in parsed]  # to_dict() validates every nested object
    _explicit(blocks)


def assert_view_within_limits(view: dict[str, Any]) -> None:
    blocks = view["blocks"]
    assert 1 <= len(blocks) <= 100
    model = View(**json.loads(json.dumps(view)))
    assert model.to_dict()["type"] == view["type"]  # to_dict() runs the validators
    if view["type"] == "modal":
        for key in ("title", "submit", "close"):
            assert len(view[key]["text"]) <= 24
    assert len(view.get("private_metadata", "")) <= 3000
    _explicit(blocks)
