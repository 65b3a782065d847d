"""The one door to the Teams SDK's app module.

Importing `microsoft_teams.apps` runs `load_dotenv(find_dotenv(usecwd=True))`: a `.env` in the
working directory (or any folder above it) would land in `os.environ`, where it outranks
`--env-file` and KLACHTENBOT_ENV_FILE, reaches the SDK's own environment lookups (CLIENT_ID,
SERVICE_URL, ...) and every child process. Here the environment is put back exactly as it was
after the import, so `bot.settings` stays the only reader of settings. Everything in klachtenbot
that needs the app module imports it from here.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.settings import Settings
    from bot.teams.connector import TokenSource

# What the SDK's App reads from the environment when it is built, unless told otherwise.
SDK_ENVIRONMENT = (
    "CLIENT_ID",
    "CLIENT_SECRET",
    "TENANT_ID",
    "MANAGED_IDENTITY_CLIENT_ID",
    "SERVICE_URL",
    "CLOUD",
    "DANGEROUSLY_ALLOW_UNAUTHENTICATED_REQUESTS",
)


@contextmanager
def environment_kept() -> Iterator[None]:
    """Undo whatever the block adds to or changes in `os.environ`."""
    before = dict(os.environ)
    try:
        yield
    finally:
        for name in set(os.environ) - before.keys():
            del os.environ[name]
        for name, value in before.items():
            if os.environ.get(name) != value:
                os.environ[name] = value


with environment_kept(), warnings.catch_warnings():
    from microsoft_teams.common.experimental import ExperimentalWarning

    # The SDK warns at import about a preview feature (HTML widgets) that klachtenbot never uses.
    warnings.simplefilter("ignore", ExperimentalWarning)
    from microsoft_teams.apps import ActivityContext, App
    from microsoft_teams.apps.events import ActivityEvent, CoreActivity

__all__ = ["ActivityContext", "ActivityEvent", "App", "CoreActivity", "build_sdk_app"]


class OwnEndpoint:
    """The SDK's HTTP server adapter, left without routes: klachtenbot serves /api/messages
    itself (bot.teams.app) and hands the SDK each activity after checking it."""

    def register_route(self, method: str, path: str, handler: Any) -> None:
        pass

    def serve_static(self, path: str, directory: str) -> None:
        raise NotImplementedError

    async def start(self, port: int) -> None:
        raise NotImplementedError

    async def stop(self) -> None:
        pass


def build_sdk_app(settings: Settings, tokens: TokenSource | None) -> App:
    """The SDK's app, configured from the settings alone (none of SDK_ENVIRONMENT counts).
    With `tokens`, whatever the SDK sends itself carries the bot's token from the same source
    as the connector's."""
    options: dict[str, Any] = {
        "http_server_adapter": OwnEndpoint(),
        "service_url": settings.teams_service_url,
        "tenant_id": settings.teams_tenant_id,
        "dangerously_allow_unauthenticated_requests": settings.teams_allow_unauthenticated,
    }
    if tokens is not None:
        options.update(
            client_id=settings.teams_app_id,
            token=lambda _scope, _tenant=None: tokens.token(),
        )
    with environment_kept():
        for name in SDK_ENVIRONMENT:
            os.environ.pop(name, None)
        return App(**options)
