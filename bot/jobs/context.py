"""What every job is handed: the application's service, Slack (when configured), an owner name."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from bot.service import ComplaintService
from bot.settings import Settings
from bot.workdays import WorkCalendar
from storage.claims import process_owner
from storage.db import Database

if TYPE_CHECKING:
    from slack_sdk import WebClient

    from bot.slack.delivery import Deliverer
    from bot.slack.homes import HomeRefresher


@dataclass
class JobContext:
    """`slack` is None when no bot token or complaints channel is set: jobs that only decide
    still run (what they decide waits in the database), jobs that post are skipped."""

    service: ComplaintService
    slack: WebClient | None
    owner: str
    deliverer_override: Deliverer | None = field(default=None, repr=False)

    @property
    def settings(self) -> Settings:
        return self.service.settings

    @property
    def db(self) -> Database:
        return self.service.db

    @property
    def calendar(self) -> WorkCalendar:
        return self.service.calendar

    @cached_property
    def deliverer(self) -> Deliverer:
        """The Slack outbox deliverer (the process's own one in `run`)."""
        if self.deliverer_override is not None:
            return self.deliverer_override
        from bot.slack.delivery import Deliverer

        assert self.slack is not None
        return Deliverer(self.service, self.slack, owner=self.owner)

    @cached_property
    def homes(self) -> HomeRefresher:
        """Publishes the Home tabs from this process (kept for the usergroup cache)."""
        from bot.slack.homes import home_refresher

        assert self.slack is not None
        return home_refresher(self.service, self.slack)


def make_context(
    settings: Settings, service: ComplaintService | None = None, owner: str | None = None
) -> JobContext:
    """A context for this process; Slack is used when a bot token and channel are set."""
    service = service or ComplaintService(Database(settings.database_url), settings)
    slack = None
    if settings.slack_bot_token and settings.complaints_channel:
        from bot.slack.client import web_client

        slack = web_client(settings, for_delivery=True)
    return JobContext(service, slack, owner or process_owner())
