"""The management channel in Teams (TEAMS_MANAGEMENT_CHANNEL), from the clock: the escalations
and alerts waiting in the notification ledger for that channel, and the quarterly and yearly
reports (bot.teams.reports), scheduled or asked for. Each is a new post in the channel, as in
Slack: the escalations of one clock run are one post that mentions nobody, and what is
scheduled waits for opening hours."""

from __future__ import annotations

import datetime as dt

from bot.jobs import notices
from bot.jobs.context import JobContext
from bot.jobs.deadlines import escalation_delivered, escalation_failed
from bot.jobs.management import escalation_view, escalations_view, management_alert_view
from bot.jobs.notices import Notice
from bot.jobs.registry import DELIVERY, Job
from bot.jobs.reports import answer_requests
from bot.teams.connector import NotSent, Refused
from bot.teams.jobs import TEAMS, teams_of
from bot.teams.reports import chat, step_actions
from bot.teams.views import render
from reports.jobs import run_due_reports
from storage.models import Notification

LEASE = dt.timedelta(minutes=2)
ESCALATIONS = (Notice.ESCALATION.value, Notice.DECISION_ESCALATION.value)


def deliver_to_management(ctx: JobContext, now: dt.datetime) -> int:
    """Post the escalations and alerts waiting for the management channel; return how many."""
    channel = ctx.settings.teams_management_channel
    if channel is None or not notices.within_opening_hours(ctx.calendar, now):
        return 0
    teams = teams_of(ctx)
    service = ctx.service

    def escalate(rows: list[Notification]) -> None:
        view = (
            escalation_view(service, rows[0], now)
            if len(rows) == 1
            else escalations_view(service, rows, now)
        )
        try:
            teams.post_in_channel(channel, render.message(view))
        except NotSent as exc:
            # Each complaint's thread says whether management was told only once Teams answered.
            refused = isinstance(exc.outcome, Refused)
            for row in rows:
                escalation_failed(service, row, exc.outcome.code if refused else None)
            raise
        for row in rows:
            escalation_delivered(service, row)

    def alert(row: Notification) -> None:
        teams.post_in_channel(channel, render.message(management_alert_view(service, row, now)))

    to_channel = [channel]
    batched = notices.work_through_batches(
        service, now, ESCALATIONS, escalate, LEASE, recipients=to_channel
    )
    alerts = {Notice.MANAGEMENT_ALERT.value: alert}
    return batched + notices.work_through(service, now, alerts, LEASE, recipients=to_channel)


def run_report_steps(ctx: JobContext, now: dt.datetime) -> int:
    """The quarterly and yearly report steps due now (reports/schedule.py), in opening hours:
    after downtime a report does not reach management in the night."""
    if not notices.within_opening_hours(ctx.calendar, now):
        return 0
    teams = teams_of(ctx)
    actions = step_actions(teams)
    return len(run_due_reports(ctx.db, ctx.settings, now, actions))


def answer_report_requests(ctx: JobContext, now: dt.datetime) -> int:
    """The reports asked for (a period's, or one with the officer's text), at any hour: the
    person who asked is waiting."""
    return answer_requests(ctx.service, now, chat(teams_of(ctx)))


REPORTS_NEED = ("teams_management_channel", "teams_public_url")
JOBS: tuple[Job, ...] = (
    Job("teams_reports", run_report_steps, surface=TEAMS, needs=REPORTS_NEED),
    Job(
        "teams_report_requests",
        answer_report_requests,
        every=DELIVERY,
        surface=TEAMS,
        needs=REPORTS_NEED,
    ),
    Job(
        "teams_management",
        deliver_to_management,
        every=DELIVERY,
        surface=TEAMS,
        needs=("teams_management_channel",),
    ),
)
