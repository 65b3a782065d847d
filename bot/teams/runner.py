"""`klachtenbot teams`: the Bot Framework endpoint under uvicorn on PORT.

It checks what it depends on first (bot.teams.startup), says in one line what it runs on, and
serves until stopped (SIGTERM or Ctrl-C). The clock's jobs run in `klachtenbot clock`.
"""

from __future__ import annotations

import gc
import logging

import uvicorn

from bot.service import ComplaintService
from bot.settings import Settings
from bot.startup import EXIT_OK, StartRefused, refuse
from bot.teams.app import Surface, build_web_app
from bot.teams.auth import ClientCredentials, InboundAuth, KeySet
from bot.teams.connector import BotConnector
from bot.teams.startup import check_start, log_start
from storage.db import Database
from storage.teams import TeamsDirectory

log = logging.getLogger(__name__)


def run_teams(settings: Settings, *, host: str = "0.0.0.0") -> int:
    """Blocks until stopped; the exit code."""
    required = ["teams_tenant_id", "teams_complaints_channel"]
    if not settings.teams_allow_unauthenticated:
        required += ["teams_app_id", "teams_app_password"]
    settings.require(*required)
    connector, keys = _outside(settings)
    try:
        officers = check_start(settings, connector, keys)
    except StartRefused as exc:
        return refuse(exc)
    log_start(settings, officers)
    inbound = InboundAuth(str(settings.teams_app_id), keys) if keys is not None else None
    web = build_web_app(make_surface(settings, connector), inbound)
    # The SDK logs whole activities at DEBUG: people's messages stay out of the log.
    logging.getLogger("microsoft_teams").setLevel(max(logging.INFO, log.getEffectiveLevel()))
    config = uvicorn.Config(
        web, host=host, port=settings.port, log_config=None, access_log=False, lifespan="on"
    )
    # What is imported and built by now lives as long as the process. Frozen, it is left out of
    # the collector's full passes, which would otherwise walk all of it (some 200,000 objects,
    # a pause of a few hundred milliseconds) while requests wait.
    gc.freeze()
    uvicorn.Server(config).run()
    return EXIT_OK


def _outside(settings: Settings) -> tuple[BotConnector, KeySet | None]:
    """The connector, and Teams' signing keys (None in unauthenticated test mode)."""
    if settings.teams_allow_unauthenticated:
        return BotConnector(settings, None), None
    connector = BotConnector(settings, ClientCredentials(settings))
    return connector, KeySet(settings.teams_openid_metadata_url)


def make_surface(settings: Settings, connector: BotConnector) -> Surface:
    service = ComplaintService(Database(settings.database_url), settings)
    return Surface(
        settings=settings,
        service=service,
        directory=TeamsDirectory(service.db, service.now),
        connector=connector,
        authenticated=not settings.teams_allow_unauthenticated,
    )
