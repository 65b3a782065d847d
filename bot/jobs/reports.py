"""The scheduled report steps as every chat surface takes them (reports.jobs runs them): make
the report and show it to the officers, remind them, post it to management; and what posting
records. A surface hands in how it tells the officers and how it posts (Slack: a message and
uploaded files; Teams: a card with the charts and a link to the PDF).

Heavy modules (numpy, matplotlib) are imported only when a report is made.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

from bot.settings import Settings
from bot.views import reports as views
from bot.views.model import Message
from bot.workdays import WorkCalendar
from reports.jobs import Action
from reports.periods import parse_period
from reports.schedule import ADVICE_WAIT_DAYS, QUARTER_WAIT_DAYS, Due, Step, days_later
from reports.store import Report, ReportStore
from storage.db import Database

SYSTEM = "system"
Post = Callable[[Report], None]
TellOfficers = Callable[[Message], None]


def publish(db: Database, settings: Settings, report: Report, now: dt.datetime, post: Post) -> None:
    """Post `report` and record it as posted. A report of the whole period (made after it
    ended) also takes the scheduler's 'post' step, so the fallback does not post it again; an
    on-demand report of a period still running leaves that step to the scheduler."""
    from reports.schedule import step_key

    post(report)
    complete = report.generated_at >= parse_period(report.period, settings.tz).end
    with db.session() as session:
        store = ReportStore(session, settings.tz)
        assert report.id is not None
        store.mark_posted(report.id, now)
        if complete:
            store.claim(step_key(Step.POST, report.period), now)


def step_actions(
    db: Database, settings: Settings, tell_officers: TellOfficers, post: Post
) -> Mapping[Step, Action]:
    def prepare(due: Due, now: dt.datetime) -> None:
        """Make the report and show it to each officer, for their analysis or advice."""
        from reports.generate import make_report

        period = parse_period(due.period, settings.tz)
        report = make_report(db, settings, period, now, SYSTEM)
        wait = ADVICE_WAIT_DAYS if period.is_year else QUARTER_WAIT_DAYS
        post_at = days_later(WorkCalendar.from_settings(settings), now, wait)
        tell_officers(views.preview(report, post_at))

    def remind(due: Due, now: dt.datetime) -> None:
        report = unposted(db, settings, due)
        if report is not None:
            tell_officers(views.reminder(report))

    def post_it(due: Due, now: dt.datetime) -> None:
        """The officer did not answer in time: post the report as it was made, without text."""
        report = unposted(db, settings, due)
        if report is not None:
            publish(db, settings, report, now, post)

    return {Step.PREPARE: prepare, Step.REMIND: remind, Step.POST: post_it}


def unposted(db: Database, settings: Settings, due: Due) -> Report | None:
    with db.session() as session:
        return ReportStore(session, settings.tz).latest(due.period, posted=False)
