"""The Home tab per role, and keeping it current.

`home_of` builds a person's Home from the database. `HomeRefresher` republishes the Home of
everyone who opened it lately, a moment after a change (a step taken in this process, or a
complaint this process delivered to the channel, e.g. one that `ingest` stored): the viewers
are kept in the database, so whichever process sees the change refreshes every viewer.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from slack_sdk.errors import SlackApiError
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from bot.procedure import Actor, Role, State
from bot.procedure.discussion import request_of
from bot.service import ComplaintService
from bot.slack.employees import answer_due
from bot.slack.views.dashboards import (
    ESCALATIONS_LISTED,
    OFFICER_LISTED,
    management_home,
    officer_home,
)
from bot.slack.views.discussion import home_request_blocks
from bot.slack.views.home import employee_home
from bot.slack.views.reports import key_figure_blocks
from bot.slack.workflows import buttons_for
from storage.db import Database
from storage.models.slack import SlackHomeViewer

log = logging.getLogger(__name__)

WATCHED_FOR = dt.timedelta(hours=12)
DEBOUNCE_SECONDS = 1.0


def home_of(actor: Actor, service: ComplaintService) -> dict[str, Any]:
    """What this person's Home shows; each role sees only what is theirs to see."""
    now = service.now()
    requests = _waiting_requests(actor, service)
    if actor.role is Role.OFFICER:
        found = service.open_complaints(limit=OFFICER_LISTED)
        return officer_home(
            service.counts(),
            found.complaints,
            now,
            service.calendar,
            lambda complaint: buttons_for(actor, complaint),
            requests,
        )
    if actor.role is Role.MANAGEMENT:
        from reports.generate import latest_posted_quarter

        report = latest_posted_quarter(service.db, service.settings)
        escalations = service.overdue(limit=ESCALATIONS_LISTED)
        return management_home(
            key_figure_blocks(report) if report else None,
            escalations.complaints,
            service.counts().overdue,
            requests,
        )
    return employee_home(requests)


def _waiting_requests(actor: Actor, service: ComplaintService) -> list[list[dict[str, Any]]]:
    """This person's discussion requests still waiting for them, with their buttons."""
    entries = []
    for complaint in service.list(states=[State.DISCUSSION]):
        request = request_of(complaint, actor.user_id)
        if request is not None and request.waiting:
            entries.append(home_request_blocks(complaint, request, answer_due(service, request)))
    return entries


class HomeRefresher:
    def __init__(
        self,
        db: Database,
        clock: Callable[[], dt.datetime],
        publish: Callable[[str], None],
        *,
        debounce: float = DEBOUNCE_SECONDS,
    ) -> None:
        self.db = db
        self.clock = clock
        self.publish = publish
        self.debounce = debounce
        self._dirty = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def opened(self, user_id: str) -> None:
        """`user_id` looks at their Home now: refresh it after changes for a while."""
        now = self.clock()
        try:
            with self.db.session() as session:
                viewer = session.get(SlackHomeViewer, user_id)
                if viewer is None:
                    session.add(SlackHomeViewer(user_id=user_id, opened_at=now))
                else:
                    viewer.opened_at = now
        except IntegrityError:
            pass  # another process recorded the same person at the same moment

    def changed(self, *_: object) -> None:
        """Something that Homes show changed: republish them shortly (changes in quick
        succession become one round)."""
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="home-refresh", daemon=True)
                self._thread.start()
        self._dirty.set()

    def viewers(self) -> list[str]:
        since = self.clock() - WATCHED_FOR
        with self.db.session() as session:
            query = select(SlackHomeViewer.user_id).where(SlackHomeViewer.opened_at >= since)
            return list(session.scalars(query.order_by(SlackHomeViewer.user_id)))

    def refresh_all(self) -> None:
        for user_id in self.viewers():
            try:
                self.publish(user_id)
            except SlackApiError as exc:
                log.warning("Home not republished: %s", exc.response.get("error"))

    def _run(self) -> None:
        while True:
            self._dirty.wait()
            time.sleep(self.debounce)
            self._dirty.clear()
            try:
                self.refresh_all()
            except Exception as exc:
                from bot.jobs.runner import describe_error

                log.warning("Home refresh round failed (%s)", describe_error(exc))
