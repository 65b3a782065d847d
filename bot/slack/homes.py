"""The Home tab per role, and keeping it current.

`home_of` builds a person's Home from the database. `HomeRefresher` republishes the Home of
everyone who opened it lately; the scheduler's `homes` job runs it (bot/slack/jobs.py): kicked
a moment after a change this process saw (a step taken here, or a complaint this process
delivered to the channel, e.g. one that `ingest` stored), and every minute in the clock for
changes no process saw (a deadline passing, a report the clock posted). The viewers and what
each was last shown are kept in the database, so whichever process refreshes, an unchanged Home
is not published twice.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from collections.abc import Callable
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from bot.homes import dashboard_of
from bot.procedure import Actor
from bot.procedure.people import Surface
from bot.service import ComplaintService
from bot.slack.actors import Actors
from bot.slack.ids import HOME_UPDATED_BLOCK
from bot.slack.profiles import Profiles
from bot.slack.views import render
from storage.db import Database
from storage.models.chat import HomeViewer

log = logging.getLogger(__name__)

WATCHED_FOR = dt.timedelta(hours=12)
DEBOUNCE_SECONDS = 1.0  # a kick of the `homes` job after a change waits this long for more

SLACK = Surface.SLACK.value


def home_of(actor: Actor, service: ComplaintService) -> dict[str, Any]:
    """This person's Home tab."""
    return render.dashboard(dashboard_of(actor, service))


class HomeRefresher:
    """Publishes the Homes of everyone who opened theirs within WATCHED_FOR (`refresh_all`, the
    `homes` job). A view identical to the one last published (its digest is in the database)
    is not published again."""

    def __init__(
        self,
        db: Database,
        clock: Callable[[], dt.datetime],
        build: Callable[[str], dict[str, Any]],
        publish: Callable[[str, dict[str, Any]], None],
    ) -> None:
        self.db = db
        self.clock = clock
        self.build = build
        self.publish = publish

    def opened(self, user_id: str) -> None:
        """`user_id` opens their Home now: publish it, and refresh it after changes for a
        while."""
        now = self.clock()
        try:
            with self.db.session() as session:
                viewer = session.get(HomeViewer, (SLACK, user_id))
                if viewer is None:
                    session.add(HomeViewer(surface=SLACK, user_id=user_id, opened_at=now))
                else:
                    viewer.opened_at = now
        except IntegrityError:
            pass  # another process recorded the same person at the same moment
        self.show(user_id, shown=None)

    def viewers(self) -> list[tuple[str, str | None]]:
        """Who looked lately, with the digest of the view they were last shown."""
        since = self.clock() - WATCHED_FOR
        with self.db.reading() as session:
            query = (
                select(HomeViewer.user_id, HomeViewer.shown_digest)
                .where(HomeViewer.opened_at >= since)
                .order_by(HomeViewer.user_id)
            )
            return [(user_id, shown) for user_id, shown in session.execute(query)]

    def refresh_all(self) -> int:
        """Republish every viewer's Home that changed; returns how many were published."""
        published = 0
        for user_id, shown in self.viewers():
            try:
                published += self.show(user_id, shown)
            except SlackApiError as exc:
                log.warning("Home not republished: %s", exc.response.get("error"))
        return published

    def show(self, user_id: str, shown: str | None) -> bool:
        """Publish `user_id`'s Home unless it is the view with digest `shown`."""
        view = self.build(user_id)
        digest = digest_of(view)
        if digest == shown:
            return False
        self.publish(user_id, view)
        with self.db.session() as session:
            viewer = session.get(HomeViewer, (SLACK, user_id))
            if viewer is not None:
                viewer.shown_digest = digest
        return True


def digest_of(view: dict[str, Any]) -> str:
    """A fingerprint of what `view` shows, without the moment it was made."""
    shown = [block for block in view["blocks"] if block.get("block_id") != HOME_UPDATED_BLOCK]
    content = json.dumps({**view, "blocks": shown}, sort_keys=True)
    return hashlib.sha256(content.encode()).hexdigest()


def home_refresher(
    service: ComplaintService, client: WebClient, actors: Actors | None = None
) -> HomeRefresher:
    """The refresher of one process, publishing through `client`."""
    people = actors or Actors(service.settings, client, Profiles(service.db, client, service.clock))

    def build(user_id: str) -> dict[str, Any]:
        return home_of(people.actor(user_id), service)

    def publish(user_id: str, view: dict[str, Any]) -> None:
        client.views_publish(user_id=user_id, view=view)

    return HomeRefresher(service.db, service.clock, build, publish)
