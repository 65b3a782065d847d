"""Running the jobs: once (`clock --once`), or on APScheduler in TIMEZONE (`clock`, `run`).

Every job is a stateless scan of the database, so a tick may come late, twice, or from two
processes: what a job decides is claimed in the database (storage.claims), never inferred from
the clock having ticked. A failing job is logged as one line per failure (no traceback) and
reported to the officers once when it keeps failing; `klachtenbot status` shows it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import sys
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

from bot.jobs.context import JobContext
from bot.jobs.registry import JOBS, Job
from bot.texts import jobs as text
from storage import jobruns

if TYPE_CHECKING:
    from apscheduler.schedulers.base import BaseScheduler

log = logging.getLogger(__name__)

REPORT_AFTER_FAILURES = 3


def active_jobs(ctx: JobContext) -> list[Job]:
    """The jobs this process can run: the core's deciding jobs, then the delivering jobs of each
    configured surface (bot/jobs/port.py); those that need a setting (IMAP_HOST, SMTP_HOST,
    MANAGEMENT_CHANNEL) only when it is set."""
    jobs = [*JOBS, *(job for surface in ctx.surfaces or () for job in surface.jobs)]
    names = {surface.name for surface in ctx.surfaces or ()}
    return [
        job
        for job in jobs
        if (job.surface is None or job.surface in names)
        and all(getattr(ctx.settings, name) for name in job.needs)
    ]


def run_jobs(ctx: JobContext, jobs: Sequence[Job] | None = None) -> list[str]:
    """Run each active job once, in registry order (deciding before delivering); return the
    names of those that failed."""
    chosen = jobs if jobs is not None else active_jobs(ctx)
    return [job.name for job in chosen if not run_job(ctx, job)]


def run_job(ctx: JobContext, job: Job) -> bool:
    try:
        job.run(ctx, ctx.service.now())
    except Exception as exc:
        _failed(ctx, job, exc)
        return False
    with ctx.db.session() as session:
        jobruns.record_success(session, job.name, ctx.service.now())
    return True


def _failed(ctx: JobContext, job: Job, exc: Exception) -> None:
    error = describe_error(exc)
    log.warning("job %s failed: %s", job.name, error)
    try:
        with ctx.db.session() as session:
            report = jobruns.record_failure(
                session, job.name, ctx.service.now(), error, REPORT_AFTER_FAILURES
            )
    except Exception as db_exc:  # the database itself is down: the log line is all we can do
        log.warning("job %s: failure not recorded (%s)", job.name, describe_error(db_exc))
        return
    if report:
        ctx.tell_officers(failing_message(job.name, exc))


def failing_message(job: str, exc: BaseException) -> str:
    """The officers' direct message about a job that keeps failing: what failed, what it means
    for them, and what to do; no file names nor kinds of error (they read none of those)."""
    said = text.JOB_FAILING.format(
        job=text.JOB_NAMES[job], error=readable_error(exc), meaning=text.JOB_MEANINGS[job]
    )
    return f"{said} {text.JOB_FAILING_ACTION.format(command='klachtenbot status')}"


def describe_error(exc: BaseException) -> str:
    """The kind of error and where (never its message, which can quote personal data), with
    the chat service's error code when it refused (an error carrying a `response`)."""
    from bot.intake.store import error_summary

    summary = error_summary(exc)
    response = getattr(exc, "response", None)  # e.g. a SlackApiError
    if response is not None and hasattr(response, "status_code"):
        summary += f" ({response.get('error') or response.status_code})"
    return summary


def readable_error(exc: BaseException) -> str:
    """What went wrong as a person reads it: a Dutch reason the job gave itself, Slack's error
    code, an unreachable service or database, or an unexpected error; never a place in the
    code, the kind of error, nor the message (personal data)."""
    from sqlalchemy.exc import DBAPIError

    from storage.db import DatabaseUnavailable

    reason = getattr(exc, "reason_for_people", None)
    if reason:
        return str(reason)
    response = getattr(exc, "response", None)  # a SlackApiError (slack_sdk loads lazily)
    if response is not None and hasattr(response, "status_code"):
        return text.SLACK_REFUSED.format(error=response.get("error") or response.status_code)
    if isinstance(exc, DatabaseUnavailable | DBAPIError):
        return text.ERROR_DATABASE
    if isinstance(exc, OSError):
        return text.ERROR_CONNECTION
    return text.ERROR_UNEXPECTED


