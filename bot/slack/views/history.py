"""`/klacht K-2026-0001 historie`: the complaint's history as an ephemeral message."""

from __future__ import annotations

from typing import Any

from bot.procedure import Complaint, Role
from bot.procedure.privacy import visible_to
from bot.readable import history_lines
from bot.slack.views.blocks import context, escape, header, section, truncate
from bot.texts import privacy as text

# Slack allows 50 blocks in a message: a header, up to 47 events and a closing line.
MAX_EVENTS = 47
DETAIL_CHARS = 300


def history_blocks(complaint: Complaint, role: Role) -> list[dict[str, Any]]:
    """Every event, oldest first (the newest are cut with a pointer to the CLI when there are
    too many). Management reads how it was handled, not who complained."""
    reference = complaint.reference or "?"
    lines = history_lines(visible_to(complaint, role))
    blocks = [header(text.HISTORY_TITLE.format(reference=reference))]
    if not lines:
        blocks.append(section(text.HISTORY_EMPTY))
    for heading, details in lines[:MAX_EVENTS]:
        body = "\n".join(f"• {escape(truncate(detail, DETAIL_CHARS))}" for detail in details)
        blocks.append(section(f"*{escape(heading)}*" + (f"\n{body}" if body else "")))
    if len(lines) > MAX_EVENTS:
        rest = len(lines) - MAX_EVENTS
        blocks.append(context(text.HISTORY_TRUNCATED.format(count=rest, reference=reference)))
    return blocks
