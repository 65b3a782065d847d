"""The notification ledger as jobs use it: claim a notice once, in the deciding transaction.

A notice about a complaint that belongs in its thread is recorded as a WARNING_SENT event on
the complaint, naming whom it mentions as data (the chat outbox posts it into the thread and
updates the root message, exactly once, and the history shows it). A notice for someone else
(management's channel, a DM) waits in the ledger until the notification delivery job posts it.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, exists
from sqlalchemy.orm import Session

from bot.procedure import Complaint, EventKind, steps
from bot.procedure.people import Person, Surface
from bot.settings import Settings
from bot.workdays import WorkCalendar
from storage.claims import insert_once
from storage.models import NOTIFICATION_KEY, ComplaintRow, Notification

THREAD = "thread"
# A deadline falls at closing time: its notice may still go out just after closing. Later it
# waits for the next opening hour, like everything that falls due at night or in a weekend.
CLOSING_GRACE = dt.timedelta(minutes=15)


class Notice(StrEnum):
    PRE_WARNING = "pre_warning"
    OVERDUE = "overdue"
    ESCALATION = "escalation"
    EFFECTIVENESS_CHECK = "effectiveness_check"
    WEEKLY_DIGEST = "weekly_digest"


def within_opening_hours(calendar: WorkCalendar, now: dt.datetime) -> bool:
    """Whether notices may go out now: a working day, from opening until just after closing."""
    if calendar.is_open(now):
        return True
    local = now.astimezone(calendar.tz)
    closing = dt.datetime.combine(local.date(), calendar.business_day_end, tzinfo=calendar.tz)
    return calendar.is_working_day(local.date()) and closing <= local < closing + CLOSING_GRACE


def opening_on(calendar: WorkCalendar, day: dt.date) -> dt.datetime:
    """Opening time on `day` (the due moment of a morning notice)."""
    return dt.datetime.combine(day, calendar.business_day_start, tzinfo=calendar.tz)


def subject_of(complaint_id: int) -> str:
    return f"complaint:{complaint_id}"


def not_yet(kind: Notice, since: Any = None) -> ColumnElement[bool]:
    """SQL: no notice of `kind` has been decided for the complaint row (since the moment in
    the column `since`, when given)."""
    decided = exists().where(
        Notification.complaint_id == ComplaintRow.id, Notification.kind == kind.value
    )
    if since is not None:
        decided = decided.where(Notification.created_at >= since)
    return ~decided


def claim(
    session: Session,
    kind: Notice,
    subject: str,
    due_at: dt.datetime,
    now: dt.datetime,
    *,
    recipient: str = THREAD,
    complaint_id: int | None = None,
) -> bool:
    """Claim one notification; False when it was decided before (another process, a tick)."""
    values = {
        "subject": subject,
        "kind": kind.value,
        "due_at": due_at,
        "recipient": recipient,
        "complaint_id": complaint_id,
        "created_at": now,
        "sent_at": now if recipient == THREAD else None,
        "attempts": 0,
    }
    return insert_once(session, Notification, values, NOTIFICATION_KEY)


def thread_notice(
    session: Session,
    complaint: Complaint,
    kind: Notice,
    due_at: dt.datetime,
    now: dt.datetime,
    settings: Settings,
) -> Complaint | None:
    """Claim a notice in the complaint's thread; the complaint with its WARNING_SENT event, or
    None when it was decided before."""
    assert complaint.id is not None
    if not claim(session, kind, subject_of(complaint.id), due_at, now, complaint_id=complaint.id):
        return None
    data = {
        "notice": kind.value,
        "due_at": due_at.isoformat(),
        "mention": officer_mentions(settings),
    }
    return steps.record_fact(complaint, EventKind.WARNING_SENT, now=now, data=data)


def officer_mentions(settings: Settings) -> list[dict[str, str]]:
    """Whom a notice mentions, as data (the renderer writes the mention): each officer as a
    person (bot.procedure.people) and their user group, when one is set, as {"group": id}.
    The ids are the chat surface's (OFFICER_USER_IDS, OFFICER_USERGROUP: Slack's)."""
    mentioned = [Person(Surface.SLACK, user).to_json() for user in settings.officer_user_ids]
    if settings.officer_usergroup:
        mentioned.append({"surface": Surface.SLACK.value, "group": settings.officer_usergroup})
    return mentioned
