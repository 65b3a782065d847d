"""Work after an acknowledgement runs as a lazy listener of Bolt, after a quiet moment, never
past its deadline, and the quiet is judged over every process of a server."""

from __future__ import annotations

import math
import multiprocessing
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import pytest
from slack_bolt import App
from slack_sdk import WebClient

from bot.slack.app import build_app
from bot.slack.errors import ack_then
from bot.slack.quiet import AfterAck, Arrivals
from tests.slack.conftest import SECRET, dispatch_command, dispatch_interactive
from tests.slack.payloads import OFFICER, block_action, slash_command
from tests.support.fake_slack import BOT_TOKEN

BUTTON = "work"


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


class WorkApp:
    """A Bolt app set up as build_app sets it up, with one button whose work, run after the
    acknowledgement, sets the click's event, with the time in `started` (attribute)."""

    def __init__(self, slack_url: str, after_ack: AfterAck, threads: int = 2) -> None:
        self.clicked: list[threading.Event] = []
        self.app = App(
            signing_secret=SECRET,
            client=WebClient(token=BOT_TOKEN, base_url=slack_url),
            token_verification_enabled=False,
            process_before_response=True,
            listener_executor=ThreadPoolExecutor(threads),
        )
        self.app.action(BUTTON)(ack_then(self.work, after_ack))

    def work(self, body, client, logger) -> None:
        event = self.clicked[int(body["actions"][0]["value"])]
        event.started = time.monotonic()
        event.set()

    def click(self, count: int = 1) -> list[threading.Event]:
        """Click the button `count` times; the events of the clicks' work."""
        done = []
        for _ in range(count):
            done.append(threading.Event())
            self.clicked.append(done[-1])
            body = block_action(OFFICER, BUTTON, str(len(self.clicked) - 1), "CKLACHTEN")
            assert dispatch_interactive(self.app, body).status == 200
        return done


@pytest.fixture
def work_app(fake_slack, arrivals):
    """make(threads, **gate) -> a WorkApp whose gate has `quiet` and `longest_wait`, warmed
    up (its first request asks Slack who the bot is)."""

    def make(threads: int = 2, **gate: float) -> WorkApp:
        made = WorkApp(fake_slack.url, AfterAck(None, arrivals, **gate), threads)
        assert made.click()[0].wait(5)
        return made

    return make


def test_work_waits_until_requests_stop_arriving(arrivals, work_app):
    app = work_app(quiet=0.1, longest_wait=10)
    with requests_arriving(arrivals) as last:
        [done] = app.click()
        time.sleep(0.4)
        assert not done.is_set()
    assert done.wait(5)
    assert last[0] + 0.1 <= done.started < last[0] + 1.0


def test_work_runs_by_its_deadline_when_requests_never_stop(arrivals, work_app):
    """The deadline counts from the acknowledgement: three pieces on one thread all run at
    about `longest_wait`, not one after the other's wait."""
    app = work_app(threads=1, quiet=10, longest_wait=0.3)
    with requests_arriving(arrivals):
        queued = time.monotonic()
        done = app.click(count=3)
        assert all(event.wait(5) for event in done)
    assert all(queued + 0.29 <= event.started < queued + 0.8 for event in done)


def test_work_after_a_single_request_waits_only_the_quiet_time(arrivals, work_app):
    app = work_app(quiet=0.05, longest_wait=10)
    marked = time.monotonic()
    arrivals.mark()
    [done] = app.click()
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
