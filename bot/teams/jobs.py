"""The Teams surface's side of the clock (the port of bot/jobs/port.py): its jobs, whom it
tells, and the officers told in their personal chats with the bot.

The jobs come from the modules that deliver (`JOB_MODULES`, each with its own `JOBS`): the
channels (bot.teams.delivery: the complaints channel's posts and threads; bot.teams.management:
the reports in the management channel), and the personal chats (bot.teams.personal_jobs: the
employees' requests, the ledger's notifications, escalations to the management channel among
them, and the Homes). They run in `clock`, after the deciding jobs; the `teams` process only
answers Teams.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any

from bot.jobs.context import JobContext
from bot.jobs.port import named_only
from bot.jobs.registry import Job
from bot.lookup import answer
from bot.procedure.people import Surface
from bot.service import ComplaintService
from bot.teams.connector import BotConnector, Outcome, Sent, sent
from bot.teams.views import render
from bot.views.model import Message
from storage.teams import TeamsDirectory

if TYPE_CHECKING:
    from bot.teams.delivery import ChannelDeliverer

log = logging.getLogger(__name__)

TEAMS = Surface.TEAMS.value
JOB_MODULES = ("bot.teams.delivery", "bot.teams.management")


def teams_jobs() -> tuple[Job, ...]:
    """Every Teams job: those of JOB_MODULES in their order, then the personal chats'."""
    from bot.teams.personal_jobs import personal_jobs

    channels = (job for name in JOB_MODULES for job in importlib.import_module(name).JOBS)
    return (*channels, *personal_jobs(lambda ctx: teams_of(ctx).connector))


class TeamsSurface:
    """Teams for the clock: CHAT_PLATFORM=teams and the complaints channel are configured."""

    name = TEAMS

    def __init__(self, service: ComplaintService, connector: BotConnector, owner: str) -> None:
        self.service = service
        self.connector = connector
        self.owner = owner
        self.directory = TeamsDirectory(service.db, service.now)

    @property
    def jobs(self) -> Sequence[Job]:
        return teams_jobs()

    @cached_property
    def channel(self) -> ChannelDeliverer:
        """The complaints channel's deliverer (bot.teams.delivery), one for this process."""
        from bot.teams.delivery import ChannelDeliverer

        return ChannelDeliverer(self)

    def officers_to_tell(self) -> list[str]:
        """The officers' Entra object ids (TEAMS_OFFICER_IDS)."""
        return named_only(self.service.settings.teams_officer_ids)

    def management_to_tell(self) -> list[str]:
        return named_only(self.service.settings.teams_management_ids)

    def tell_officers(self, message: str) -> None:
        self.show_officers(answer(message))

    def show_officers(self, view: Message) -> None:
        """`view` in each officer's personal chat with the bot; one out of reach is logged."""
        activity = render.message(view)
        for object_id in self.officers_to_tell():
            outcome = self.send_to_person(object_id, activity)
            if not isinstance(outcome, Sent):
                log.warning("could not tell an officer in Teams: %s", outcome.code)

    def post_in_channel(self, channel: str, activity: dict[str, Any]) -> Sent:
        """A new post (its own thread) in a channel; NotSent when Teams did not take it."""
        outcome = self.connector.create_thread(
            channel, activity, service_url=self.service_url_of(channel)
        )
        return sent(outcome)

    def service_url_of(self, conversation_id: str) -> str | None:
        """Where Teams said this conversation is served (None: TEAMS_SERVICE_URL)."""
        reference = self.directory.conversation(conversation_id.partition(";messageid=")[0])
        return reference.service_url if reference is not None else None

    def send_to_person(self, object_id: str, activity: dict[str, Any]) -> Outcome:
        """A message in the personal chat of the person with this Entra object id
        (bot.teams.personal: opened from the team roster when needed)."""
        from bot.teams.personal import PersonalChats

        chats = PersonalChats(self.service.settings, self.directory, self.connector)
        return chats.send(object_id, activity)


def teams_of(ctx: JobContext) -> TeamsSurface:
    surface = ctx.surface(TEAMS)
    assert isinstance(surface, TeamsSurface)
    return surface
