"""Events API ids and signed requests already handled, so that Slack's retries
(X-Slack-Retry-Num) and replays change nothing, also when they reach another process.

Every HTTP request is recorded before Bolt sees it, so recording must not queue the answers
behind each other (SQLite writes one transaction at a time). Requests that arrive together are
recorded together: the first waits for the database, the others join its batch, and one
INSERT ... ON CONFLICT DO NOTHING says which of them are new (group commit).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Collection
from typing import Any

from sqlalchemy import Connection, delete

from storage.claims import dialect_insert
from storage.db import Database
from storage.models.slack import SlackSeenEvent

KEEP = dt.timedelta(days=1)
# Ids older than KEEP are cleared now and then, not with every batch.
PURGE_EVERY = dt.timedelta(minutes=5)


class _Batch:
    """Ids recorded in one statement; the threads that wait for it learn which were new."""

    def __init__(self) -> None:
        self.ids: set[str] = set()
        self.new: set[str] = set()
        self.error: BaseException | None = None
        self.done = threading.Event()

    def join(self, event_id: str) -> bool:
        """Add `event_id`; False when it is in this batch already (a replay right behind)."""
        if event_id in self.ids:
            return False
        self.ids.add(event_id)
        return True

    def wait(self) -> None:
        self.done.wait()
        if self.error is not None:
            raise self.error


class SeenEvents:
    def __init__(self, db: Database, clock: Callable[[], dt.datetime]) -> None:
        self.db = db
        self.clock = clock
        self._purged_at: dt.datetime | None = None
        self._joining: _Batch | None = None
        self._pending = threading.Lock()  # guards _joining
        self._writing = threading.Lock()  # one batch at a time from this process
        self._insert: Any = None

    def first_time(self, event_id: str) -> bool:
        """Record `event_id`; False when it was recorded before (a retry or a replay)."""
        with self._pending:
            batch = self._joining
            leads = batch is None
            if batch is None:
                batch = self._joining = _Batch()
            first = batch.join(event_id)
        if leads:
            self._write(batch)
        batch.wait()
        return first and event_id in batch.new

    def _write(self, batch: _Batch) -> None:
        with self._writing:
            with self._pending:
                self._joining = None  # whoever comes now starts the next batch
            try:
                batch.new = self._record(batch.ids)
            except BaseException as exc:
                batch.error = exc
            finally:
                batch.done.set()

    def _record(self, ids: Collection[str]) -> set[str]:
        now = self.clock()
        with self.db.autocommit() as connection:
            if self._purged_at is None or now - self._purged_at >= PURGE_EVERY:
                self._purged_at = now
                old = SlackSeenEvent.seen_at < now - KEEP
                connection.execute(delete(SlackSeenEvent).where(old))
            rows = [{"event_id": event_id, "seen_at": now} for event_id in ids]
            return set(connection.scalars(self._statement(connection), rows))

    def _statement(self, connection: Connection) -> Any:
        """Built once: INSERT ... ON CONFLICT DO NOTHING RETURNING the ids that were new."""
        if self._insert is None:
            self._insert = (
                dialect_insert(connection, SlackSeenEvent)
                .on_conflict_do_nothing(index_elements=["event_id"])
                .returning(SlackSeenEvent.event_id)
            )
        return self._insert
