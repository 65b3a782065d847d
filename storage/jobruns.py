"""Each scheduled job's record: last success, consecutive failures, whether they were reported."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from storage.claims import insert_once
from storage.models import JobRun

FRESH = {"failures": 0, "reported": False}


def record_success(session: Session, name: str, at: dt.datetime) -> None:
    insert_once(session, JobRun, {"name": name, **FRESH}, ["name"])
    session.execute(
        update(JobRun)
        .where(JobRun.name == name)
        .values(last_success_at=at, failures=0, reported=False, last_error=None)
    )


def record_failure(
    session: Session, name: str, at: dt.datetime, error: str, report_after: int
) -> bool:
    """Count one more failure; True exactly once per outage: when it reaches `report_after`."""
    insert_once(session, JobRun, {"name": name, **FRESH}, ["name"])
    row = session.scalars(select(JobRun).where(JobRun.name == name).with_for_update()).one()
    row.failures += 1
    row.last_failure_at = at
    row.last_error = error[:200]
    report = row.failures >= report_after and not row.reported
    row.reported = row.reported or report
    return report


def job_runs(session: Session) -> dict[str, JobRun]:
    return {row.name: row for row in session.scalars(select(JobRun))}
