"""The employee's deadline as their message and Home read it: 17:00 on its working day, and
once it has passed, no date that reads as if it still ran."""

from __future__ import annotations

from bot.procedure.discussion import answer_deadline
from bot.views import requests
from bot.views.model import Moment, Paragraph
from bot.views.spans import moment_text
from tests.views import story
from tests.views.story import CALENDAR, NOW, at


def said(blocks) -> str:
    return "".join(
        span if isinstance(span, str) else moment_text(span) if isinstance(span, Moment) else ""
        for block in blocks
        if isinstance(block, Paragraph)
        for line in block.lines
        if isinstance(line, tuple)
        for part in line
        for span in (part.spans if hasattr(part, "spans") else (part,))
    )


def test_the_message_asks_for_17_00_and_says_when_that_has_passed() -> None:
    complaint = story.asked()
    request = story.request_of(complaint, "UEVA")
    due = answer_deadline(CALENDAR, request.requested_at, 2)
    assert due == at(9, 17)  # asked Monday 09:55: Wednesday 17:00, not 09:55
    before = said(requests.request_message(complaint, request, due, NOW).blocks)
    assert "vóór woensdag 9 december om 17:00" in before and "verstreken" not in before
    after = said(requests.request_message(complaint, request, due, at(10, 9)).blocks)
    assert "vóór" not in after
    assert "termijn (woensdag 9 december om 17:00) is verstreken" in after
    entry = requests.dashboard_entry(complaint, request, due, at(10, 9))
    assert "is verstreken" in said(entry)
