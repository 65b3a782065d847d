"""The scheduled report steps, for the scheduler to call on every tick: `run_due_reports`.

Each due step is claimed in the database before it runs (so two processes or a double tick
take it once) and released again when its work fails, so the next tick retries it. What a step
does (make the report, tell the officers, post it) is handed in by the caller: this module
knows the schedule, not Slack.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping

from sqlalchemy import Connection, func, select

from bot.settings import Settings
from bot.workdays import WorkCalendar
from reports.schedule import Due, Step, due_reports
from reports.store import ReportStore
from storage.db import Database
from storage.models import ComplaintRow

log = logging.getLogger(__name__)

Action = Callable[[Due, dt.datetime], None]


class ReportStepsFailed(Exception):
    """Some due steps failed (each released, to be retried on the next tick)."""


def run_due_reports(
    db: Database, settings: Settings, now: dt.datetime, actions: Mapping[Step, Action]
) -> list[Due]:
    """Take every report step due at `now` that no one has taken yet and run its action; return
    those taken. Raise ReportStepsFailed after trying them all when any failed."""
    calendar = WorkCalendar.from_settings(settings)
    with db.session() as session:
        done = ReportStore(session, settings.tz).done()
        since = first_received(session.connection())
    taken, failed = [], []
    for due in due_reports(now, calendar, done, since=since):
        with db.session() as session:
            if not ReportStore(session, settings.tz).claim(due.key, now):
                continue
        try:
            actions[due.step](due, now)
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


def first_received(connection: Connection) -> dt.datetime | None:
    """When the first complaint (or intake later judged 'geen klacht') came in: the bot is in
    use from then on. None while there is none."""
    return connection.execute(select(func.min(ComplaintRow.received_at))).scalar_one()


def _summary(exc: Exception) -> str:
    from bot.intake.store import error_summary

    return error_summary(exc)
