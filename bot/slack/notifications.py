"""Posting the ledger's waiting notifications (escalations, digests) to their channel or person,
and the one loop every job that works through the ledger uses (`work_through`).

Each is leased (storage.claims.lease) so one process posts it; `sent_at` is written right after
Slack accepted it. A failure keeps it waiting with a growing pause, and is raised so the job
runner counts it: never dropped, never posted twice by two processes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy import or_, select, update

from bot.jobs.digest import ignored_lately, old_open_complaints
from bot.jobs.notices import Notice, officer_mentions
from bot.procedure.signals import alerts_of
from bot.service import ComplaintService
from bot.slack.views import render
from bot.views.notices import digest, escalation, management_alert
from bot.views.people import notice_mentions
from storage.claims import lease
from storage.complaints import ComplaintStore
from storage.models import Notification

LEASE = dt.timedelta(minutes=2)
BATCH = 50
Render = Callable[[ComplaintService, Notification, dt.datetime], dict[str, Any]]


def deliver_notifications(service: ComplaintService, client: WebClient, now: dt.datetime) -> int:
    """Post what waits, oldest due first; return how many were posted."""

    def post(row: Notification) -> None:
        message = RENDER[Notice(row.kind)](service, row, now)
        client.chat_postMessage(channel=row.recipient, **message)

    return work_through(service, now, {kind.value: post for kind in RENDER}, LEASE)


def work_through(
    service: ComplaintService,
    now: dt.datetime,
    handlers: Mapping[str, Callable[[Notification], None]],
    lease_for: dt.timedelta,
) -> int:
    """Lease the waiting notifications of the `handlers`' kinds (oldest due first), hand each
    to its kind's handler and mark it sent; return how many were handled. A failing one waits
    with a growing pause, the rest of the batch is released, and the error is raised."""
    with service.db.session() as session:
        waiting = (
            select(Notification)
            .where(
                Notification.sent_at.is_(None),
                Notification.kind.in_(list(handlers)),
                or_(Notification.next_attempt_at.is_(None), Notification.next_attempt_at <= now),
                or_(Notification.claimed_until.is_(None), Notification.claimed_until < now),
            )
            .order_by(Notification.due_at, Notification.id)
            .limit(BATCH)
        )
        rows = lease(
            session,
            waiting,
            of=Notification,
            until=Notification.claimed_until,
            until_value=now + lease_for,
        )
    handled = 0
    for index, row in enumerate(rows):
        try:
            handlers[row.kind](row)
        except Exception as exc:
            _defer(service, row, now, exc)
            _release(service, [other.id for other in rows[index + 1 :]])
            raise
        _mark_sent(service, row.id, service.now())
        handled += 1
    return handled


def backoff(attempts: int) -> dt.timedelta:
    return min(dt.timedelta(seconds=30) * 2 ** max(attempts - 1, 0), dt.timedelta(minutes=30))


def _defer(service: ComplaintService, row: Notification, now: dt.datetime, exc: Exception) -> None:
    code = exc.response.get("error") if isinstance(exc, SlackApiError) else type(exc).__name__
    with service.db.session() as session:
        session.execute(
            update(Notification)
            .where(Notification.id == row.id)
            .values(
                attempts=row.attempts + 1,
                next_attempt_at=now + backoff(row.attempts + 1),
                claimed_until=None,
                last_error=str(code)[:80],
            )
        )


def _release(service: ComplaintService, ids: list[int]) -> None:
    if ids:
        with service.db.session() as session:
            session.execute(
                update(Notification).where(Notification.id.in_(ids)).values(claimed_until=None)
            )


def _mark_sent(service: ComplaintService, notification_id: int, at: dt.datetime) -> None:
    with service.db.session() as session:
        session.execute(
            update(Notification)
            .where(Notification.id == notification_id)
            .values(sent_at=at, claimed_until=None, last_error=None)
        )


def _escalation(service: ComplaintService, row: Notification, now: dt.datetime) -> dict[str, Any]:
    assert row.complaint_id is not None
    with service.db.session() as session:
        complaint = ComplaintStore(session, service.settings.tz).get_by_id(row.complaint_id)
    officers = notice_mentions(officer_mentions(service.settings))
    decision = row.kind == Notice.DECISION_ESCALATION.value
    return render.message(escalation(complaint, row.due_at, now, officers, decision=decision))


def _management_alert(
    service: ComplaintService, row: Notification, now: dt.datetime
) -> dict[str, Any]:
    assert row.complaint_id is not None
    with service.db.session() as session:
        complaint = ComplaintStore(session, service.settings.tz).get_by_id(row.complaint_id)
    raised = [e for e in complaint.events if e.at == row.due_at and alerts_of(e)]
    signals = [signal.value for event in raised[-1:] for signal in alerts_of(event)]
    officers = notice_mentions(officer_mentions(service.settings))
    return render.message(management_alert(complaint, signals, officers))


def _digest(service: ComplaintService, row: Notification, now: dt.datetime) -> dict[str, Any]:
    entries, total = old_open_complaints(service, now)
    ignored = ignored_lately(service, now)
    return render.message(digest(entries, total, service.settings.open_digest_days, ignored))


RENDER: dict[Notice, Render] = {
    Notice.ESCALATION: _escalation,
    Notice.DECISION_ESCALATION: _escalation,
    Notice.WEEKLY_DIGEST: _digest,
    Notice.MANAGEMENT_ALERT: _management_alert,
}
