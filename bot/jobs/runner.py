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
        told = text.JOB_FAILING.format(job=text.JOB_NAMES[job.name], error=readable_error(exc))
        ctx.tell_officers(told)


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
    code, or the kind of error; never a place in the code, nor the message (personal data)."""
    reason = getattr(exc, "reason_for_people", None)
    if reason:
        return str(reason)
    response = getattr(exc, "response", None)  # a SlackApiError (slack_sdk loads lazily)
    if response is not None and hasattr(response, "status_code"):
        return text.SLACK_REFUSED.format(error=response.get("error") or response.status_code)
    return type(exc).__name__


def clock_command(ctx: JobContext, *, once: bool) -> int:
    """`klachtenbot clock [--once]`: exit 0 when every job ran (once), or run until stopped."""
    if once:
        failed = run_jobs(ctx)
        if failed:
            names = ", ".join(text.JOB_NAMES[name] for name in failed)
            print(text.CLOCK_ONCE_FAILED.format(jobs=names), file=sys.stderr)
            return 1
        return 0
    log.info("clock started: %s", ", ".join(job.name for job in active_jobs(ctx)))
    with contextlib.suppress(KeyboardInterrupt, SystemExit):
        start_scheduler(ctx, blocking=True).start()
    return 0


def start_scheduler(
    ctx: JobContext, *, blocking: bool = False, exclude: Sequence[str] = ()
) -> BaseScheduler:
    """APScheduler in TIMEZONE: every active job (but `exclude`) on its own interval, first run
    right away; a run that is still busy is not started twice, missed runs collapse into one."""
    from apscheduler.schedulers.background import BackgroundScheduler
    from apscheduler.schedulers.blocking import BlockingScheduler

    kind = BlockingScheduler if blocking else BackgroundScheduler
    scheduler = kind(timezone=ctx.settings.tz)
    for job in active_jobs(ctx):
        if job.name in exclude:
            continue
        scheduler.add_job(
            run_job,
            "interval",
            args=(ctx, job),
            seconds=job.every.total_seconds(),
            id=job.name,
            name=f"klachtenbot {job.name}",
            next_run_time=ctx.service.now(),
            max_instances=1,
            coalesce=True,
            misfire_grace_time=None,
        )
    if not blocking:
        scheduler.start()
    return scheduler
