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
from bot.jobs.management import escalation_view, escalations_view, management_alert_view
from bot.jobs.notices import Notice, work_through, work_through_batches
from bot.procedure import Complaint
from bot.service import ComplaintService
from bot.slack.views import render
from bot.views.notices import digest, officer_list
from storage.complaints import ComplaintStore
from storage.models import Notification

__all__ = ["LEASE", "deliver_notifications", "work_through"]

LEASE = dt.timedelta(minutes=2)
Render = Callable[[ComplaintService, Notification, dt.datetime], dict[str, Any]]


def deliver_notifications(service: ComplaintService, client: WebClient, now: dt.datetime) -> int:
    """Post what waits, oldest due first; return how many were posted."""

    def confirmed(rows: list[Notification], message: dict[str, Any]) -> None:
        if rows[0].kind != Notice.ESCALATION:
            client.chat_postMessage(channel=rows[0].recipient, **message)
            return
        # Each complaint's thread says whether management was told only once Slack answered.
        try:
            client.chat_postMessage(channel=rows[0].recipient, **message)
        except SlackApiError as exc:
            for row in rows:
                escalation_failed(service, row, exc.response.get("error"))
            raise
        except OSError:
            for row in rows:
                escalation_failed(service, row, None)
            raise
        for row in rows:
            escalation_delivered(service, row)

    def post(row: Notification) -> None:
        confirmed([row], RENDER[Notice(row.kind)](service, row, now))

    def post_batch(rows: list[Notification]) -> None:
        if rows[0].kind == Notice.OFFICER_LIST.value:
            confirmed(rows, _officer_list(service, rows))
        elif len(rows) == 1:
            post(rows[0])
        else:
            confirmed(rows, _escalations(service, rows, now))

    batched = work_through_batches(service, now, BATCHED, post_batch, LEASE)
    rest = {kind.value: post for kind in RENDER if kind.value not in BATCHED}
    return batched + work_through(service, now, rest, LEASE)


def _escalation(service: ComplaintService, row: Notification, now: dt.datetime) -> dict[str, Any]:
    return render.message(escalation_view(service, row, now))


def _escalations(
    service: ComplaintService, rows: list[Notification], now: dt.datetime
) -> dict[str, Any]:
    return render.message(escalations_view(service, rows, now))


def _officer_list(service: ComplaintService, rows: list[Notification]) -> dict[str, Any]:
    """The deadline notices of one clock run, as one list to one officer."""
    with service.db.session() as session:
        store = ComplaintStore(session, service.settings.tz)
        due = [
            (
                store.get_by_id(row.complaint_id).reference or "?",
                row.subject.rsplit(":", 1)[1],
                _deadline(store.get_by_id(row.complaint_id), row),
            )
            for row in rows
        ]
    return render.message(officer_list(due))


def _deadline(complaint: Complaint, row: Notification) -> dt.datetime:
    """The deadline a notice is about: a pre-warning is due at opening, about the deadline."""
    notice = row.subject.rsplit(":", 1)[1]
    if notice == Notice.PRE_WARNING.value:
        return complaint.contact_deadline
    if notice == Notice.DECISION_PRE_WARNING.value:
        return complaint.decision_deadline or row.due_at
    return row.due_at.astimezone(complaint.contact_deadline.tzinfo)


def _management_alert(
    service: ComplaintService, row: Notification, now: dt.datetime
) -> dict[str, Any]:
    return render.message(management_alert_view(service, row, now))


def _digest(service: ComplaintService, row: Notification, now: dt.datetime) -> dict[str, Any]:
    entries, total = old_open_complaints(service, now)
    ignored = ignored_lately(service, now)
    return render.message(digest(entries, total, service.settings.open_digest_days, ignored))


# Escalations due in one clock run reach each recipient as one message.
BATCHED = (
    Notice.ESCALATION.value,
    Notice.DECISION_ESCALATION.value,
    Notice.OFFICER_LIST.value,
)
RENDER: dict[Notice, Render] = {
    Notice.ESCALATION: _escalation,
    Notice.DECISION_ESCALATION: _escalation,
    Notice.WEEKLY_DIGEST: _digest,
    Notice.MANAGEMENT_ALERT: _management_alert,
}
