"""`klachtenbot status [--json]`: jobs, counts, backlog; non-zero when a job keeps failing."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from bot.cli import main
from bot.jobs.registry import DAY, Job
from bot.jobs.runner import REPORT_AFTER_FAILURES, active_jobs, run_job, run_jobs
from bot.jobs.status import check_health
from bot.procedure import SYSTEM_ACTOR
from bot.surfaces import make_context
from tests.jobs.test_deadlines import local
from tests.procedure import builders as b


@pytest.fixture
def db_url(tmp_path):
    from tests.support.databases import database_url

    with database_url("sqlite", tmp_path) as url:
        yield url


def failing(ctx, now):
    raise TimeoutError


def test_health_counts_and_a_job_that_keeps_failing(ctx, service, clock):
    clock.now = local(2026, 4, 16, 10)
    service.submit(b.intake(received_at=local(2026, 4, 14, 10)), SYSTEM_ACTOR)  # due 16 Apr
    service.submit(b.intake(received_at=local(2026, 4, 10, 10)), SYSTEM_ACTOR)  # overdue
    service.submit(b.intake(received_at=clock.now), SYSTEM_ACTOR)
    health = check_health(ctx, clock.now)
    assert (health.open, health.due_today, health.overdue) == (3, 1, 1)
    assert health.outbox_backlog == 3 and health.healthy

    run_jobs(ctx)
    health = check_health(ctx, clock.now)
    assert health.outbox_backlog == 0 and health.notifications_waiting == 0
    assert {job.name for job in health.jobs} >= {"deadlines", "slack_delivery"}
    for _ in range(REPORT_AFTER_FAILURES):
        run_job(ctx, Job("deadlines", failing))
    health = check_health(ctx, clock.now)
    assert health.problems == ["taak 'termijnbewaking' mislukt al 3 keer achter elkaar"]
    clock.now = local(2026, 4, 16, 10, 5)
    run_jobs(ctx)
    clock.now = local(2026, 4, 16, 10, 15)
    assert check_health(ctx, clock.now).healthy
    clock.now = local(2026, 4, 16, 10, 25)  # no tick for 20 minutes: the clock has stopped
    problems = check_health(ctx, clock.now).problems
    assert "taak 'termijnbewaking' is niet meer gelukt sinds 2026-04-16 10:05" in problems


def test_a_daily_job_counts_as_stopped_only_when_a_day_has_passed_without_it(ctx, clock):
    """Retention runs once a day: the hours between its runs are healthy, as long as the
    other jobs keep running; a day and a quarter of an hour without it is not."""
    (retention,) = [job for job in active_jobs(ctx) if job.name == "retention"]
    assert retention.every == DAY
    others = [job for job in active_jobs(ctx) if job is not retention]
    clock.now = local(2026, 4, 16, 3)
    run_jobs(ctx)
    for hours in (1, 12, 24):
        clock.now = local(2026, 4, 16, 3) + dt.timedelta(hours=hours)
        run_jobs(ctx, others)
        assert check_health(ctx, clock.now).healthy, hours
    clock.now = local(2026, 4, 17, 3, 16)
    run_jobs(ctx, others)
    assert check_health(ctx, clock.now).problems == [
        "taak 'bewaartermijn persoonsgegevens' is niet meer gelukt sinds 2026-04-16 03:00"
    ]


def test_status_command_exit_codes(db, settings, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", settings.database_url)
    assert main(["status", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["healthy"] is True and report["open"] == 0
    assert main(["status"]) == 0
    assert capsys.readouterr().out.startswith("Gezond.")
    ctx = make_context(settings)
    for _ in range(REPORT_AFTER_FAILURES):
        run_job(ctx, Job("deadlines", failing))
    assert main(["status"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("Niet gezond:\n  - taak 'termijnbewaking' mislukt al 3 keer")
