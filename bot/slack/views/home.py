"""App Home: the officer sees the open complaints, most urgent first; others a short note.

The full dashboard (per role) is a later issue; this keeps the Home tab useful meanwhile.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from bot.procedure import Complaint, Role
from bot.slack.views.blocks import context, escape, header, section, truncate
from bot.texts import STATE_LABELS, moment_in_words
from bot.texts import slack as text

MAX_LISTED = 40  # two blocks each, within the 100 blocks of a Home view


def home_view(role: Role, complaints: list[Complaint], now: dt.datetime) -> dict[str, Any]:
    blocks = [header(text.HOME_TITLE)]
    if role is not Role.OFFICER:
        blocks.append(section(text.HOME_NOT_OFFICER))
        return {"type": "home", "blocks": blocks}
    if not complaints:
        blocks.append(section(text.HOME_NONE_OPEN))
        return {"type": "home", "blocks": blocks}
    blocks.append(section(text.HOME_OPEN.format(count=len(complaints))))
    for complaint in complaints[:MAX_LISTED]:
        blocks += _complaint_lines(complaint, now)
    if len(complaints) > MAX_LISTED:
        blocks.append(context(text.HOME_MORE.format(count=len(complaints) - MAX_LISTED)))
    return {"type": "home", "blocks": blocks}


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
