"""The job runner: every job on one tick, failures counted and reported once, the outbox and the
report steps delivered by the clock with no command typed."""

from __future__ import annotations

import datetime as dt
import json
import logging

import pytest

from bot.cli import main
from bot.jobs.registry import JOBS, Job
from bot.jobs.runner import REPORT_AFTER_FAILURES, active_jobs, run_job, run_jobs
from bot.procedure import SYSTEM_ACTOR
from bot.slack.jobs import SLACK_JOBS
from storage import jobruns
from tests.jobs.conftest import CHANNEL, MANAGEMENT
from tests.procedure import builders as b
from tests.reports.seed import REPORT_NOW, at, seed


def job_names(ctx) -> list[str]:
    return [job.name for job in active_jobs(ctx)]


def test_jobs_that_need_slack_or_a_mailbox_run_only_when_configured(ctx, settings, service):
    assert "slack_delivery" in job_names(ctx) and "reports" in job_names(ctx)
    assert "mailbox" not in job_names(ctx) and "acknowledgements" not in job_names(ctx)
    ctx.surfaces = ()
    assert not {"slack_delivery", "reports"} & set(job_names(ctx))


def test_the_clock_posts_a_new_complaint_to_slack(ctx, service, clock, fake):
    clock.now = b.RECEIVED_AT + dt.timedelta(hours=1)
    stored = service.submit(b.intake(), SYSTEM_ACTOR)  # no after-commit hook: nothing posted
    assert fake.roots(CHANNEL) == []
    assert run_jobs(ctx) == []
    (root,) = fake.roots(CHANNEL)
    assert stored.reference in root.text
    assert run_jobs(ctx) == []
    posts = [c for c in fake.calls_to("chat.postMessage") if c.params["channel"] == CHANNEL]
    assert len(posts) == 2  # the root message and its "received" thread post, once each


def reports_in(fake) -> list:
    return [m for m in fake.roots(MANAGEMENT) if m.blocks[0]["type"] == "header"]


def test_the_quarterly_report_reaches_management_with_no_command(ctx, db, clock, fake):
    seed(db, ctx.settings)
    clock.now = REPORT_NOW  # 1 July 09:00, the first working day after Q2
    assert run_jobs(ctx) == []
    assert reports_in(fake) == []  # the officer is asked for their analysis first
    assert "2026-Q2" in json.dumps(fake.roots("UOFFICER")[0].blocks)
    clock.now = at(2026, 7, 2, 9)
    assert run_jobs(ctx) == []
    clock.now = at(2026, 7, 2, 9, 1)
    assert run_jobs(ctx) == []
    (summary,) = reports_in(fake)
    assert summary.blocks[0]["text"]["text"] == "Klachtenrapportage K2 2026"


def test_after_downtime_the_report_steps_wait_for_opening_time(ctx, db, clock, fake):
    """Down from 30 June: started on Friday evening 3 July, the clock asks the officer for the
    quarter's analysis on Monday morning, not in the night."""
    seed(db, ctx.settings)
    clock.now = at(2026, 7, 3, 22)
    assert run_jobs(ctx) == []
    assert fake.roots("UOFFICER") == [] and reports_in(fake) == []
    clock.now = at(2026, 7, 6, 9, 1)
    assert run_jobs(ctx) == []
    assert "2026-Q2" in json.dumps(fake.roots("UOFFICER")[0].blocks)


def broken(ctx, now: dt.datetime) -> int:
    raise ConnectionRefusedError("mail.example.nl refused jan@example.nl")


def test_a_failing_job_logs_one_line_per_failure_and_tells_the_officer_once(
    ctx, db, clock, fake, caplog
):
    job = Job("mailbox", broken)
    caplog.set_level(logging.WARNING, logger="bot.jobs.runner")
    for _ in range(REPORT_AFTER_FAILURES + 2):
        assert run_job(ctx, job) is False
    lines = [r for r in caplog.records if r.name == "bot.jobs.runner"]
    assert len(lines) == REPORT_AFTER_FAILURES + 2
    assert all(r.exc_info is None and "\n" not in r.getMessage() for r in lines)
    assert all("jan@example.nl" not in r.getMessage() for r in lines)
    assert "ConnectionRefusedError" in lines[0].getMessage()
    (told,) = fake.roots("UOFFICER")
    assert "mailbox lezen" in told.text and "mislukt herhaaldelijk" in told.text
    with db.session() as session:
        record = jobruns.job_runs(session)["mailbox"]
        assert record.failures == REPORT_AFTER_FAILURES + 2 and record.last_success_at is None

    run_job(ctx, Job("mailbox", lambda ctx, now: 0))
    with db.session() as session:
        record = jobruns.job_runs(session)["mailbox"]
        assert record.failures == 0 and record.last_success_at == clock.now
    for _ in range(REPORT_AFTER_FAILURES):
        run_job(ctx, job)
    assert len(fake.roots("UOFFICER")) == 2  # a new outage is reported again, once


def test_a_failing_job_is_told_to_the_officer_group_too(ctx, fake) -> None:
    fake.usergroups["SKLACHTEN"] = ["UOFFICER", "UOFFICER2"]
    ctx.service.settings = ctx.settings.model_copy(update={"officer_usergroup": "SKLACHTEN"})
    for _ in range(REPORT_AFTER_FAILURES):
        run_job(ctx, Job("mailbox", broken))
    for officer in ("UOFFICER", "UOFFICER2"):
        (told,) = fake.roots(officer)
        assert "mislukt herhaaldelijk" in told.text


def test_registry_names_are_unique_and_have_dutch_labels() -> None:
    from bot.texts.jobs import JOB_NAMES

    names = [job.name for job in (*JOBS, *SLACK_JOBS)]
    assert len(names) == len(set(names))
    assert set(names) <= set(JOB_NAMES)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_clock_once_from_the_command_line(db, settings, monkeypatch, capsys) -> None:
    monkeypatch.setenv("DATABASE_URL", settings.database_url)
    monkeypatch.chdir(settings.database_url.removeprefix("sqlite:///").rsplit("/", 1)[0])
    assert main(["clock", "--once"]) == 0
    assert main(["clock", "--once"]) == 0
