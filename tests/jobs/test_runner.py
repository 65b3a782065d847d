"""The job runner: every job on one tick, failures counted and reported once, the outbox and the
report steps delivered by the clock with no command typed."""

from __future__ import annotations

import datetime as dt
import json
import logging
import re

import pytest

from bot.cli import main
from bot.jobs.privacy import MailboxNotCleaned
from bot.jobs.registry import JOBS, Job
from bot.jobs.runner import (
    REPORT_AFTER_FAILURES,
    active_jobs,
    failing_message,
    run_job,
    run_jobs,
)
from bot.procedure import SYSTEM_ACTOR
from bot.slack.jobs import SLACK_JOBS
from bot.teams.jobs import teams_jobs
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
    assert "niet bereikbaar" in told.text  # what failed, in words
    assert "verschijnen nog niet in het klachtenkanaal" in told.text  # what it means
    assert "klachtenbot status" in told.text  # what to do
    assert "ConnectionRefusedError" not in told.text and ".py" not in told.text
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


CAMEL_CASE = re.compile(r"\b[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+\b")


def raised(exc: BaseException) -> BaseException:
    """`exc` with a traceback through this file, as a job's failure has one."""
    try:
        raise exc
    except BaseException as caught:
        return caught


@pytest.mark.parametrize(
    "exc",
    [
        ConnectionRefusedError("imap.example.nl refused jan@example.nl"),
        TimeoutError(),
        MailboxNotCleaned("OSError"),
        KeyError("complainant_phone"),
        ValueError("06-12345678 is no date"),
    ],
)
def test_a_failing_jobs_message_names_no_code_nor_kind_of_error(exc) -> None:
    """What the officer reads says what failed, what it means and what to do, in words: no
    file name ("at imap.py:111"), no exception class ("MailboxNotCleaned"), no message (it can
    quote personal data)."""
    for job in (*JOBS, *SLACK_JOBS):
        told = failing_message(job.name, raised(exc))
        assert ".py" not in told and not CAMEL_CASE.search(told), told
        assert "jan@example.nl" not in told and "06-12345678" not in told
        assert "klachtenbot status" in told


def test_registry_names_are_unique_and_have_dutch_labels() -> None:
    from bot.texts.jobs import JOB_MEANINGS, JOB_NAMES

    names = [job.name for job in (*JOBS, *SLACK_JOBS, *teams_jobs())]
    assert len(names) == len(set(names))
    assert set(names) <= set(JOB_NAMES)
    assert set(JOB_MEANINGS) == set(JOB_NAMES)  # each job's failure says what it means


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_clock_once_from_the_command_line(db, settings, monkeypatch, capsys) -> None:
    monkeypatch.setenv("DATABASE_URL", settings.database_url)
    monkeypatch.chdir(settings.database_url.removeprefix("sqlite:///").rsplit("/", 1)[0])
    assert main(["clock", "--once"]) == 0
    assert main(["clock", "--once"]) == 0


def test_poll_runs_the_mailbox_jobs_alone_on_the_scheduler_and_survives_a_failed_read(ctx, db):
    """`klachtenbot poll` (no --once) is the clock with its mailbox jobs only: every minute,
    a mail server that is down is one counted failure, and the next minute tries again."""
    from bot.jobs.runner import MAILBOX_JOBS, start_scheduler
    from tests.support.ports import imap_down

    ctx.service.settings = imap_down(ctx.settings, smtp_host="127.0.0.1")
    scheduler = start_scheduler(ctx, blocking=True, only=MAILBOX_JOBS)  # not started
    scheduled = {job.id: job for job in scheduler.get_jobs()}
    assert sorted(scheduled) == ["acknowledgements", "mailbox"]
    assert scheduled["mailbox"].trigger.interval == dt.timedelta(minutes=1)

    mailbox = next(job for job in active_jobs(ctx) if job.name == "mailbox")
    assert run_job(ctx, mailbox) is False
    assert run_job(ctx, mailbox) is False  # tried again, not stopped
    with db.session() as session:
        assert jobruns.job_runs(session)["mailbox"].failures == 2


def test_a_kick_while_the_job_runs_makes_it_run_once_more_at_once(ctx):
    """What is committed while delivery runs is not left for the next interval: the kick that
    came meanwhile runs the job again right after; kicks in quick succession are one run."""
    import threading
    import time

    from bot.jobs.runner import start_scheduler

    runs = []
    first_started, release = threading.Event(), threading.Event()

    def slow(_ctx, _now) -> int:
        runs.append(1)
        if len(runs) == 1:
            first_started.set()
            release.wait(5)
        return 0

    class Surface:
        name = "test"
        jobs = (Job("kicked", slow, every=dt.timedelta(hours=1), surface="test"),)

    ctx.surfaces = (Surface(),)
    scheduler = start_scheduler(ctx, only=["kicked"])  # first run at once, then hourly
    try:
        assert first_started.wait(5)
        for _ in range(3):
            ctx.kick("kicked")
        release.set()
        deadline = dt.datetime.now() + dt.timedelta(seconds=5)
        while len(runs) < 2 and dt.datetime.now() < deadline:
            time.sleep(0.05)
        assert len(runs) == 2
        time.sleep(0.5)
        assert len(runs) == 2  # three kicks during one run: one more run, not three
    finally:
        scheduler.shutdown(wait=False)
