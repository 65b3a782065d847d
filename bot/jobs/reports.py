"""The reports as every chat surface handles them: the scheduled steps (reports.jobs runs them:
make the report and show it to the officers, remind them, post it to management), the reports
people asked for (waiting in the notification ledger, reports.store.Request), and what posting
records. A surface hands in how it tells people and how it posts (Slack: a message and uploaded
files; Teams: a card with the charts and a link to the PDF).

Heavy modules (numpy, matplotlib) are imported only when a report is made.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from bot.service import ComplaintService
from bot.settings import Settings
from bot.views import reports as views
from bot.views.model import Message
from bot.workdays import WorkCalendar
from reports.jobs import Action
from reports.periods import parse_period
from reports.schedule import ADVICE_WAIT_DAYS, QUARTER_WAIT_DAYS, Due, Step, days_later
from reports.store import Report, ReportStore, Request, requested
from storage.db import Database
from storage.models import Notification

SYSTEM = "system"
# Making a year's report with its PDF takes seconds; the lease only guards against a process
# that died halfway, so it is long enough never to run out while one is still being made.
REQUEST_LEASE = dt.timedelta(minutes=15)
Post = Callable[[Report, dt.datetime], None]
TellOfficers = Callable[[Message], None]


@dataclass(frozen=True)
class Chat:
    """How a surface answers the reports people asked for: `post` a report to management,
    `tell` the person who asked (their id on the surface) a message, `confirm` to them where a
    posted report is; `resume` finds the report a failed earlier attempt half posted."""

    post: Post
    tell: Callable[[str, Message], None]
    confirm: Callable[[str, Report], None]
    resume: Callable[[Notification], Report | None] = lambda _row: None


def publish(db: Database, settings: Settings, report: Report, now: dt.datetime, post: Post) -> None:
    """Post `report` and record it as posted. A report of the whole period (made after it
    ended) also takes the scheduler's 'post' step, so the fallback does not post it again; an
    on-demand report of a period still running leaves that step to the scheduler."""
    from reports.schedule import step_key

    post(report, now)
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
        tell_officers(views.preview(report, post_at, now))

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


def answer_requests(service: ComplaintService, now: dt.datetime, chat: Chat) -> int:
    """Make and post what was asked (oldest first), each by one process once, and tell the
    person who asked where it is; return how many were answered."""
    from bot.jobs.notices import work_through

    def make_and_post(row: Notification) -> None:
        report = chat.resume(row) or _make(service, row, now, drawn=True)
        publish(service.db, service.settings, report, now, chat.post)
        chat.confirm(row.recipient, report)

    def make_and_preview(row: Notification) -> None:
        chat.tell(row.recipient, views.preview(_make(service, row, now), None, now))

    def publish_with_text(row: Notification) -> None:
        """The officer's text was submitted: post the report with it, unless it was posted
        after they submitted it (the scheduler's fallback, which took the text along)."""
        from reports.generate import load_report

        report = load_report(service.db, service.settings, int(requested(row.subject)))
        if report.posted_at is None or report.posted_at < row.due_at:
            publish(service.db, service.settings, report, now, chat.post)
        chat.confirm(row.recipient, report)

    handlers: dict[Request, Callable[[Notification], None]] = {
        Request.POST: make_and_post,
        Request.PREVIEW: make_and_preview,
        Request.PUBLISH: publish_with_text,
    }
    return work_through(service, now, handlers, REQUEST_LEASE)


def _make(
    service: ComplaintService, row: Notification, now: dt.datetime, *, drawn: bool = False
) -> Report:
    from reports.generate import make_report

    period = parse_period(requested(row.subject), service.settings.tz)
    return make_report(service.db, service.settings, period, now, row.recipient, drawn=drawn)
