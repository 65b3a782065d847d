"""The real `teams` web application on a loopback port (uvicorn in a thread), and activities
shaped like the recorded ones in corpus/teams/inbound, addressed to the fake and our tenant."""

from __future__ import annotations

import copy
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx
import uvicorn

from bot.service import Clock, system_clock
from bot.settings import Settings
from bot.teams.app import build_web_app
from bot.teams.auth import InboundAuth
from bot.teams.connector import BotConnector
from bot.teams.runner import make_surface
from storage.teams import TeamsDirectory
from tests.support.corpus import corpus_dir
from tests.support.fake_teams import TENANT, Person
from tests.support.ports import free_port


@dataclass
class TeamsServer:
    url: str
    directory: TeamsDirectory
    http: httpx.Client

    def post(self, activity: Any, **headers: str) -> httpx.Response:
        return self.http.post(f"{self.url}/api/messages", json=activity, headers=headers)


@contextmanager
def serving(
    settings: Settings,
    *,
    inbound: InboundAuth | None = None,
    connector: BotConnector | None = None,
    clock: Clock = system_clock,
) -> Iterator[TeamsServer]:
    surface = make_surface(settings, connector or BotConnector(settings, None), clock)
    web = build_web_app(surface, inbound)
    port = free_port()
    config = uvicorn.Config(web, host="127.0.0.1", port=port, log_config=None, lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise AssertionError("the teams app did not start")
        time.sleep(0.02)
    try:
        with httpx.Client(timeout=30) as http:
            yield TeamsServer(f"http://127.0.0.1:{port}", surface.directory, http)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        surface.connector.close()


def recorded(name: str, service_url: str, sender: Person | None = None) -> dict[str, Any]:
    """The recorded activity `name`, sent by the fake at `service_url` in our tenant (and by
    `sender`, when given)."""
    activity = json.loads((corpus_dir("teams", "inbound") / f"{name}.json").read_text())
    activity = copy.deepcopy(activity)
    activity["serviceUrl"] = service_url
    activity.setdefault("channelData", {}).setdefault("tenant", {})["id"] = TENANT
    if "tenantId" in activity.get("conversation", {}):
        activity["conversation"]["tenantId"] = TENANT
    if sender is not None:
        activity["from"] = {"id": sender.user_id, "aadObjectId": sender.aad_object_id}
    return activity


def in_tenant(activity: dict[str, Any], tenant: str) -> dict[str, Any]:
    activity["channelData"]["tenant"]["id"] = tenant
    if "tenantId" in activity.get("conversation", {}):
        activity["conversation"]["tenantId"] = tenant
    return activity
