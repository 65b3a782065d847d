"""Delivery to Slack: stored first, posted once, in order, whatever Slack does meanwhile."""

from __future__ import annotations

import datetime as dt
import itertools
import logging
import re
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace

import pytest
from slack_sdk import WebClient
from slack_sdk.http_retry import FixedValueRetryIntervalCalculator
from sqlalchemy import exists, select

from bot.jobs.context import JobContext
from bot.jobs.runner import active_jobs, run_job, start_scheduler
from bot.procedure import Actor, Role
from bot.procedure import steps as procedure
from bot.procedure.inputs import Note, Registration
from bot.procedure.model import Category, RelationType
from bot.service import ComplaintService
from bot.slack.client import delivery_retries
from bot.slack.delivery import Deliverer
from bot.slack.jobs import SLACK_JOBS, SlackSurface
from storage.db import Database
from storage.models import Delivery
from storage.outbox import Outbox
from tests.slack.conftest import CHANNEL, FAST, submit_email
from tests.support.databases import database_url
from tests.support.fake_slack import BOT_TOKEN, Failure, FakeSlack

OFFICER = Actor("UOFFICER", Role.OFFICER, "anna")


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    with database_url(request.param, tmp_path) as url:
        yield url


def quick_client(fake: FakeSlack) -> WebClient:
    """The delivery retries, with 10 ms between 5xx retries to keep the test short."""
    retries = delivery_retries(interval=FixedValueRetryIntervalCalculator(0.01))
    return WebClient(token=BOT_TOKEN, base_url=fake.url, timeout=5, retry_handlers=retries)


def deliverer_for(service: ComplaintService, fake: FakeSlack, owner: str) -> Deliverer:
    return Deliverer(service, quick_client(fake), owner=owner, backoff=FAST)


def deliver_until_quiet(deliverer: Deliverer, fake: FakeSlack, expected_roots: int) -> None:
    deadline = time.monotonic() + 20
    while len(fake.roots(CHANNEL)) < expected_roots or deliverer.deliver_pending():
        assert time.monotonic() < deadline, fake.method_log()
        deliverer.deliver_pending()
        time.sleep(0.05)


def until(condition: Callable[[], object], timeout: float = 20.0) -> None:
    """Wait for `condition` (re-checked every 10 ms), never for a fixed time."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting for a condition"
        time.sleep(0.01)


def retry_due(service: ComplaintService) -> bool:
    """No complaint's delivery is backing off any more: the next round tries them all."""
    with service.db.session() as session:
        waiting = exists().where(Delivery.next_attempt_at > service.now())
        return not session.scalar(select(waiting))


def all_shown(service: ComplaintService) -> bool:
    """Slack shows every complaint's latest version."""
    with service.db.session() as session:
        behind = exists().where(Delivery.shown_version < Delivery.wanted_version)
        return not session.scalar(select(behind))


class CountingDeliverer(Deliverer):
    rounds = 0

    def deliver_pending(self) -> int:
        delivered = super().deliver_pending()
        self.rounds += 1
        return delivered


def root_references(fake: FakeSlack) -> list[str]:
    return [re.search(r"K-\d{4}-\d{4}", message.text)[0] for message in fake.roots(CHANNEL)]


def test_root_posted_once_then_thread_posts_and_updates(service, fake_slack):
    deliverer = deliverer_for(service, fake_slack, "a")
    complaint = submit_email(service)
    assert deliverer.deliver_pending() == 1
    [root] = fake_slack.roots(CHANNEL)
    assert root.text.startswith(f"Nieuwe klacht {complaint.reference} – contact vóór ")
    assert [m.text for m in fake_slack.thread(CHANNEL, root.ts)] == [
        f"{complaint.reference}: Klacht ontvangen"
    ]

    service.change(complaint.reference, procedure.add_note, OFFICER, Note("Teruggebeld"))
    assert deliverer.deliver_pending() == 1
    thread = fake_slack.thread(CHANNEL, root.ts)
    assert [m.text for m in thread][-1] == f"{complaint.reference}: Notitie"
    assert "Teruggebeld" in str(thread[-1].blocks)
    assert root.updates == 1

    assert deliverer.deliver_pending() == 0
    assert len(fake_slack.calls_to("chat.postMessage")) == 3


