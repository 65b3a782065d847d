"""Posting the reports to Slack, from the job runner only: the summary and files in the
management channel, the officers' direct messages for the scheduled steps, and the reports
people asked for with `/klacht rapport` or the officer's modal (waiting in the notification
ledger, see reports.store.Request). Making a report (matplotlib, PDF) and uploading its files
is slow: it never runs in the threads that answer Slack.

Heavy modules (numpy, matplotlib) are imported only when a report is made.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Mapping
from functools import partial
from pathlib import Path

from slack_sdk import WebClient

from bot.jobs import reports as shared
from bot.service import ComplaintService
from bot.settings import Settings
from bot.slack.actors import officer_ids
from bot.slack.views import render
from bot.texts import reports as text
from bot.views import reports as views
from bot.views.model import Message
from reports.jobs import Action, run_due_reports
from reports.schedule import Due, Step
from reports.store import Report, ReportStore, requested
from storage.db import Database
from storage.models import Notification


def report_files(db: Database, settings: Settings, report: Report, folder: Path) -> list[Path]:
    """What is uploaded with the summary: the charts, the CSV and, for a year, the PDF."""
    from reports.files import write_report_files

    files = write_report_files(db, settings, report, folder)
    return [path for path in files if path.name != text.SUMMARY_FILE]


def post_report(
    client: WebClient, db: Database, settings: Settings, report: Report, now: dt.datetime
) -> str:
    """Post the summary to MANAGEMENT_CHANNEL and upload the files; returns the message ts.
    The summary's ts is stored at once, so a retry after a failed upload uploads the files
    without posting the summary a second time (`publish` clears it when all is up)."""
    settings.require("management_channel")
    assert report.id is not None
    channel = settings.management_channel
    ts = report.summary_ts
    if ts is None:
        posted = client.chat_postMessage(
            channel=channel, **render.message(views.summary(report, now))
        )
        ts = str(posted["ts"])
        with db.session() as session:
            ReportStore(session, settings.tz).mark_summary_posted(report.id, ts)
    what = text.SLACK_WHAT_YEAR if report.kind == "year" else text.SLACK_WHAT_QUARTER
    with tempfile.TemporaryDirectory(prefix="klachtenbot-rapport-") as folder:
        files = report_files(db, settings, report, Path(folder))
        client.files_upload_v2(
            channel=channel,
            initial_comment=text.SLACK_FILES_COMMENT.format(what=what, label=report.period),
            file_uploads=[
                {"file": str(path), "filename": path.name, "title": path.stem} for path in files
            ],
        )
    return ts


def publish(
    client: WebClient, db: Database, settings: Settings, report: Report, now: dt.datetime
) -> None:
    """Post `report` in Slack and record it as posted (bot.jobs.reports.publish)."""
    shared.publish(db, settings, report, now, partial(post_report, client, db, settings))


# -- the scheduled steps ---------------------------------------------------------------------


def run_report_steps(
    client: WebClient, db: Database, settings: Settings, now: dt.datetime
) -> list[Due]:
    """The quarterly and yearly report steps due at `now` (reports.jobs), done in Slack."""
    return run_due_reports(db, settings, now, step_actions(client, db, settings))


def step_actions(client: WebClient, db: Database, settings: Settings) -> Mapping[Step, Action]:
    return shared.step_actions(
        db,
        settings,
        lambda message: _tell_officers(client, settings, message),
        partial(post_report, client, db, settings),
    )


def _tell_officers(client: WebClient, settings: Settings, message: Message) -> None:
    for user_id in officer_ids(client, settings):
        _tell(client, user_id, message)


def _tell(client: WebClient, user_id: str, message: Message) -> None:
    client.chat_postMessage(channel=user_id, **render.message(message))


# -- the reports people asked for ------------------------------------------------------------


def answer_report_requests(service: ComplaintService, client: WebClient, now: dt.datetime) -> int:
    """Make, post and upload what was asked (bot.jobs.reports.answer_requests), in Slack."""
    settings = service.settings
    chat = shared.Chat(
        post=partial(post_report, client, service.db, settings),
        tell=lambda user_id, message: _tell(client, user_id, message),
        confirm=lambda user_id, report: _confirm(client, settings, user_id, report),
        resume=lambda row: _half_posted(service, row),
    )
    return shared.answer_requests(service, now, chat)


def _half_posted(service: ComplaintService, row: Notification) -> Report | None:
    """The report an earlier attempt at this request made and whose summary it posted before
    the upload failed: the retry finishes that one instead of posting another."""
    with service.db.session() as session:
        report = ReportStore(session, service.settings.tz).latest(
            requested(row.subject), posted=False
        )
    if report is None or report.summary_ts is None or report.generated_by != row.recipient:
        return None
    return report if report.generated_at >= row.created_at else None


def _confirm(client: WebClient, settings: Settings, user_id: str, report: Report) -> None:
    message = views.posted(report, settings.management_channel)
    client.chat_postMessage(channel=user_id, text=render.text(message))
