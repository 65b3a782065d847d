"""Worker processes for the concurrency tests (a module of its own so `spawn` can import it)."""

from __future__ import annotations

import datetime as dt
import time
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier

from bot.procedure import SYSTEM_ACTOR, Source
from bot.procedure.inputs import Intake
from bot.service import ComplaintService
from bot.settings import Settings
from storage.db import Database

AMS_OFFSET = dt.timezone(dt.timedelta(hours=1))


def submit_many(url: str, worker: int, count: int, start: Barrier, timings: Queue) -> None:
    """Submit `count` complaints as fast as possible, once every worker is ready; put the
    seconds that took on `timings`."""
    database = Database(url)
    service = ComplaintService(database, Settings(_env_file=None, database_url=url))
    try:
        start.wait()
        began = time.monotonic()
        for n in range(count):
            intake = Intake(
                source=Source.EMAIL,
                received_at=dt.datetime(2026, 3, 2, 9, tzinfo=AMS_OFFSET) + dt.timedelta(minutes=n),
                subject=f"worker {worker} complaint {n}",
                body="Concurrency test.",
            )
            service.submit(intake, SYSTEM_ACTOR)
        timings.put(time.monotonic() - began)
    finally:
        database.dispose()
