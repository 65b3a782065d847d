"""The scheduled report steps, for the scheduler to call on every tick: `run_due_reports`.

Each due step is claimed in the database before it runs (so two processes or a double tick
take it once) and released again when its work fails, so the next tick retries it.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from slack_sdk import WebClient

from bot.settings import Settings
from bot.texts import reports as text
from bot.workdays import WorkCalendar
from reports import slack
from reports.periods import parse_period
from reports.schedule import (
    ADVICE_WAIT_DAYS,
    QUARTER_WAIT_DAYS,
    Due,
    Step,
    days_later,
    due_reports,
)
from reports.store import Report, ReportStore
from storage.db import Database

log = logging.getLogger(__name__)
SYSTEM = "system"

Action = Callable[[WebClient, Database, Settings, Due, dt.datetime], None]


class ReportStepsFailed(Exception):
    """Some due steps failed (each released, to be retried on the next tick)."""


def run_due_reports(
    client: WebClient, db: Database, settings: Settings, now: dt.datetime
) -> list[Due]:
    """Take every report step due at `now` that no one has taken yet; return those taken.
    Raise ReportStepsFailed after trying them all when any failed."""
    calendar = WorkCalendar.from_settings(settings)
    with db.session() as session:
        done = ReportStore(session, settings.tz).done()
    taken, failed = [], []
    for due in due_reports(now, calendar, done):
        with db.session() as session:
            if not ReportStore(session, settings.tz).claim(due.key, now):
                continue
        try:
            ACTIONS[due.step](client, db, settings, due, now)
        except Exception as exc:
            log.warning("report step %s failed (%s); it will be retried", due.key, _summary(exc))
            with db.session() as session:
                ReportStore(session, settings.tz).release(due.key)
            failed.append(due.key)
            continue
        taken.append(due)
    if failed:
        raise ReportStepsFailed(", ".join(failed))
    return taken


def _summary(exc: Exception) -> str:
    from bot.intake.store import error_summary

    return error_summary(exc)


def _prepare(
    client: WebClient, db: Database, settings: Settings, due: Due, now: dt.datetime
) -> None:
    """Make the report and ask each officer for their analysis or advice."""
    from reports.generate import make_report

    period = parse_period(due.period, settings.tz)
    report = make_report(db, settings, period, now, SYSTEM)
    wait = ADVICE_WAIT_DAYS if period.is_year else QUARTER_WAIT_DAYS
    post_at = days_later(WorkCalendar.from_settings(settings), now, wait)
    _tell_officers(client, settings, report, slack.preview_blocks(report, post_at))


def _remind(
    client: WebClient, db: Database, settings: Settings, due: Due, now: dt.datetime
) -> None:
    report = _unposted(db, settings, due)
    if report is not None:
        _tell_officers(client, settings, report, slack.reminder_blocks(report))


def _post(client: WebClient, db: Database, settings: Settings, due: Due, now: dt.datetime) -> None:
    """The officer did not answer in time: post the report as it was made, without their text."""
    report = _unposted(db, settings, due)
    if report is not None:
        slack.publish(client, db, settings, report, now)


def _unposted(db: Database, settings: Settings, due: Due) -> Report | None:
    with db.session() as session:
        return ReportStore(session, settings.tz).latest(due.period, posted=False)


def _officer_ids(client: WebClient, settings: Settings) -> list[str]:
    """OFFICER_USER_IDS, then the members of OFFICER_USERGROUP (when set), each once."""
    ids = list(settings.officer_user_ids)
    if settings.officer_usergroup:
        members = client.usergroups_users_list(usergroup=settings.officer_usergroup)
        ids += [user for user in members.get("users", []) if user not in ids]
    return ids


def _tell_officers(client: WebClient, settings: Settings, report: Report, blocks: list) -> None:
    fallback = text.SLACK_FALLBACK.format(label=report.period)
    for user_id in _officer_ids(client, settings):
        client.chat_postMessage(channel=user_id, text=fallback, blocks=blocks)


ACTIONS: dict[Step, Action] = {Step.PREPARE: _prepare, Step.REMIND: _remind, Step.POST: _post}
