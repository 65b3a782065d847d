"""`/klacht K-2026-0001 historie`: every event of a complaint, oldest first."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from bot.procedure import Complaint, Event, EventKind, Role
from bot.procedure.history import CHANGES_KEY
from bot.procedure.privacy import visible_to
from bot.readable import history_lines
from bot.texts import privacy as text
from bot.views.excerpts import truncate
from bot.views.model import Block, Code, Heading, Line, Message, Paragraph, Subtle
from bot.views.spans import fill, strong

# A message holds 50 blocks in Slack: a heading, up to 47 events and a closing line.
MAX_EVENTS = 47
DETAIL_CHARS = 300
# What passes between the officer and one employee: the officer's message to them, their
# answer, the reason they declined. The employee is told only the officer reads it.
BETWEEN_OFFICER_AND_EMPLOYEE: dict[EventKind, tuple[str, ...]] = {
    EventKind.DISCUSSION_REQUESTED: ("message",),
    EventKind.EMPLOYEE_RESPONDED: ("account", "cause", "proposal"),
    EventKind.EMPLOYEE_DECLINED: ("reason",),
}
# The complaint's field that keeps the first answer (its change is recorded in the history).
PRIVATE_FIELDS = ("employee_response",)


def history(
    complaint: Complaint, role: Role, now: dt.datetime, viewer: str | None = None
) -> Message:
    """Every event, oldest first (the newest are cut with a pointer to the command line when
    there are too many). Management reads how it was handled, not who complained nor what an
    employee and the officer said to each other; an employee (`viewer`) only their own part."""
    reference = complaint.reference or "?"
    title = text.HISTORY_TITLE.format(reference=reference)
    lines = history_lines(for_audience(complaint, role, viewer), now.date())
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


def for_audience(complaint: Complaint, role: Role, viewer: str | None = None) -> Complaint:
    """The complaint as `role` may read its history: the officer all of it; management and
    employees without the complainant's contact details or words (`visible_to`), and without
    the words between the officer and an employee, except an employee's own (`viewer`)."""
    shown = visible_to(complaint, role)
    if role is Role.OFFICER:
        return shown
    events = tuple(_private_left_out(event, role, viewer) for event in shown.events)
    return replace(shown, events=events, employee_response=None)


def _private_left_out(event: Event, role: Role, viewer: str | None) -> Event:
    private = BETWEEN_OFFICER_AND_EMPLOYEE.get(event.kind, ())
    if role is Role.EMPLOYEE and viewer and private and _own(event, viewer):
        return event
    data = {k: v for k, v in event.data.items() if k not in private}
    changes = data.get(CHANGES_KEY)
    if isinstance(changes, dict):
        data[CHANGES_KEY] = {k: v for k, v in changes.items() if k not in PRIVATE_FIELDS}
    return replace(event, data=data)


def _own(event: Event, viewer: str) -> bool:
    """The employee's own answer or decline, or the officer's message to them."""
    if event.kind is EventKind.DISCUSSION_REQUESTED:
        return viewer in event.data.get("employee_ids", ())
    return event.actor_id == viewer