def test_the_notification_line_holds_no_subject_name_or_phone(db, slack_settings, fake_slack):
    """A phone's lock screen shows the `text` of every post: reference, category and what to
    do, never what the complainant wrote or who they are (on Monday 7 December 2026: the
    deadline is Wednesday's, this year's, so without its year)."""
    monday = dt.datetime(2026, 12, 7, 10, tzinfo=slack_settings.tz)
    service = ComplaintService(db, slack_settings, lambda: monday)
    deliverer = deliverer_for(service, fake_slack, "a")
    subject = "Ziekmelding niet doorgegeven door intercedent Peter - bel mij 06-99887766"
    complaint = submit_email(service, subject=subject, complainant_name="Olga Bakker")
    deliverer.deliver_pending()
    registration = Registration(
        "Olga Bakker", RelationType.FLEXWORKER, Category.PAYROLL, "0612345678"
    )
    service.change(complaint.reference, procedure.register, OFFICER, registration)
    service.change(complaint.reference, procedure.add_note, OFFICER, Note("Peter gebeld"))
    deliverer.deliver_pending()

    [root] = fake_slack.roots(CHANNEL)
    first = fake_slack.calls_to("chat.postMessage")[0].params["text"]
    assert (
        first == f"Nieuwe klacht {complaint.reference} – contact vóór woensdag 9 december om 17:00"
    )
    assert root.text.startswith(f"Klacht {complaint.reference} (")  # the category, once known
    assert "contact vóór" in root.text
    calls = fake_slack.calls_to("chat.postMessage") + fake_slack.calls_to("chat.update")
    texts = [call.params["text"] for call in calls]
    assert len(texts) >= 4
    private = ("Peter", "Ziekmelding", "99887766", "12345678", "Olga", "Bakker", "jan@example")
    for text in texts:
        assert complaint.reference in text
        for said in private:
            assert said not in text, text


def test_a_restarted_process_does_not_post_again(db, slack_settings, fake_slack):
    first = ComplaintService(db, slack_settings)
    submit_email(first)
    assert deliverer_for(first, fake_slack, "before-restart").deliver_pending() == 1
    calls = len(fake_slack.calls)

    restarted = ComplaintService(Database(slack_settings.database_url), slack_settings)
    assert deliverer_for(restarted, fake_slack, "after-restart").deliver_pending() == 0
    assert len(fake_slack.calls) == calls


def test_slack_down_then_back_posts_every_complaint_once_in_order(service, fake_slack):
    deliverer = deliverer_for(service, fake_slack, "a")
    fake_slack.fail("*", Failure(status=500, times=9))  # more than the 3 retries per call
    fake_slack.fail("*", Failure(status=503, times=2))
    fake_slack.fail("*", Failure(status=429, retry_after=1, times=1))
    references = [submit_email(service, subject=f"Klacht {n}").reference for n in range(5)]

    deliver_until_quiet(deliverer, fake_slack, expected_roots=5)

    assert root_references(fake_slack) == references
    for root in fake_slack.roots(CHANNEL):
        assert len(fake_slack.thread(CHANNEL, root.ts)) == 1
    # After the 429 the next attempt waited for Retry-After (1 s).
    posts = fake_slack.calls_to("chat.postMessage")
    gaps = [later.at - earlier.at for earlier, later in itertools.pairwise(posts)]
    assert max(gaps) >= 1.0


def test_two_processes_deliver_each_complaint_exactly_once(db, slack_settings, fake_slack):
    fake_slack.delay = 0.005
    services = [
        ComplaintService(Database(slack_settings.database_url), slack_settings) for _ in range(2)
    ]
    deliverers = [deliverer_for(s, fake_slack, f"process-{n}") for n, s in enumerate(services)]
    stop = threading.Event()

    def keep_delivering(deliverer: Deliverer) -> None:
        while not stop.is_set():
            deliverer.deliver_pending()
            time.sleep(0.01)

    workers = [threading.Thread(target=keep_delivering, args=(d,)) for d in deliverers]
    for worker in workers:
        worker.start()
    try:
        references = [submit_email(services[n % 2], subject=f"K{n}").reference for n in range(12)]
        fake_slack.wait_for(lambda: len(fake_slack.roots(CHANNEL)) >= 12, timeout=20)
        until(lambda: all_shown(services[0]))
    finally:
        stop.set()
        for worker in workers:
            worker.join()

    assert root_references(fake_slack) == references
    for root in fake_slack.roots(CHANNEL):
        assert len(fake_slack.thread(CHANNEL, root.ts)) == 1
    assert {call.params["channel"] for call in fake_slack.calls_to("chat.postMessage")} == {CHANNEL}


