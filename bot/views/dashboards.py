"""Each person's dashboard (Slack: the App Home): the officer's (counts, then the open
complaints with their actions), management's (the latest quarter, escalations still open) and
an employee's (the requests waiting for them). Requests waiting for the person come first on
every one of them. A dashboard's key names its kind; each person has their own.

A dashboard holds at most 100 blocks (Slack's limit for a Home) however many complaints are
open: the rest is summarised with a count.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from bot.procedure import Complaint
from bot.procedure.overview import Counts
from bot.texts import find as text
from bot.texts import slack as slack_text
from bot.views.card import actions_on, category_label
from bot.views.ids import Action
from bot.views.lists import complaint_line
from bot.views.model import (
    Block,
    Command,
    Dashboard,
    Divider,
    Fact,
    Facts,
    Heading,
    Line,
    Moment,
    Paragraph,
    Subtle,
    Updated,
)
from bot.views.spans import fill, strong
from bot.workdays import WorkCalendar

Entry = tuple[Block, ...]  # a waiting request: its lines and its actions
MAX_BLOCKS = 100
# Two blocks per complaint (line and actions); fewer when requests take room above them.
OFFICER_LISTED = 40
ESCALATIONS_LISTED = 20
MAX_REQUESTS = 15
COUNTS = tuple(text.HOME_COUNTS.items())


def officer_dashboard(
    counts: Counts,
    complaints: Sequence[Complaint],
    now: dt.datetime,
    calendar: WorkCalendar,
    actions: Callable[[Complaint], list[Action]],
    requests: Sequence[Entry] = (),
    ignored: int = 0,
) -> Dashboard:
    """`complaints`: the first open complaints, overdue first, then by contact deadline;
    `requests`: discussion requests waiting for the officer themselves, shown first;
    `ignored`: e-mail of the last 7 days the intake did not take as a complaint."""
    facts = [Fact(label, (str(getattr(counts, name)),)) for name, label in COUNTS]
    facts.append(Fact(text.HOME_IGNORED, (str(ignored),)))
    blocks: list[Block] = [
        Heading(slack_text.HOME_TITLE),
        *_requests(requests),
        Facts(tuple(facts)),
    ]
    if ignored:
        plural = "" if ignored == 1 else "s"
        command = Command(text.IGNORED_COMMAND)
        hint = fill(text.HOME_IGNORED_HINT, count=ignored, plural=plural, command=command)
        blocks.append(Subtle((hint,)))
    blocks += [Updated(now), Divider()]
    if not complaints:
        blocks.append(Paragraph(((text.HOME_NONE_OPEN,),)))
        return _dashboard("officer", blocks)
    open_title = fill(text.HOME_OPEN, title=strong(text.LIST_TITLE), count=counts.open)
    blocks.append(Paragraph((open_title,)))
    room = min(OFFICER_LISTED, (MAX_BLOCKS - len(blocks) - 1) // 2)
    for complaint in complaints[:room]:
        line = complaint_line(complaint, now, calendar, contact_details=True)
        blocks.append(Paragraph((line,)))
        shown = actions(complaint)
        if shown:
            blocks.append(actions_on(complaint, shown))
    rest = counts.open - min(len(complaints), room)
    if rest > 0:
        plural = "" if rest == 1 else "en"
        more = fill(text.HOME_MORE, count=rest, plural=plural, search=Command(text.SEARCH_COMMAND))
        blocks.append(Subtle((more,)))
    return _dashboard("officer", blocks)


def management_dashboard(
    key_figures: Sequence[Block] | None,
    escalations: Sequence[Complaint],
    open_escalations: int,
    requests: Sequence[Entry] = (),
) -> Dashboard:
    """The latest quarter's key figures and the escalations still open, without contact
    details; discussion requests waiting for this person first."""
    blocks: list[Block] = [Heading(slack_text.HOME_TITLE), *_requests(requests)]
    blocks += key_figures or [Paragraph(((text.HOME_NO_REPORT,),))]
    blocks.append(Divider())
    if not escalations:
        blocks.append(Paragraph(((text.HOME_NO_ESCALATIONS,),)))
        return _dashboard("management", blocks)
    title = strong(text.HOME_ESCALATIONS_TITLE)
    lines: list[Line] = [fill(text.HOME_ESCALATIONS, title=title, count=open_escalations)]
    for complaint in escalations[:ESCALATIONS_LISTED]:
        lines.append(
            fill(
                text.HOME_ESCALATION_LINE,
                reference=strong(complaint.reference or "?"),
                category=category_label(complaint.category),
                moment=Moment(complaint.contact_deadline),
            )
        )
    blocks.append(Paragraph(tuple(lines)))
    rest = open_escalations - min(len(escalations), ESCALATIONS_LISTED)
    if rest > 0:
        blocks.append(Subtle((fill(text.HOME_ESCALATIONS_MORE, count=rest),)))
    return _dashboard("management", blocks)


def employee_dashboard(requests: Sequence[Entry]) -> Dashboard:
    """`requests`: the entries (with actions) of the discussion requests waiting for them."""
    return _dashboard("employee", [Heading(slack_text.HOME_TITLE), *_request_blocks(requests)])


def _requests(requests: Sequence[Entry]) -> list[Block]:
    return [*_request_blocks(requests), Divider()] if requests else []


def _request_blocks(entries: Sequence[Entry]) -> list[Block]:
    if not entries:
        return [Paragraph((fill(slack_text.HOME_NO_REQUESTS, help=Command("help")),))]
    asked = fill(
        slack_text.HOME_REQUESTS, asked=strong(slack_text.HOME_REQUESTS_ASKED), count=len(entries)
    )
    blocks: list[Block] = [Paragraph((asked,))]
    for entry in entries[:MAX_REQUESTS]:
        blocks += entry
    if len(entries) > MAX_REQUESTS:
        more = fill(slack_text.HOME_MORE, count=len(entries) - MAX_REQUESTS)
        blocks.append(Subtle((more,)))
    return blocks


def _dashboard(kind: str, blocks: list[Block]) -> Dashboard:
    return Dashboard(f"home:{kind}", (slack_text.HOME_TITLE,), tuple(blocks))
