"""`/klacht help`."""

from __future__ import annotations

from typing import Any

from bot.slack.views.blocks import section
from bot.texts import slack as text


def help_blocks() -> list[dict[str, Any]]:
    return [section(text.HELP_TITLE), section("\n".join(text.HELP_LINES))]
