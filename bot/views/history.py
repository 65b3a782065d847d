"""`/klacht K-2026-0001 historie`: every event of a complaint, oldest first."""

from __future__ import annotations

from bot.procedure import Complaint, Role
from bot.procedure.privacy import visible_to
from bot.readable import history_lines
from bot.texts import privacy as text
from bot.views.excerpts import truncate
from bot.views.model import Block, Code, Heading, Line, Message, Paragraph, Subtle
from bot.views.spans import fill, strong

# A message holds 50 blocks in Slack: a heading, up to 47 events and a closing line.
MAX_EVENTS = 47
DETAIL_CHARS = 300


def history(complaint: Complaint, role: Role) -> Message:
    """Every event, oldest first (the newest are cut with a pointer to the command line when
    there are too many). Management reads how it was handled, not who complained."""
    reference = complaint.reference or "?"
    title = text.HISTORY_TITLE.format(reference=reference)
    lines = history_lines(visible_to(complaint, role))
    blocks: list[Block] = [Heading(title)]
    if not lines:
        blocks.append(Paragraph(((text.HISTORY_EMPTY,),)))
    for heading, details in lines[:MAX_EVENTS]:
        shown: list[Line] = [(strong(heading),)]
        shown += [(text.HISTORY_DETAIL.format(detail=truncate(d, DETAIL_CHARS)),) for d in details]
        blocks.append(Paragraph(tuple(shown)))
    if len(lines) > MAX_EVENTS:
        command = Code(f"klachtenbot show {reference} --history")
        rest = fill(text.HISTORY_TRUNCATED, count=len(lines) - MAX_EVENTS, command=command)
        blocks.append(Subtle((rest,)))
    return Message(f"history:{reference}", (title,), tuple(blocks))
