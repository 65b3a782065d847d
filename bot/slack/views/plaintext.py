"""Block Kit shown as plain text: how the demo prints what the bot would post in Slack."""

from __future__ import annotations

from typing import Any


def as_plain_text(message: dict[str, Any]) -> str:
    """The lines a person would read in Slack, buttons as [label]."""
    lines: list[str] = []
    for block in message.get("blocks", []):
        lines.extend(_block_lines(block))
    return "\n".join(lines) if lines else str(message.get("text", ""))


def _block_lines(block: dict[str, Any]) -> list[str]:
    kind = block.get("type")
    if kind in ("header", "section"):
        own = [block["text"]["text"]] if "text" in block else []
        return own + [field["text"] for field in block.get("fields", [])]
    if kind == "context":
        return [element.get("text", "") for element in block.get("elements", [])]
    if kind == "actions":
        labels = [f"[{element['text']['text']}]" for element in block.get("elements", [])]
        return [" ".join(labels)]
    return []
