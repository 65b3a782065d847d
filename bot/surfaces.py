"""The composition root of the clock: which chat surfaces this process has, handed to the jobs.

The one place above the core that knows every surface, so that `bot/jobs` never imports one
(docs/architecture.md, tests/meta/test_layers.py). Slack is configured when a bot token and the
complaints channel are set; Teams when CHAT_PLATFORM=teams and its complaints channel is set.
"""

from __future__ import annotations

from bot.jobs.context import JobContext
from bot.jobs.port import Surface
from bot.service import ComplaintService
from bot.settings import Settings
from storage.claims import process_owner
from storage.db import Database


def make_context(
    settings: Settings, service: ComplaintService | None = None, owner: str | None = None
) -> JobContext:
    """A context for this process, with every configured surface."""
    service = service or ComplaintService(Database(settings.database_url), settings)
    owner = owner or process_owner()
    return JobContext(service, configured_surfaces(service, owner), owner)


def configured_surfaces(service: ComplaintService, owner: str) -> list[Surface]:
    settings = service.settings
    surfaces: list[Surface] = []
    if settings.slack_bot_token and settings.complaints_channel:
        from bot.slack.client import web_client
        from bot.slack.jobs import SlackSurface

        surfaces.append(SlackSurface(service, web_client(settings, for_delivery=True), owner))
    if settings.chat_platform == "teams" and settings.teams_complaints_channel:
        from bot.teams.auth import connector_for
        from bot.teams.jobs import TeamsSurface

        surfaces.append(TeamsSurface(service, connector_for(settings), owner))
    return surfaces
