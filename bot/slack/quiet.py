"""Work that follows an acknowledgement (loading a complaint, opening a modal, publishing a
Home tab, making a report) runs as a Bolt lazy listener, on the app's few `listener_executor`
threads apart from the ones that acknowledge, and only in a quiet moment.

Slack wants every acknowledgement within 3 s. The work after one costs more CPU than the
acknowledgement itself, and under load it would take the cores that the next requests'
acknowledgements wait for. So the work starts once no Slack request has arrived, at any
process of this server, for `QUIET` seconds, and at the latest `LONGEST_WAIT` after the
acknowledgement: a modal's trigger stays valid for 3 s. When Slack is calm, the usual case, a
modal opens `QUIET` later than it could, which nobody sees.

The listener acknowledges and hands the work to Bolt's lazy listener runner with the request
itself. Bolt's `lazy=[...]` registration would first deep-copy the request for each lazy
function, before the acknowledgement is sent: measured in one process, that took a click's
acknowledgement from 0.2 to 0.5 ms (median). Nothing changes the request after the
acknowledgement, so the work can read it as it is.

`client` is the app's own client, for the work to call Slack with: the one Bolt builds for
each request is a plain WebClient, which opens a new connection for every call.
"""

from __future__ import annotations

import math
import time
from multiprocessing.sharedctypes import RawValue
from typing import TYPE_CHECKING, Any

from slack_bolt.middleware import Middleware

if TYPE_CHECKING:
    from collections.abc import Callable
    from logging import Logger

    from slack_bolt import Ack, BoltRequest, BoltResponse
    from slack_sdk import WebClient

    from bot.slack.errors import Listener

THREADS = 2  # the app's listener_executor, which runs the lazy listeners
QUIET = 0.01
LONGEST_WAIT = 0.5


class Arrivals:
    """When the latest Slack request arrived. It lives in shared memory, so the gunicorn
    workers, forked after it is made, see each other's requests."""

    def __init__(self) -> None:
        # time.monotonic() is one clock for every process on the machine; nothing has
        # arrived yet, so it has been quiet for ever.
        self._latest = RawValue("d", -math.inf)

    def mark(self) -> None:
        self._latest.value = time.monotonic()

    def since_latest(self) -> float:
        """Seconds since the latest request arrived."""
        return time.monotonic() - self._latest.value

    def wait_for_quiet(self, quiet: float, deadline: float) -> None:
        """Return once no request has arrived for `quiet` seconds, or at `deadline`
        (time.monotonic())."""
        while True:
            calm = self.since_latest()
            left = deadline - time.monotonic()
            if calm >= quiet or left <= 0:
                return
            time.sleep(min(quiet - calm, left))


class MarkArrivals(Middleware):
    """Global middleware: every verified request counts as an arrival."""

    def __init__(self, arrivals: Arrivals) -> None:
        self.arrivals = arrivals

    def process(
        self, *, req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]
    ) -> BoltResponse:
        self.arrivals.mark()
        next()
        return resp


class AfterAck:
    """Starts work after an acknowledgement as a lazy listener of the request, which waits
    for a quiet moment first."""

    def __init__(
        self,
        client: WebClient,
        arrivals: Arrivals,
        *,
        quiet: float = QUIET,
        longest_wait: float = LONGEST_WAIT,
    ) -> None:
        self.client = client
        self.arrivals = arrivals
        self.quiet = quiet
        self.longest_wait = longest_wait

    def run(self, work: Listener, request: BoltRequest) -> None:
        """Run `work` with the request's `ack`, `body` and logger and the app's client. Call
        it from a listener, after `ack()`."""
        deadline = time.monotonic() + self.longest_wait

        def lazy(ack: Ack, body: dict[str, Any], logger: Logger) -> None:  # Bolt's arguments
            self.arrivals.wait_for_quiet(self.quiet, deadline)
            work(ack, body, self.client, logger)

        request.context.listener_runner.lazy_listener_runner.start(lazy, request)
