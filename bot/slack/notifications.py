"""Posting the ledger's waiting notifications (escalations, digests) to their channel or person,
through the one loop every job that works through the ledger uses (`bot.jobs.notices.
work_through`, named here too for the report jobs).

Each is leased (storage.claims.lease) so one process posts it; `sent_at` is written right after
Slack accepted it. A failure keeps it waiting with a growing pause, and is raised so the job
runner counts it: never dropped, never posted twice by two processes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.jobs.deadlines import escalation_delivered, escalation_failed
from bot.jobs.digest import ignored_lately, old_open_complaints
from bot.jobs.notices import Notice, officer_mentions, work_through
from bot.procedure.signals import alerts_of
from bot.service import ComplaintService
from bot.slack.views import render
from bot.views.notices import digest, escalation, management_alert
from bot.views.people import notice_mentions
from storage.complaints import ComplaintStore
from storage.models import Notification

__all__ = ["LEASE", "deliver_notifications", "work_through"]

LEASE = dt.timedelta(minutes=2)
Render = Callable[[ComplaintService, Notification, dt.datetime], dict[str, Any]]


def deliver_notifications(service: ComplaintService, client: WebClient, now: dt.datetime) -> int:
    """Post what waits, oldest due first; return how many were posted."""

    def post(row: Notification) -> None:
        message = RENDER[Notice(row.kind)](service, row, now)
        if row.kind != Notice.ESCALATION:
            client.chat_postMessage(channel=row.recipient, **message)
            return
        # The complaint's thread says whether management was told only once Slack answered.
        try:
            client.chat_postMessage(channel=row.recipient, **message)
        except SlackApiError as exc:
            escalation_failed(service, row, exc.response.get("error"))
            raise
        except OSError:
            escalation_failed(service, row, None)
            raise
        escalation_delivered(service, row)

    return work_through(service, now, {kind.value: post for kind in RENDER}, LEASE)


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