def test_permanent_error_is_reported_once_and_delivery_resumes(service, fake_slack, caplog):
    fake_slack.add_channel(CHANNEL, member=False)
    deliverer = deliverer_for(service, fake_slack, "a")
    first, second = submit_email(service), submit_email(service)

    with caplog.at_level(logging.ERROR, logger="bot.slack.delivery"):
        for _ in range(4):
            until(lambda: retry_due(service))
            deliverer.deliver_pending()
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1
    assert "not_in_channel" in errors[0].getMessage()
    dms = [c for c in fake_slack.calls_to("chat.postMessage") if c.params["channel"] == "UOFFICER"]
    assert len(dms) == 1
    assert "not_in_channel" in dms[0].params["text"]
    assert fake_slack.roots(CHANNEL) == []

    fake_slack.add_channel(CHANNEL, member=True)  # someone invited the bot
    until(lambda: retry_due(service))
    deliver_until_quiet(deliverer, fake_slack, expected_roots=2)
    assert root_references(fake_slack) == [first.reference, second.reference]


class _SlowSlack(SlackSurface):
    """Slack whose delivery job runs only every minute on its own, so a kick must bring it."""

    @property
    def jobs(self):
        return [replace(job, every=dt.timedelta(minutes=1)) for job in SLACK_JOBS]


def test_the_storing_process_delivers_right_away(service, fake_slack):
    """`run`: a commit kicks the scheduler's delivery job, which runs at once, not at its
    next interval."""
    deliverer = CountingDeliverer(service, quick_client(fake_slack), owner="a", backoff=FAST)
    context = JobContext(service, [_SlowSlack(service, deliverer.client, "a", deliverer)], "a")
    scheduler = start_scheduler(context, only=["slack_delivery"])
    service.after_commit.append(lambda *_: context.kick("slack_delivery"))
    try:
        until(lambda: deliverer.rounds >= 1)  # found nothing, and now waits for a minute
        started = time.monotonic()
        submit_email(service)
        fake_slack.wait_for(lambda: fake_slack.roots(CHANNEL), timeout=5)
        assert time.monotonic() - started < 2
    finally:
        scheduler.shutdown(wait=False)


def test_personal_data_stays_out_of_the_logs(service, fake_slack, caplog):
    fake_slack.fail("*", Failure(status=500, times=4))
    complaint = submit_email(
        service, complainant_name="Jan de Vries", complainant_phone="+31612345678"
    )
    with caplog.at_level(logging.DEBUG, logger="bot.slack"):
        deliverer_for(service, fake_slack, "a").deliver_pending()
    logged = caplog.text
    assert complaint.reference in logged
    for secret in ("Jan de Vries", "612345678", "jan@example.nl"):
        assert secret not in logged


class _BrokenDeliverer:
    """A deliverer whose every round fails, as during a database outage."""

    def __init__(self) -> None:
        self.rounds = 0
        self.shown: list = []

    def deliver_pending(self) -> int:
        self.rounds += 1
        raise RuntimeError("database is gone\nsecond line with jan@example.nl")


def test_a_failing_delivery_round_logs_one_line_without_traceback(service, fake_slack, caplog):
    broken = _BrokenDeliverer()
    slack = SlackSurface(service, quick_client(fake_slack), "a", broken)  # type: ignore[arg-type]
    context = JobContext(service, [slack], "a")
    [job] = [job for job in active_jobs(context) if job.name == "slack_delivery"]
    with caplog.at_level(logging.WARNING, logger="bot.jobs.runner"):
        for _ in range(3):
            assert run_job(context, job) is False
    failures = [r for r in caplog.records if "slack_delivery failed" in r.getMessage()]
    assert len(failures) == 3
    for record in failures:
        assert record.exc_info is None
        assert "\n" not in record.getMessage()
        assert "jan@example.nl" not in record.getMessage()


def test_each_round_finds_its_work_through_an_index_not_by_walking_every_complaint(db):
    """What a delivery round looks for (a version not shown yet, a deadline line due for a
    refresh) is found through the index of just those rows, so a round costs the same with
    100,000 complaints as with ten (bench/clock.py measures it)."""
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite's plan is the one that went wrong; PostgreSQL plans by statistics")
    outbox = Outbox(db, "a", "slack")
    now = dt.datetime(2026, 4, 21, 8, tzinfo=dt.UTC)
    plans = {}
    for name, condition in (
        ("pending", Delivery.shown_version < Delivery.wanted_version),
        ("refresh", Delivery.refresh_at <= now),
    ):
        query = outbox._due(condition, now, 20)
        sql = str(query.compile(db.engine, compile_kwargs={"literal_binds": True}))
        with db.engine.connect() as connection:
            plans[name] = [
                row[3] for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}")
            ]
    assert any("ix_deliveries_pending" in step for step in plans["pending"]), plans
    assert any("ix_deliveries_refresh_at" in step for step in plans["refresh"]), plans
