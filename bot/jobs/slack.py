"""Jobs that talk to Slack: delivering the outbox, the scheduled report steps, the reports
people asked for, and keeping the Home tabs current."""

from __future__ import annotations

import datetime as dt

from bot.jobs import notices
from bot.jobs.context import JobContext


def deliver_outbox(ctx: JobContext, now: dt.datetime) -> int:
    """Bring every complaint's root message and thread up to date (bot.slack.delivery)."""
    return ctx.deliverer.deliver_pending()


def run_report_steps(ctx: JobContext, now: dt.datetime) -> int:
    """The quarterly and yearly report steps due now (reports/schedule.py), in opening hours
    like every notice: after downtime a report does not reach management in the night."""
    from bot.slack.reports import run_report_steps as run_steps

    if not notices.within_opening_hours(ctx.calendar, now):
        return 0
    assert ctx.slack is not None
    return len(run_steps(ctx.slack, ctx.db, ctx.settings, now))


def answer_report_requests(ctx: JobContext, now: dt.datetime) -> int:
    """The reports asked for with `/klacht rapport` or the officer's modal: made, posted and
    uploaded here, at any hour (the person who asked is waiting)."""
    from bot.slack.reports import answer_report_requests as answer

    assert ctx.slack is not None
    return answer(ctx.service, ctx.slack, now)


def deliver_notifications(ctx: JobContext, now: dt.datetime) -> int:
    """Escalations and digests waiting in the notification ledger, in opening hours."""
    from bot.jobs.notices import within_opening_hours
    from bot.slack.notifications import deliver_notifications

    if not within_opening_hours(ctx.calendar, now):
        return 0
    assert ctx.slack is not None
    return deliver_notifications(ctx.service, ctx.slack, now)


def refresh_homes(ctx: JobContext, now: dt.datetime) -> int:
    """Republish the Homes of those who looked lately where they changed: what time alone
    changes (a complaint becoming overdue) and what another process did (a report posted by
    `clock`) reach them within a minute."""
    return ctx.homes.refresh_all()
