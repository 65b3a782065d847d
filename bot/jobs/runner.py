"""Running the jobs: once (`clock --once`), or on APScheduler in TIMEZONE (`clock`, `run`).

Every job is a stateless scan of the database, so a tick may come late, twice, or from two
processes: what a job decides is claimed in the database (storage.claims), never inferred from
the clock having ticked. A failing job is logged as one line per failure (no traceback) and
reported to the officers once when it keeps failing; `klachtenbot status` shows it.
"""

from __future__ import annotations

import contextlib
import logging
import sys
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
        ctx.tell_officers(text.JOB_FAILING.format(job=text.JOB_NAMES[job.name], error=error))


def describe_error(exc: BaseException) -> str:
    """The kind of error and where (never its message, which can quote personal data), with
    the chat service's error code when it refused (an error carrying a `response`)."""
    from bot.intake.store import error_summary

    summary = error_summary(exc)
    response = getattr(exc, "response", None)  # e.g. a SlackApiError
    if response is not None and hasattr(response, "status_code"):
        summary += f" ({response.get('error') or response.status_code})"
    return summary


MAILBOX_JOBS = ("mailbox", "acknowledgements")


def clock_command(ctx: JobContext, *, once: bool, only: Sequence[str] | None = None) -> int:
    """`klachtenbot clock [--once]`: exit 0 when every job ran (once), or run until stopped.
    `only` names the jobs to run (`poll` runs the mailbox jobs of MAILBOX_JOBS alone)."""
    if once:
        failed = run_jobs(ctx)
        if failed:
            print(text.CLOCK_ONCE_FAILED.format(jobs=", ".join(failed)), file=sys.stderr)
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
) -> BaseScheduler:
    """APScheduler in TIMEZONE: every active job (but `exclude`, or only those in `only`) on its
    own interval, first run right away; a run that is still busy is not started twice, missed
    runs collapse into one. The one runner of background work in a process."""
    from apscheduler.schedulers.background import BackgroundScheduler
    from apscheduler.schedulers.blocking import BlockingScheduler

    kind = BlockingScheduler if blocking else BackgroundScheduler
    scheduler = kind(timezone=ctx.settings.tz)
    for job in active_jobs(ctx):
        if job.name in exclude or (only is not None and job.name not in only):
            continue
        scheduler.add_job(
            run_job,
            "interval",
            args=(ctx, job),
            seconds=job.every.total_seconds(),
            id=job.name,
            next_run_time=ctx.service.now(),
            max_instances=1,
            coalesce=True,
            misfire_grace_time=None,
        )
    if not blocking:
        scheduler.start()
    return scheduler
