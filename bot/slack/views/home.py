"""App Home per role: the officer's open complaints (most urgent first), an employee's open
discussion requests with their buttons (anyone's, when they have some), management's latest
quarterly key figures."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bot.procedure import Complaint, Role
from bot.slack.views.blocks import context, escape, header, section, truncate
from bot.texts import STATE_LABELS, moment_in_words
from bot.texts import slack as text

Blocks = list[dict[str, Any]]
MAX_BLOCKS = 100  # of a Home view
MAX_LISTED = 40  # two blocks each
MAX_REQUESTS = 15  # two blocks each (a line and the buttons)


def home_view(
    role: Role,
    complaints: list[Complaint],
    now: dt.datetime,
    report_blocks: Blocks | None = None,
    requests: list[Blocks] | None = None,
) -> dict[str, Any]:
    """`complaints`: the officer's open ones; `requests`: the discussion requests waiting for
    this person (their entries with buttons), shown first; for an employee, all there is."""
    blocks = [header(text.HOME_TITLE)]
    if requests or role is Role.EMPLOYEE:
        blocks += _requests(requests or [])
    if role is Role.MANAGEMENT:
        blocks += report_blocks or [section(text.HOME_NO_REPORT)]
    elif role is Role.OFFICER:
        room = min(MAX_LISTED, (MAX_BLOCKS - len(blocks) - 2) // 2)
        blocks += _listing(complaints, now, room)
    return {"type": "home", "blocks": blocks[:MAX_BLOCKS]}


def _requests(entries: list[Blocks]) -> Blocks:
    if not entries:
        return [section(text.HOME_NO_REQUESTS)]
    blocks = [section(text.HOME_REQUESTS.format(count=len(entries)))]
    for entry in entries[:MAX_REQUESTS]:
        blocks += entry
    if len(entries) > MAX_REQUESTS:
        blocks.append(context(text.HOME_MORE.format(count=len(entries) - MAX_REQUESTS)))
    return blocks


def _listing(complaints: list[Complaint], now: dt.datetime, room: int) -> Blocks:
    if not complaints:
        return [section(text.HOME_NONE_OPEN)]
    blocks = [section(text.HOME_OPEN.format(count=len(complaints)))]
    for complaint in complaints[:room]:
        blocks += _complaint_lines(complaint, now)
    if len(complaints) > room:
        blocks.append(context(text.HOME_MORE.format(count=len(complaints) - room)))
    return blocks


def _complaint_lines(complaint: Complaint, now: dt.datetime) -> list[dict[str, Any]]:
    subject = escape(truncate(complaint.subject.strip() or text.NO_SUBJECT, 150))
    state = STATE_LABELS[complaint.state]
    deadline = moment_in_words(complaint.contact_deadline)
    overdue = complaint.contacted_at is None and now >= complaint.contact_deadline
    marker = ":warning: " if overdue else ""
    return [
        section(f"*{complaint.reference}* · {state}\n{subject}"),
        context(f"{marker}{text.FIELD_DEADLINE}: {deadline}"),
    ]
