"""`klachtenbot status` and /healthz: each job's last successful run, the complaint counts, the
Slack backlog and the last mailbox poll; unhealthy when a job keeps failing or has stopped
running, or the backlog is stuck."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from bot.dbproblems import database_problem
from bot.intake.acknowledge import smtp_error_in_words
from bot.intake.acknowledge import unsent as unsent_acknowledgements
from bot.jobs.context import JobContext
from bot.jobs.runner import REPORT_AFTER_FAILURES, active_jobs
from bot.procedure import OPEN_STATES
from bot.texts import jobs as text
from storage import jobruns
from storage.db import DatabaseUnavailable
from storage.models import ComplaintRow, Delivery, Notification

# A job that has not succeeded for this long after its next run was due has stopped.
STALE = dt.timedelta(minutes=15)
# A Slack delivery or notification that failed this often in a row is stuck.
STUCK_ATTEMPTS = 5
OPEN = [state.value for state in OPEN_STATES]


@dataclass(frozen=True)
class JobState:
    name: str
    last_success_at: str | None
    failures: int
    last_error: str | None


@dataclass(frozen=True)
class Health:
    checked_at: str
    jobs: list[JobState]
    open: int
    due_today: int
    overdue: int
    outbox_backlog: int
    notifications_waiting: int
    last_mailbox_poll: str | None
    acknowledgements_unsent: int = 0
    last_smtp_error: str | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return not self.problems

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "healthy": self.healthy}


def check_health(ctx: JobContext, now: dt.datetime) -> Health:
    with ctx.db.session() as session:
        runs = jobruns.job_runs(session)
        counts = _counts(session, ctx, now)
        backlog, stuck_deliveries = _outbox(session)
        waiting, stuck_notices = _notifications(session)
        unsent, smtp_error = unsent_acknowledgements(session)
    jobs, problems = [], []
    for job in active_jobs(ctx):
        run = runs.get(job.name)
        success = run.last_success_at if run else None
        jobs.append(
            JobState(
                job.name,
                _iso(success, ctx),
                run.failures if run else 0,
                run.last_error if run else None,
            )
        )
        label = text.JOB_NAMES[job.name]
        if run and run.failures >= REPORT_AFTER_FAILURES:
            problems.append(text.STATUS_FAILING.format(job=label, failures=run.failures))
        elif success is not None and now - success > job.every + STALE:
            problems.append(text.STATUS_STALE.format(job=label, moment=_shown(_iso(success, ctx))))
    if stuck_deliveries or stuck_notices:
        problems.append(text.STATUS_STUCK.format(count=stuck_deliveries + stuck_notices))
    mailbox = runs.get("mailbox")
    return Health(
        checked_at=now.isoformat(),
        jobs=jobs,
        **counts,
        outbox_backlog=backlog,
        notifications_waiting=waiting,
        last_mailbox_poll=_iso(mailbox.last_success_at if mailbox else None, ctx),
        acknowledgements_unsent=unsent,
        last_smtp_error=smtp_error_in_words(smtp_error, ctx.settings) if smtp_error else None,
        problems=problems,
    )


def health_answer(ctx: JobContext) -> tuple[int, str]:
    """What a web process's /healthz answers: (200, "ok"), or 503 with the problems `status`
    names, one per line."""
    try:
        health = check_health(ctx, ctx.service.now())
    except DatabaseUnavailable as exc:
        return 503, database_problem(exc)
    if not health.healthy:
        return 503, "\n".join(health.problems)
    return 200, "ok"


def _counts(session: Session, ctx: JobContext, now: dt.datetime) -> dict[str, int]:
    tomorrow = now.astimezone(ctx.settings.tz).date() + dt.timedelta(days=1)
    end_of_today = dt.datetime.combine(tomorrow, dt.time(), tzinfo=ctx.settings.tz)
    uncontacted = and_(ComplaintRow.state.in_(OPEN), ComplaintRow.contacted_at.is_(None))
    count = func.count(ComplaintRow.id)
    return {
        "open": session.scalar(select(count).where(ComplaintRow.state.in_(OPEN))) or 0,
        "due_today": session.scalar(
            select(count).where(
                uncontacted,
                ComplaintRow.contact_deadline >= now,
                ComplaintRow.contact_deadline < end_of_today,
            )
        )
        or 0,
        "overdue": session.scalar(
            select(count).where(uncontacted, ComplaintRow.contact_deadline < now)
        )
        or 0,
    }


def _outbox(session: Session) -> tuple[int, int]:
    """Complaints Slack does not fully show yet, and how many of them are stuck."""
    behind = select(func.count()).select_from(Delivery)
    behind = behind.where(Delivery.shown_version < Delivery.wanted_version)
    stuck = behind.where(Delivery.attempts >= STUCK_ATTEMPTS)
    return session.scalar(behind) or 0, session.scalar(stuck) or 0


def _notifications(session: Session) -> tuple[int, int]:
    waiting = select(func.count()).select_from(Notification).where(Notification.sent_at.is_(None))
    stuck = waiting.where(Notification.attempts >= STUCK_ATTEMPTS)
    return session.scalar(waiting) or 0, session.scalar(stuck) or 0


def _iso(moment: dt.datetime | None, ctx: JobContext) -> str | None:
    return moment.astimezone(ctx.settings.tz).isoformat() if moment else None


def _shown(moment: str | None) -> str:
    """An ISO moment as `list` shows one (2026-12-07 13:23), or 'nooit'."""
    if not moment:
        return text.NEVER
    return f"{dt.datetime.fromisoformat(moment):%Y-%m-%d %H:%M}"


def status_lines(health: Health) -> list[str]:
    """The Dutch report `klachtenbot status` prints."""
    lines = [text.STATUS_HEALTHY if health.healthy else text.STATUS_UNHEALTHY]
    lines += [f"  - {problem}" for problem in health.problems]
    lines.append(text.STATUS_COUNTS.format(**asdict(health)))
    lines.append(
        text.STATUS_BACKLOG.format(
            outbox=health.outbox_backlog, notifications=health.notifications_waiting
        )
    )
    lines.append(text.STATUS_MAILBOX.format(moment=_shown(health.last_mailbox_poll)))
    if health.acknowledgements_unsent or health.last_smtp_error:
        line = text.STATUS_ACKNOWLEDGEMENTS.format(count=health.acknowledgements_unsent)
        if health.last_smtp_error:
            line += " " + text.STATUS_SMTP_ERROR.format(error=health.last_smtp_error)
        lines.append(line)
    for job in health.jobs:
        lines.append(
            text.STATUS_JOB.format(
                job=text.JOB_NAMES[job.name],
                moment=_shown(job.last_success_at),
                failures=job.failures,
            )
        )
    return lines


def status_command(ctx: JobContext, *, as_json: bool) -> int:
    """Print the health; exit 0 when healthy, 1 when not (a container health check)."""
    health = check_health(ctx, ctx.service.now())
    if as_json:
        print(json.dumps(health.to_json(), ensure_ascii=False, indent=2))
    else:
        print("\n".join(status_lines(health)))
    return 0 if health.healthy else 1
