"""People by their Slack profile name (real name, else display name), not their handle.

Names are cached in memory and in the database (`profiles`, surface "slack"), so `users.info` is
asked once a week per person across all processes; when Slack cannot say, the handle stands in and
Slack is asked again a few minutes later."""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from bot.procedure.people import Surface
from storage.db import Database
from storage.models.chat import Profile

log = logging.getLogger(__name__)

FRESH_FOR = dt.timedelta(days=7)
# How many people one message may make the bot ask Slack about (users.info) before a modal
# opens: Slack's trigger expires after three seconds. Others are named if known already.
LOOKUPS_PER_MESSAGE = 10
RETRY_AFTER_SECONDS = 300.0
NAME_LIMIT = 200

SLACK = Surface.SLACK.value


def profile_name(user: dict[str, Any]) -> str:
    """The name a person goes by in Slack: real name, else display name, else handle."""
    profile = user.get("profile") or {}
    for name in (
        profile.get("real_name"),
        user.get("real_name"),
        profile.get("display_name"),
        user.get("name"),
    ):
        if name and name.strip():
            return name.strip()[:NAME_LIMIT]
    return ""


class Profiles:
    def __init__(
        self,
        db: Database,
        client: WebClient,
        clock: Callable[[], dt.datetime],
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.db = db
        self.client = client
        self.clock = clock
        self.monotonic = monotonic
        self._names: dict[str, str] = {}
        self._failed: dict[str, float] = {}
        self._lock = threading.Lock()

    def name(self, user_id: str, fallback: str = "") -> str:
        """`user_id`'s profile name; `fallback` (their handle) while Slack cannot say."""
        with self._lock:
            known = self._names.get(user_id)
        if known is not None:
            return known
        failed_at = self._failed.get(user_id)
        if failed_at is not None and self.monotonic() - failed_at < RETRY_AFTER_SECONDS:
            return fallback
        name = self._stored(user_id) or self._fetch(user_id)
        if not name:
            self._failed[user_id] = self.monotonic()
            return fallback
        with self._lock:
            self._names[user_id] = name
        return name

    def names(self, user_ids: list[str], *, lookups: int = LOOKUPS_PER_MESSAGE) -> dict[str, str]:
        """The names of everyone in `user_ids` that is known: from memory, then from the
        database in one query, then asking Slack about the first `lookups` of the rest."""
        wanted = list(dict.fromkeys(user_ids))
        with self._lock:
            found = {uid: self._names[uid] for uid in wanted if uid in self._names}
        missing = [uid for uid in wanted if uid not in found]
        if missing:
            found.update(self._stored_many(missing))
        asked = 0
        for user_id in wanted:
            if user_id in found:
                continue
            if asked >= lookups:
                break
            asked += 1
            name = self.name(user_id)
            if name:
                found[user_id] = name
        return found

    def _stored_many(self, user_ids: list[str]) -> dict[str, str]:
        with self.db.session() as session:
            rows = session.scalars(
                select(Profile).where(
                    Profile.surface == SLACK,
                    Profile.user_id.in_(user_ids),
                    Profile.fetched_at >= self.clock() - FRESH_FOR,
                )
            ).all()
            found = {row.user_id: row.name for row in rows}
        with self._lock:
            self._names.update(found)
        return found

    def _stored(self, user_id: str) -> str | None:
        with self.db.session() as session:
            row = session.get(Profile, (SLACK, user_id))
            if row is None or row.fetched_at < self.clock() - FRESH_FOR:
                return None
            return row.name

    def _fetch(self, user_id: str) -> str | None:
        try:
            user = self.client.users_info(user=user_id)["user"]
        except SlackApiError as exc:
            log.warning("no Slack profile for a user: %s", exc.response.get("error"))
            return None
        except OSError as exc:
            log.warning("no Slack profile for a user: %s", type(exc).__name__)
            return None
        name = profile_name(user)
        if name:
            self._store(user_id, name)
        return name or None

    def _store(self, user_id: str, name: str) -> None:
        try:
            with self.db.session() as session:
                row = session.get(Profile, (SLACK, user_id))
                if row is None:
                    session.add(
                        Profile(surface=SLACK, user_id=user_id, name=name, fetched_at=self.clock())
                    )
                else:
                    row.name, row.fetched_at = name, self.clock()
        except IntegrityError:
            pass  # another process stored the same person a moment ago
