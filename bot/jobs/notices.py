"""The notification ledger as jobs use it: claim a notice once, in the deciding transaction.

A notice about a complaint that belongs in its thread is recorded as a WARNING_SENT event on
the complaint, naming whom it mentions as data (the chat outbox posts it into the thread and
updates the root message, exactly once, and the history shows it). A notice for someone else
(management's channel, a DM) waits in the ledger until the notification delivery job posts it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, exists, select
from sqlalchemy.orm import Session

from bot.procedure import Complaint, Event, EventKind, steps
from bot.procedure.people import Person, Surface
from bot.procedure.signals import alerts_of
from bot.settings import Settings
from bot.workdays import WorkCalendar
from storage.claims import insert_once
from storage.models import NOTIFICATION_KEY, ComplaintRow, Notification
from storage.queue import Backoff, Queue

if TYPE_CHECKING:
    from bot.service import ComplaintService

THREAD = "thread"
# A deadline falls at closing time: its notice may still go out just after closing. Later it
# waits for the next opening hour, like everything that falls due at night or in a weekend.
CLOSING_GRACE = dt.timedelta(minutes=15)


class Notice(StrEnum):
    PRE_WARNING = "pre_warning"
    OVERDUE = "overdue"
    ESCALATION = "escalation"
    # In the thread, after the escalation's delivery: it reached management, or it did not.
    ESCALATED = "escalated"
    ESCALATION_FAILED = "escalation_failed"
    EFFECTIVENESS_CHECK = "effectiveness_check"
    WEEKLY_DIGEST = "weekly_digest"
    # The same for decision deadlines (bot.procedure.terms.DecisionNotice has the first two).
    DECISION_PRE_WARNING = "decision_pre_warning"
    DECISION_OVERDUE = "decision_overdue"
    DECISION_ESCALATION = "decision_escalation"
    # Severity hoog or a signal of discrimination: management hears of it at once.
    MANAGEMENT_ALERT = "management_alert"
    # A letter to the complainant waiting for the SMTP server (bot.correspondence).
    LETTER = "letter"
    # A letter to a complainant without e-mail address, shown to the officer in the thread to
    # print and post (bot.correspondence).
    LETTER_TO_POST = "letter_to_post"
    # Several deadline notices due in one clock run: one list to each officer (one ledger row
    # per complaint and officer, its subject naming the notice; delivered together).
    OFFICER_LIST = "officer_list"


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


def decided(
    session: Session, complaint_ids: list[int], kind: Notice
) -> set[tuple[int, Notice, dt.datetime]]:
    """The notices of `kind` decided for these complaints: (complaint id, kind, due at)."""
    if not complaint_ids:
        return set()
    rows = session.execute(
        select(Notification.complaint_id, Notification.due_at).where(
            Notification.complaint_id.in_(complaint_ids), Notification.kind == kind.value
        )
    )
    return {(complaint_id, kind, due_at) for complaint_id, due_at in rows}


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
    *,
    mention: bool = True,
    **extra: object,
) -> Complaint | None:
    """Claim a notice in the complaint's thread; the complaint with its WARNING_SENT event, or
    None when it was decided before. `extra` goes into the event's data. Without `mention` the
    post mentions nobody (the officers get the notice in their list)."""
    assert complaint.id is not None
    if not claim(session, kind, subject_of(complaint.id), due_at, now, complaint_id=complaint.id):
        return None
    data = {
        "notice": kind.value,
        "due_at": due_at.isoformat(),
        "mention": officer_mentions(settings) if mention else [],
        **extra,
    }
    return steps.record_fact(complaint, EventKind.WARNING_SENT, now=now, data=data)


def alert_management(
    session: Session, complaint: Complaint, events: Sequence[Event], settings: Settings
) -> int:
    """Claim the management alert of each of `events` that raised a signal (severity hoog,
    discrimination), to the management channel, or without one to each named member of
    management; the notification job posts it. Returns how many were claimed."""
    channel = settings.platform_management_channel
    recipients = [channel] if channel else settings.platform_management_ids
    claimed = 0
    for event in events:
        if not alerts_of(event) or complaint.id is None:
            continue
        for recipient in recipients:
            claimed += claim(
                session,
                Notice.MANAGEMENT_ALERT,
                subject_of(complaint.id),
                event.at,
                event.at,
                recipient=recipient,
                complaint_id=complaint.id,
            )
    return claimed


def officer_mentions(settings: Settings) -> list[dict[str, str]]:
    """Whom a notice mentions, as data (the renderer writes the mention): each officer as a
    person (bot.procedure.people) on the chat platform in use, and on Slack their user group,
    when one is set, as {"group": id}."""
    if settings.chat_platform == "teams":
        return [Person(Surface.TEAMS, officer).to_json() for officer in settings.teams_officer_ids]
    mentioned = [Person(Surface.SLACK, user).to_json() for user in settings.officer_user_ids]
    if settings.officer_usergroup:
        mentioned.append({"surface": Surface.SLACK.value, "group": settings.officer_usergroup})
    return mentioned


# -- the one loop through the ledger ------------------------------------------------------------
# Each waiting notification is leased (the ledger is a storage.queue.Queue) so one process
# handles it; `sent_at` is written right after its handler succeeded. A failure keeps it waiting
# with a growing pause, and is raised so the job runner counts it: never dropped, never handled
# twice.

BATCH = 50


def work_through(
    service: ComplaintService,
    now: dt.datetime,
    handlers: Mapping[str, Callable[[Notification], None]],
    lease_for: dt.timedelta,
) -> int:
    """Lease the waiting notifications of the `handlers`' kinds (oldest due first), hand each
    to its kind's handler and mark it sent; return how many were handled. A failing one waits
    with a growing pause, the rest of the batch is released, and the error is raised."""
    queue = ledger(lease_for)
    rows = _leased(service, queue, now, list(handlers))
    handled = 0
    for index, row in enumerate(rows):
        try:
            handlers[row.kind](row)
        except Exception as exc:
            _defer(service, queue, row, now, exc)
            _release(service, queue, [other.id for other in rows[index + 1 :]])
            raise
        _mark_sent(service, queue, row.id, service.now())
        handled += 1
    return handled


def work_through_batches(
    service: ComplaintService,
    now: dt.datetime,
    kinds: Sequence[str],
    handler: Callable[[list[Notification]], None],
    lease_for: dt.timedelta,
) -> int:
    """Like `work_through`, but the waiting notifications of one kind for one recipient go to
    `handler` together, as one message (eight escalations due in one clock run are one post,
    not eight); return how many notifications were handled. A failing batch waits as a whole."""
    queue = ledger(lease_for)
    rows = _leased(service, queue, now, list(kinds))
    batches: dict[tuple[str, str], list[Notification]] = {}
    for row in rows:
        batches.setdefault((row.kind, row.recipient), []).append(row)
    handled = 0
    pending = [row.id for row in rows]
    for batch in batches.values():
        try:
            handler(batch)
        except Exception as exc:
            for row in batch:
                _defer(service, queue, row, now, exc)
            done = {row.id for row in batch}
            _release(service, queue, [other for other in pending if other not in done])
            raise
        sent_at = service.now()
        for row in batch:
            _mark_sent(service, queue, row.id, sent_at)
            pending.remove(row.id)
        handled += len(batch)
    return handled


# A failed notice waits 30 s, then twice as long each time, at most half an hour.
BACKOFF = Backoff(first=dt.timedelta(seconds=30), longest=dt.timedelta(minutes=30))


def ledger(lease_for: dt.timedelta) -> Queue[Notification]:
    """The notifications not sent yet, as a queue (storage.queue) whose leases last
    `lease_for`."""
    return Queue(
        Notification,
        Notification.id,
        backoff=BACKOFF,
        lease_for=lease_for,
        scope=(Notification.sent_at.is_(None),),
    )


def _leased(
    service: ComplaintService, queue: Queue[Notification], now: dt.datetime, kinds: list[str]
) -> list[Notification]:
    """The waiting notifications of `kinds` (oldest due first, at most BATCH), leased to this
    process."""
    with service.db.session() as session:
        waiting = (
            select(Notification)
            .where(Notification.kind.in_(kinds))
            .order_by(Notification.due_at, Notification.id)
            .limit(BATCH)
        )
        return queue.claim(session, waiting, now)


def _defer(
    service: ComplaintService,
    queue: Queue[Notification],
    row: Notification,
    now: dt.datetime,
    exc: Exception,
) -> None:
    response = getattr(exc, "response", None)  # a chat surface's error names its code
    code = response.get("error") if hasattr(response, "get") else None
    code = code or f"{type(exc).__name__} {getattr(exc, 'smtp_code', '')}".strip()
    with service.db.session() as session:
        queue.defer(session, row.id, attempts=row.attempts + 1, error=str(code)[:80], now=now)


def _release(service: ComplaintService, queue: Queue[Notification], ids: list[int]) -> None:
    with service.db.session() as session:
        queue.release(session, ids)


def _mark_sent(
    service: ComplaintService, queue: Queue[Notification], notification_id: int, at: dt.datetime
) -> None:
    with service.db.session() as session:
        queue.done(session, notification_id, sent_at=at, last_error=None)
