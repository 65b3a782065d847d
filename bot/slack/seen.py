"""Events API ids and signed requests already handled, so that Slack's retries
(X-Slack-Retry-Num) and replays change nothing, also when they reach another process."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError

from bot.procedure.people import Surface
from storage.db import Database
from storage.models.chat import SeenEvent

KEEP = dt.timedelta(days=1)


class SeenEvents:
    def __init__(self, db: Database, clock: Callable[[], dt.datetime]) -> None:
        self.db = db
        self.clock = clock

    def first_time(self, event_id: str) -> bool:
        """Record `event_id`; False when it was recorded before (a retry or a replay)."""
        now = self.clock()
        try:
            with self.db.session() as session:
                session.execute(delete(SeenEvent).where(SeenEvent.seen_at < now - KEEP))
                session.add(SeenEvent(surface=Surface.SLACK.value, event_id=event_id, seen_at=now))
        except IntegrityError:
            return False
        return True
