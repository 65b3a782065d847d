"""Work after an acknowledgement waits for a quiet moment, never past its deadline, and the
quiet is judged over every process of a server."""

from __future__ import annotations

import math
import multiprocessing
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from logging import getLogger

import pytest

from bot.slack.app import build_app
from bot.slack.background import AfterAck, Arrivals
from tests.slack.conftest import dispatch_command
from tests.slack.payloads import OFFICER, slash_command

LOGGER = getLogger(__name__)


@pytest.fixture
def arrivals() -> Arrivals:
    return Arrivals()


@contextmanager
def requests_arriving(arrivals: Arrivals) -> Iterator[list[float]]:
    """A request every millisecond until the block ends; yields [time of the last one]."""
    stop = threading.Event()
    last = [time.monotonic()]

    def arrive() -> None:
        while not stop.is_set():
            last[0] = time.monotonic()  # taken before the mark, so never later than it
            arrivals.mark()
            time.sleep(0.001)

    thread = threading.Thread(target=arrive)
    thread.start()
    try:
        yield last
    finally:
        stop.set()
        thread.join()


def queue_work(after_ack: AfterAck, count: int = 1) -> list[threading.Event]:
    """Queue `count` pieces of work; each sets its event when it runs, with the time in
    `started` (attribute of the event)."""
    done = []
    for _ in range(count):
        event = threading.Event()

        def work(ack, body, client, logger, event=event) -> None:
            event.started = time.monotonic()
            event.set()

        after_ack.run(work, None, {}, after_ack.client, LOGGER)
        done.append(event)
    return done


def test_work_waits_until_requests_stop_arriving(arrivals):
    after_ack = AfterAck(None, arrivals, quiet=0.1, longest_wait=10)
    with requests_arriving(arrivals) as last:
        [done] = queue_work(after_ack)
        time.sleep(0.4)
        assert not done.is_set()
    assert done.wait(5)
    assert last[0] + 0.1 <= done.started < last[0] + 1.0


def test_work_runs_by_its_deadline_when_requests_never_stop(arrivals):
    """The deadline counts from queueing: three pieces on one thread all run at about
    `longest_wait`, not one after the other's wait."""
    after_ack = AfterAck(None, arrivals, threads=1, quiet=10, longest_wait=0.3)
    with requests_arriving(arrivals):
        queued = time.monotonic()
        done = queue_work(after_ack, count=3)
        assert all(event.wait(5) for event in done)
    assert all(queued + 0.29 <= event.started < queued + 0.8 for event in done)


def test_work_after_a_single_request_waits_only_the_quiet_time(arrivals):
    after_ack = AfterAck(None, arrivals, quiet=0.05, longest_wait=10)
    marked = time.monotonic()
    arrivals.mark()
    [done] = queue_work(after_ack)
    assert done.wait(5)
    assert marked + 0.05 <= done.started < marked + 0.5


def test_arrivals_are_shared_with_processes_forked_after_them(arrivals):
    """gunicorn forks its workers after run_http makes the Arrivals: a request at one worker
    is seen by all."""
    assert arrivals.since_latest() == math.inf  # nothing has arrived yet
    worker = multiprocessing.get_context("fork").Process(target=arrivals.mark)
    worker.start()
    worker.join(10)
    assert worker.exitcode == 0
    assert arrivals.since_latest() < 10


def test_every_verified_slack_request_is_an_arrival(slack_settings, service, arrivals):
    app = build_app(slack_settings, service, arrivals=arrivals)
    assert arrivals.since_latest() == math.inf
    response = dispatch_command(app, slash_command(OFFICER, "help"))
    assert response.status == 200
    assert arrivals.since_latest() < 10


def test_a_request_with_a_wrong_signature_is_no_arrival(slack_settings, service, arrivals):
    wrong = slack_settings.model_copy(update={"slack_signing_secret": "een-ander-geheim"})
    app = build_app(wrong, service, arrivals=arrivals)
    assert dispatch_command(app, slash_command(OFFICER, "help")).status == 401
    assert arrivals.since_latest() == math.inf
