"""Each person's dashboard (officer, management, employee) as a card in their personal chat with
the bot: the twin of Slack's App Home (bot.slack.homes); bot.homes.dashboard_of builds the view.

- `show` posts a new Home card: when the app is installed in the person's personal scope, and on
  the command `home`. The card's chat and activity id are kept in `home_viewers` (surface
  "teams"), with a fingerprint of what it shows.
- `refresh_all` (the `teams_homes` job, every minute in the clock) rebuilds the Home of everyone
  who got one within WATCHED_FOR and replaces the card in place (PUT) where it changed: a step
  taken, a deadline passed, a report posted. An unchanged Home is not sent again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from typing import Any

from sqlalchemy import select

from bot.homes import dashboard_of
from bot.procedure import Actor
from bot.procedure.people import Surface
from bot.procedure.roles import role_of
from bot.service import ComplaintService
from bot.settings import Settings
from bot.teams.connector import BotConnector, Outcome, Sent
from bot.teams.personal import PersonalChats, unreachable
from bot.teams.views.render import UPDATED_ID, dashboard
from storage.models.chat import HomeViewer
from storage.teams import TeamsDirectory

log = logging.getLogger(__name__)

TEAMS = Surface.TEAMS.value
# A Home card is kept current this long after it was sent (a new `home` starts again).
WATCHED_FOR = dt.timedelta(days=14)


def actor_for(settings: Settings, object_id: str, name: str = "") -> Actor:
    """The person by Entra object id, in the role the settings give them."""
    role = role_of(
        object_id,
        officer_ids=set(settings.teams_officer_ids),
        management_ids=set(settings.teams_management_ids),
    )
    return Actor(object_id, role, name, Surface.TEAMS)


class TeamsHomes:
    def __init__(self, service: ComplaintService, chats: PersonalChats) -> None:
        self.service = service
        self.chats = chats

    def show(self, actor: Actor) -> Outcome:
        """A new Home card in the person's personal chat, kept to be updated in place."""
        card = self._card(actor)
        outcome = self.chats.send(actor.user_id, card)
        if isinstance(outcome, Sent):
            self._keep(actor.user_id, outcome, digest_of(card))
        return outcome

    def refresh_all(self) -> int:
        """Replace every watched Home card that changed; how many were replaced."""
        since = self.service.now() - WATCHED_FOR
        with self.service.db.reading() as session:
            watched = session.execute(
                select(HomeViewer.user_id, HomeViewer.conversation, HomeViewer.ref)
                .where(
                    HomeViewer.surface == TEAMS,
                    HomeViewer.opened_at >= since,
                    HomeViewer.ref.is_not(None),
                )
                .order_by(HomeViewer.user_id)
            ).all()
            shown = {
                row.user_id: row.shown_digest
                for row in session.scalars(select(HomeViewer).where(HomeViewer.surface == TEAMS))
            }
        replaced = 0
        for user_id, chat, activity_id in watched:
            card = self._card(actor_for(self.service.settings, user_id))
            digest = digest_of(card)
            if digest == shown.get(user_id):
                continue
            outcome = self.chats.update(user_id, chat, activity_id, card)
            if isinstance(outcome, Sent) or unreachable(outcome):
                # Gone: nothing to update until the person asks for their Home again.
                self._shown(user_id, digest)
                replaced += isinstance(outcome, Sent)
            else:
                log.warning("a Home card in Teams not updated: %s", outcome.code)
        return replaced

    def _card(self, actor: Actor) -> dict[str, Any]:
        return dashboard(dashboard_of(actor, self.service))

    def _keep(self, user_id: str, sent: Sent, digest: str) -> None:
        now = self.service.now()
        with self.service.db.session() as session:
            viewer = session.get(HomeViewer, (TEAMS, user_id))
            if viewer is None:
                viewer = HomeViewer(surface=TEAMS, user_id=user_id, opened_at=now)
                session.add(viewer)
            viewer.opened_at = now
            viewer.conversation = sent.conversation_id
            viewer.ref = sent.activity_id
            viewer.shown_digest = digest

    def _shown(self, user_id: str, digest: str) -> None:
        with self.service.db.session() as session:
            viewer = session.get(HomeViewer, (TEAMS, user_id))
            if viewer is not None:
                viewer.shown_digest = digest


def digest_of(activity: dict[str, Any]) -> str:
    """A fingerprint of what a Home card shows, without the moment it was made."""
    content = json.dumps(_without_updated(activity), sort_keys=True, default=str)
    return hashlib.sha256(content.encode()).hexdigest()


def _without_updated(node: Any) -> Any:
    if isinstance(node, dict):
        return {key: _without_updated(value) for key, value in node.items()}
    if isinstance(node, list):
        return [
            _without_updated(item)
            for item in node
            if not (isinstance(item, dict) and item.get("id") == UPDATED_ID)
        ]
    return node


def homes_of(service: ComplaintService, connector: BotConnector) -> TeamsHomes:
    directory = TeamsDirectory(service.db, service.now)
    return TeamsHomes(service, PersonalChats(service.settings, directory, connector))


def refresh_homes(service: ComplaintService, connector: BotConnector, now: dt.datetime) -> int:
    """The `teams_homes` job: every watched Home card brought up to date."""
    return homes_of(service, connector).refresh_all()
