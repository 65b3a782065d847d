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
from bot.procedure.todo import Todo, todo_of
from bot.texts import find as text
from bot.texts import plural
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
# The to-do list counts every complaint that needs attention; an office has far fewer open.
OFFICER_COUNTED = 1000
ESCALATIONS_LISTED = 20
MAX_REQUESTS = 15


def officer_dashboard(
    complaints: Sequence[Complaint],
    now: dt.datetime,
    calendar: WorkCalendar,
    actions: Callable[[Complaint], list[Action]],
    requests: Sequence[Entry] = (),
    ignored: int = 0,
) -> Dashboard:
    """The officer's to-do list: "Nu doen", "Wacht op anderen", "Klaar om af te sluiten", each
    open complaint in exactly one group (bot.procedure.todo), so the counts add up to the open
    complaints. `complaints`: every complaint that needs attention (open, and closed ones whose
    recourse runs), overdue first, then by contact deadline; `requests`: discussion requests
    waiting for the officer themselves, shown first; `ignored`: e-mail of the last 7 days the
    intake did not take as a complaint."""
    groups: dict[Todo, list[Complaint]] = {todo: [] for todo in Todo}
    for complaint in complaints:
        groups[todo_of(complaint, now)].append(complaint)
    total = len(complaints)
    facts = [Fact(text.HOME_GROUPS[todo], (str(len(groups[todo])),)) for todo in Todo]
    facts += [Fact(text.HOME_OPEN_TOTAL, (str(total),)), Fact(text.HOME_IGNORED, (str(ignored),))]
    blocks: list[Block] = [
        Heading(slack_text.HOME_TITLE),
        *_requests(requests),
        Facts(tuple(facts)),
    ]
    if ignored:
        command = Command(text.IGNORED_COMMAND)
        emails = plural(ignored, "e-mail")
        hint = fill(text.HOME_IGNORED_HINT, emails=emails, command=command)
        blocks.append(Subtle((hint,)))
    blocks += [Updated(now)]
    if not complaints:
        blocks += [Divider(), Paragraph(((text.HOME_NONE_OPEN,),))]
        return _dashboard("officer", blocks)
    # Each group takes a divider, its title and its hint; each complaint a line and actions.
    room = min(OFFICER_LISTED, (MAX_BLOCKS - len(blocks) - 4 * len(Todo)) // 2)
    for todo in Todo:
        shown = groups[todo][:room]
        room -= len(shown)
        blocks += _group(todo, groups[todo], shown, now, calendar, actions)
    return _dashboard("officer", blocks)


def _group(
    todo: Todo,
    complaints: list[Complaint],
    shown: list[Complaint],
    now: dt.datetime,
    calendar: WorkCalendar,
    actions: Callable[[Complaint], list[Action]],
) -> list[Block]:
    """One group of the to-do list: its title with its count, what it holds, and its
    complaints with their actions (those that do not fit summarised with a count)."""
    title = fill(text.COUNTED, title=strong(text.HOME_GROUPS[todo]), count=len(complaints))
    if not complaints:
        return [Divider(), Paragraph((title,)), Subtle(((text.HOME_GROUP_EMPTY,),))]
    blocks: list[Block] = [
        Divider(),
        Paragraph((title,)),
        Subtle(((text.HOME_GROUP_HINTS[todo],),)),
    ]
    for complaint in shown:
        line = complaint_line(complaint, now, calendar, contact_details=True)
        blocks.append(Paragraph((line,)))
        buttons = actions(complaint)
        if buttons:
            blocks.append(actions_on(complaint, buttons))
    rest = len(complaints) - len(shown)
    if rest > 0:
        search = Command(text.SEARCH_COMMAND)
        more = fill(text.HOME_MORE, complaints=plural(rest, "open klacht"), search=search)
        blocks.append(Subtle((more,)))
    return blocks


def management_dashboard(
    key_figures: Sequence[Block] | None,
    escalations: Sequence[Complaint],
    open_escalations: int,
    now: dt.datetime,
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
                moment=Moment(complaint.contact_deadline, now=now),
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
        said = fill(slack_text.HOME_NO_REQUESTS, new=Command(""), help=Command("help"))
        return [Paragraph((said,))]
    asked = fill(
        slack_text.HOME_REQUESTS,
        asked=strong(slack_text.HOME_REQUESTS_ASKED),
        complaints=plural(len(entries), "klacht"),
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
