"""App Home dashboards: the officer's (counts, then open complaints with their buttons) and
management's (latest quarter, escalations still open). Both stay within Slack's 100 blocks
however many complaints are open: the rest is summarised with a count."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from bot.procedure import Complaint
from bot.procedure.overview import Counts
from bot.slack.context import Context
from bot.slack.ids import HOME_UPDATED_BLOCK, ActionId
from bot.slack.views.blocks import actions, context, fields_section, header, section
from bot.slack.views.find import complaint_line
from bot.slack.views.home import request_blocks
from bot.slack.views.message import action_button
from bot.texts import CATEGORY_LABELS, moment_in_words
from bot.texts import find as text
from bot.texts import slack as slack_text
from bot.workdays import WorkCalendar

Blocks = list[dict[str, Any]]
MAX_BLOCKS = 100  # of a Home view
# Two blocks per complaint (line and buttons); fewer when requests take room above them.
OFFICER_LISTED = 40
ESCALATIONS_LISTED = 20


def officer_home(
    counts: Counts,
    complaints: Sequence[Complaint],
    now: dt.datetime,
    calendar: WorkCalendar,
    buttons: Callable[[Complaint], list[ActionId]],
    requests: Sequence[Blocks] = (),
) -> dict[str, Any]:
    """`complaints`: the first open complaints, overdue first, then by contact deadline;
    `requests`: discussion requests waiting for the officer themselves, shown first."""
    blocks: Blocks = [
        header(slack_text.HOME_TITLE),
        *_requests(requests),
        fields_section(
            {label: str(getattr(counts, name)) for name, label in text.HOME_COUNTS.items()}
        ),
        {
            **context(text.HOME_UPDATED.format(moment=moment_in_words(now))),
            "block_id": HOME_UPDATED_BLOCK,
        },
        {"type": "divider"},
    ]
    if not complaints:
        blocks.append(section(text.HOME_NONE_OPEN))
        return _home(blocks)
    blocks.append(section(text.HOME_OPEN.format(count=counts.open)))
    room = min(OFFICER_LISTED, (MAX_BLOCKS - len(blocks) - 1) // 2)
    for complaint in complaints[:room]:
        blocks.append(section(complaint_line(complaint, now, calendar, contact_details=True)))
        value = Context(reference=complaint.reference).dump()
        shown = [action_button(action, value) for action in buttons(complaint)]
        if shown:
            blocks.append(actions(shown))
    rest = counts.open - min(len(complaints), room)
    if rest > 0:
        plural = "" if rest == 1 else "en"
        blocks.append(context(text.HOME_MORE.format(count=rest, plural=plural)))
    return _home(blocks)


def management_home(
    report_blocks: Blocks | None,
    escalations: Sequence[Complaint],
    open_escalations: int,
    requests: Sequence[Blocks] = (),
) -> dict[str, Any]:
    """The latest quarter's key figures and the escalations still open, without contact
    details; discussion requests waiting for this person first."""
    blocks: Blocks = [header(slack_text.HOME_TITLE), *_requests(requests)]
    blocks += report_blocks or [section(text.HOME_NO_REPORT)]
    blocks.append({"type": "divider"})
    if not escalations:
        blocks.append(section(text.HOME_NO_ESCALATIONS))
        return _home(blocks)
    lines = [text.HOME_ESCALATIONS.format(count=open_escalations)]
    for complaint in escalations[:ESCALATIONS_LISTED]:
        category = complaint.category
        lines.append(
            text.HOME_ESCALATION_LINE.format(
                reference=complaint.reference,
                category=CATEGORY_LABELS[category] if category else slack_text.NOT_YET_RECORDED,
                moment=moment_in_words(complaint.contact_deadline),
            )
        )
    blocks.append(section("\n".join(lines)))
    rest = open_escalations - min(len(escalations), ESCALATIONS_LISTED)
    if rest > 0:
        blocks.append(context(text.HOME_ESCALATIONS_MORE.format(count=rest)))
    return _home(blocks)


def _requests(requests: Sequence[Blocks]) -> Blocks:
    return [*request_blocks(list(requests)), {"type": "divider"}] if requests else []


def _home(blocks: Blocks) -> dict[str, Any]:
    return {"type": "home", "blocks": blocks}
