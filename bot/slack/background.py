"""Work that follows an acknowledgement (loading a complaint, opening a modal, publishing a
Home tab) runs on a few threads of lower scheduling priority, apart from the threads that
acknowledge, so that it never holds up the next request's acknowledgement.

`client` is the app's own client, for the work to call Slack with: the one Bolt builds for
each request is a plain WebClient, which opens a new connection for every call."""

from __future__ import annotations

import logging
import os
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from logging import Logger

    from slack_bolt import Ack
    from slack_sdk import WebClient

    from bot.slack.errors import Listener

log = logging.getLogger(__name__)

THREADS = 2
NICENESS = 10


class AfterAck:
    def __init__(self, client: WebClient, threads: int = THREADS) -> None:
        self.client = client
        self._pool = ThreadPoolExecutor(
            threads, thread_name_prefix="after-ack", initializer=_lower_priority
        )

    def run(
        self, work: Listener, ack: Ack, body: dict[str, Any], client: WebClient, logger: Logger
    ) -> None:
        self._pool.submit(work, ack, body, client, logger)


def _lower_priority() -> None:
    # On Linux each thread is a task with its own nice value; elsewhere leave it as it is.
    if sys.platform == "linux":
        try:
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), NICENESS)
        except OSError as exc:
            log.debug("after-ack threads keep normal priority: %s", exc)
