"""What the report's modal answers (the modal itself is bot.views.reports.text_form)."""

from __future__ import annotations

from typing import Any

from bot.slack.ids import INPUT_ACTION
from bot.views.context import Context
from bot.views.ids import Field


def parse_text_submission(view: dict[str, Any]) -> tuple[int, str | None]:
    """(report id, the typed text or None) from a submitted text modal."""
    report_id = Context.load(view["private_metadata"]).report_id
    if not isinstance(report_id, int):
        raise ValueError("a report's modal without its report")
    value = view["state"]["values"].get(Field.REPORT_TEXT, {}).get(INPUT_ACTION, {}).get("value")
    return report_id, (value or "").strip() or None
