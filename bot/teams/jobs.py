"""The Teams surface's side of the clock (the port of bot/jobs/port.py): its jobs, whom it
tells, and the officers told in their personal chats with the bot.

The jobs come from the modules that deliver (`JOB_MODULES`, each with its own `JOBS`): the
channels (bot.teams.delivery: the complaints channel's posts and threads; bot.teams.management:
escalations and reports in the management channel). A module that delivers more adds itself
there. They run in `clock`, after the deciding jobs; the `teams` process only answers Teams.
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
from bot.procedure.people import Surface
from bot.service import ComplaintService
from bot.teams.connector import BotConnector, Outcome, Refused, Sent, sent
from bot.teams.views import render
from bot.texts import teams as text
from bot.views.model import Message, Paragraph
from storage.teams import TeamsDirectory

if TYPE_CHECKING:
    from bot.teams.delivery import ChannelDeliverer

log = logging.getLogger(__name__)

TEAMS = Surface.TEAMS.value
JOB_MODULES = ("bot.teams.delivery", "bot.teams.management")


def teams_jobs() -> tuple[Job, ...]:
    """Every Teams job, in the order of JOB_MODULES."""
    return tuple(job for name in JOB_MODULES for job in importlib.import_module(name).JOBS)


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
        self.show_officers(Message("officers", (message,), (Paragraph(((message,),)),)))

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
        """A message in the personal chat with the person whose Entra object id this is; the
        chat is opened through the Bot Connector when only their Teams id is known."""
        member = self.directory.member_by_object_id(object_id)
        if member is None or member.removed:
            return Refused(404, "MemberUnknown", text.PERSON_UNKNOWN)
        chat = member.personal_chat_id
        if chat is None:
            opened = self.connector.open_personal_chat(
                member.user_id, service_url=member.service_url
            )
            if not isinstance(opened, Sent):
                return opened
            chat = opened.conversation_id
            self.directory.set_personal_chat(member.user_id, chat)
        return self.connector.send(chat, activity, service_url=member.service_url)


def teams_of(ctx: JobContext) -> TeamsSurface:
    surface = ctx.surface(TEAMS)
    assert isinstance(surface, TeamsSurface)
    return surface
