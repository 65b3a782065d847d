"""Posting the ledger's waiting notifications (escalations, digests) to their channel or person,
through the one loop every job that works through the ledger uses (`bot.jobs.notices.
work_through`, named here too for the report jobs).

Each is leased (storage.claims.lease) so one process posts it; `sent_at` is written right after
Slack accepted it. A failure keeps it waiting with a growing pause, and is raised so the job
runner counts it: never dropped, never posted twice by two processes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.jobs.deadlines import escalation_delivered, escalation_failed
from bot.jobs.notice_views import BATCHED, VIEWS, batch_view
from bot.jobs.notices import Notice, officer_mentions, work_through, work_through_batches
from bot.service import ComplaintService
from bot.slack.views import render
from storage.models import Notification

__all__ = ["LEASE", "deliver_notifications", "work_through"]

LEASE = dt.timedelta(minutes=2)


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

    officers = officer_mentions(service.settings)

    def post(row: Notification) -> None:
        confirmed([row], render.message(VIEWS[Notice(row.kind)](service, row, now, officers)))

    def post_batch(rows: list[Notification]) -> None:
        confirmed(rows, render.message(batch_view(service, rows, now, officers)))

    batched = work_through_batches(service, now, BATCHED, post_batch, LEASE)
    rest = {kind.value: post for kind in VIEWS if kind.value not in BATCHED}
    return batched + work_through(service, now, rest, LEASE)
