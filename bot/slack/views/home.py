"""An employee's App Home: their open discussion requests (the officer's and management's
dashboards are in views/dashboards.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bot.procedure import Complaint
from bot.slack.views.blocks import context, escape, header, section, truncate
from bot.texts import STATE_LABELS, moment_in_words
from bot.texts import slack as text

MAX_LISTED = 40  # two blocks each, within the 100 blocks of a Home view


def employee_home(complaints: list[Complaint], now: dt.datetime) -> dict[str, Any]:
    """`complaints`: the employee's open discussion requests."""
    blocks = [header(text.HOME_TITLE)]
    blocks += _listing(complaints, now, text.HOME_REQUESTS, text.HOME_NO_REQUESTS)
    return {"type": "home", "blocks": blocks}


def _listing(
    complaints: list[Complaint], now: dt.datetime, title: str, empty: str
) -> list[dict[str, Any]]:
    if not complaints:
        return [section(empty)]
    blocks = [section(title.format(count=len(complaints)))]
    for complaint in complaints[:MAX_LISTED]:
        blocks += _complaint_lines(complaint, now)
    if len(complaints) > MAX_LISTED:
        blocks.append(context(text.HOME_MORE.format(count=len(complaints) - MAX_LISTED)))
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
