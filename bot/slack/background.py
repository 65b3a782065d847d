"""Work that follows an acknowledgement (loading a complaint, opening a modal, publishing a
Home tab) runs on a few threads of lower scheduling priority, apart from the threads that
acknowledge, so that it never holds up the next request's acknowledgement.

`client` is the app's own client, for the work to call Slack with: the one Bolt builds for
each request is a plain WebClient, which opens a new connection for every call.

In HTTP mode the listener returns before the acknowledgement is written to the socket; work
started inside `HeldWork` waits until the server has sent the response (see runner.wsgi_app),
so it does not compete with the very acknowledgement it follows."""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from types import TracebackType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from logging import Logger

    from slack_bolt import Ack
    from slack_sdk import WebClient

    from bot.slack.errors import Listener

log = logging.getLogger(__name__)

THREADS = 2
NICENESS = 10

_held = threading.local()


class AfterAck:
    def __init__(self, client: WebClient, threads: int = THREADS) -> None:
        self.client = client
        self._pool = ThreadPoolExecutor(
            threads, thread_name_prefix="after-ack", initializer=_lower_priority
        )

    def run(
        self, work: Listener, ack: Ack, body: dict[str, Any], client: WebClient, logger: Logger
    ) -> None:
        start = partial(self._pool.submit, work, ack, body, client, logger)
        held: list[Callable[[], object]] | None = getattr(_held, "starts", None)
        if held is None:
            start()
        else:
            held.append(start)


class HeldWork:
    """Within `with`, after-ack work started on this thread waits for `release()`."""

    def __init__(self) -> None:
        self._starts: list[Callable[[], object]] = []

    def __enter__(self) -> HeldWork:
        _held.starts = self._starts
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        _held.starts = None
        if kind is not None:  # no response will be sent: nothing to wait for
            self.release()

    def release(self) -> None:
        starts, self._starts[:] = list(self._starts), []
        for start in starts:
            start()


def _lower_priority() -> None:
    # On Linux each thread is a task with its own nice value; elsewhere leave it as it is.
    if sys.platform == "linux":
        try:
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), NICENESS)
        except OSError as exc:
            log.debug("after-ack threads keep normal priority: %s", exc)
