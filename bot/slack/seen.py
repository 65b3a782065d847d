"""Events API ids and signed requests already handled, so that Slack's retries
(X-Slack-Retry-Num) and replays change nothing, also when they reach another process."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import delete, insert
from sqlalchemy.exc import IntegrityError

from storage.db import Database
from storage.models.slack import SlackSeenEvent

KEEP = dt.timedelta(days=1)
# Ids older than KEEP are cleared now and then, not on every request: one request, one insert.
PURGE_EVERY = dt.timedelta(minutes=5)
RECORD = insert(SlackSeenEvent)


class SeenEvents:
    def __init__(self, db: Database, clock: Callable[[], dt.datetime]) -> None:
        self.db = db
        self.clock = clock
        self._purged_at: dt.datetime | None = None

    def first_time(self, event_id: str) -> bool:
        """Record `event_id`; False when it was recorded before (a retry or a replay)."""
        now = self.clock()
        try:
            with self.db.autocommit() as connection:
                if self._purged_at is None or now - self._purged_at >= PURGE_EVERY:
                    self._purged_at = now
                    old = SlackSeenEvent.seen_at < now - KEEP
                    connection.execute(delete(SlackSeenEvent).where(old))
                connection.execute(RECORD, {"event_id": event_id, "seen_at": now})
        except IntegrityError:
            return False
        return True
