"""The management channel in Teams (TEAMS_MANAGEMENT_CHANNEL), from the clock: the quarterly and
yearly reports (bot.teams.reports), scheduled (in opening hours) or asked for (at any hour). The
escalations and alerts for the channel wait in the notification ledger for `teams_notifications`
(bot.teams.notifications), which posts them there."""

from __future__ import annotations

import datetime as dt

from bot.jobs import notices
from bot.jobs.context import JobContext
from bot.jobs.registry import DELIVERY, Job
from bot.jobs.reports import answer_requests
from bot.teams.jobs import TEAMS, teams_of
from bot.teams.reports import chat, step_actions
from reports.jobs import run_due_reports


def run_report_steps(ctx: JobContext, now: dt.datetime) -> int:
    """The quarterly and yearly report steps due now (reports/schedule.py), in opening hours:
    after downtime a report does not reach management in the night."""
    if not notices.within_opening_hours(ctx.calendar, now):
        return 0
    actions = step_actions(teams_of(ctx))
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
)