MAILBOX_JOBS = ("mailbox", "acknowledgements")


def clock_command(ctx: JobContext, *, once: bool, only: Sequence[str] | None = None) -> int:
    """`klachtenbot clock [--once]`: exit 0 when every job ran (once), or run until stopped.
    `only` names the jobs to run (`poll` runs the mailbox jobs of MAILBOX_JOBS alone)."""
    if once:
        failed = run_jobs(ctx)
        if failed:
            names = ", ".join(text.JOB_NAMES[name] for name in failed)
            print(text.CLOCK_ONCE_FAILED.format(jobs=names), file=sys.stderr)
            return 1
        return 0
    scheduler = start_scheduler(ctx, blocking=True, only=only)
    log.info("clock started: %s", ", ".join(job.id for job in scheduler.get_jobs()))
    with contextlib.suppress(KeyboardInterrupt, SystemExit):
        scheduler.start()
    return 0


def start_scheduler(
    ctx: JobContext,
    *,
    blocking: bool = False,
    exclude: Sequence[str] = (),
    only: Sequence[str] | None = None,
    kicked_only: Sequence[str] = (),
) -> BaseScheduler:
    """APScheduler in TIMEZONE: every active job (but `exclude`, or only those in `only`) on its
    own interval, first run right away; a run that is still busy is not started twice, missed
    runs collapse into one. The jobs in `kicked_only` run only when kicked (`ctx.kick`). The
    one runner of background work in a process: `ctx.kick(name)` runs a job now."""
    from apscheduler.schedulers.background import BackgroundScheduler
    from apscheduler.schedulers.blocking import BlockingScheduler

    kind = BlockingScheduler if blocking else BackgroundScheduler
    scheduler = kind(timezone=ctx.settings.tz)
    kicks = Kicks(scheduler)
    for job in active_jobs(ctx):
        if job.name in exclude or (only is not None and job.name not in only):
            continue
        kicked = job.name in kicked_only
        scheduler.add_job(
            kicks.runner(ctx, job, kicked_only=kicked),
            "interval",
            seconds=job.every.total_seconds(),
            id=job.name,
            name=f"klachtenbot {job.name}",
            next_run_time=None if kicked else ctx.service.now(),
            max_instances=1,
            coalesce=True,
            misfire_grace_time=None,
        )
    ctx.kicks = kicks
    if not blocking:
        scheduler.start()
    return scheduler


class Kicks:
    """Run a scheduled job now instead of at its next interval (a "kick"): after a commit, the
    process's delivery; a moment after a change, the Home tabs. A kick that comes while the job
    runs makes it run once more right after, so nothing committed meanwhile waits for the
    interval; kicks in quick succession become one run."""

    def __init__(self, scheduler: BaseScheduler) -> None:
        self.scheduler = scheduler
        self._lock = threading.Lock()
        self._running: set[str] = set()
        self._again: set[str] = set()

    def kick(self, name: str, after: float = 0.0) -> None:
        """Run job `name` within `after` seconds (never later than it was due already); a job
        this process does not schedule is left alone."""
        with self._lock:
            if name in self._running:
                self._again.add(name)
                return
            job = self.scheduler.get_job(name)
            if job is None:
                return
            when = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=after)
            if job.next_run_time is None or job.next_run_time > when:
                job.modify(next_run_time=when)

    def runner(self, ctx: JobContext, job: Job, *, kicked_only: bool = False):
        def run() -> None:
            with self._lock:
                self._running.add(job.name)
            while True:
                run_job(ctx, job)
                with self._lock:
                    if job.name in self._again:
                        self._again.discard(job.name)
                        continue
                    self._running.discard(job.name)
                    if kicked_only:
                        self.scheduler.pause_job(job.name)
                    return

        return run
