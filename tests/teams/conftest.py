"""A fake Bot Connector with one team (the complaints and management channels, an officer,
a manager and an employee), and settings that point the bot at it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bot.procedure import SYSTEM_ACTOR, Source
from bot.procedure.inputs import Intake
from bot.service import ComplaintService
from bot.settings import Settings
from bot.teams.auth import InboundAuth, KeySet
from storage.db import Database
from tests.support.bot_framework import (
    BotFrameworkKeys,
    client_credentials_answer,
    entra_token_endpoint,
)
from tests.support.databases import database_url
from tests.support.fake_teams import TENANT, FakeTeams, Person
from tests.teams.server import TeamsServer, serving

APP_ID = "0b6fe6d1-fece-44f7-9a48-56465e2d5ab8"
TEAM = "19:team0a1b2c3d4e5f@thread.tacv2"
COMPLAINTS = "19:klachten5d1e9c7a@thread.tacv2"
MANAGEMENT = "19:directie77b3f0e2@thread.tacv2"
OFFICER = Person("29:1officerMRI-opaque_xyz", "9d3e08f9-a7ae-43aa-a4d3-de3f319a8a9c")
MANAGER = Person("29:1managerMRI-opaque_abc", "6b7b3b2a-2c4b-4175-8582-41c9e685c1b5")
EMPLOYEE = Person("29:1employeeMRI-opaque_q", "76b0b09f-d410-48fd-993e-84da521a597b")


@pytest.fixture(params=["sqlite"])
def db_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """The Teams tests run on SQLite; the directory's own tests add PostgreSQL."""
    with database_url(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def fake_teams() -> Iterator[FakeTeams]:
    fake = FakeTeams().start()
    fake.add_team(TEAM, [COMPLAINTS, MANAGEMENT], [OFFICER, MANAGER, EMPLOYEE])
    yield fake
    fake.stop()


def with_teams(settings: Settings, fake: FakeTeams, **extra: Any) -> Settings:
    """Settings for the fake, in unauthenticated test mode unless `extra` says otherwise."""
    return settings.model_copy(
        update={
            "chat_platform": "teams",
            "teams_tenant_id": TENANT,
            "teams_complaints_channel": COMPLAINTS,
            "teams_management_channel": MANAGEMENT,
            "teams_officer_ids": [OFFICER.aad_object_id],
            "teams_management_ids": [MANAGER.aad_object_id],
            "teams_service_url": fake.url,
            "teams_allow_unauthenticated": True,
            **extra,
        }
    )


@pytest.fixture
def teams_settings(settings: Settings, fake_teams: FakeTeams) -> Settings:
    return with_teams(settings, fake_teams)


PASSWORD = "klachtenbot-client-secret"
BOT_TOKEN = "bot-token-from-entra"


@dataclass
class Entra:
    """A loopback Entra tenant (its token endpoint trusted through REQUESTS_CA_BUNDLE) and the
    token requests it received."""

    login_url: str
    ca_bundle: Path
    received: list[dict[str, str]]

    def credentials(self, settings: Settings, **extra: Any) -> Settings:
        """`settings` with the app's credentials (as given in `extra`, else the right ones)."""
        values = {
            "teams_app_id": APP_ID,
            "teams_app_password": PASSWORD,
            "teams_login_url": self.login_url,
            **extra,
        }
        return settings.model_copy(update=values)


@pytest.fixture
def entra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Entra]:
    received, answer = client_credentials_answer(APP_ID, PASSWORD, BOT_TOKEN)
    with entra_token_endpoint(tmp_path, TENANT, answer) as (login, ca_bundle):
        monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(ca_bundle))
        yield Entra(login, ca_bundle, received)


@pytest.fixture
def keys() -> Iterator[BotFrameworkKeys]:
    """Teams' signing keys and OpenID document on loopback; `keys.token(...)` signs a token."""
    served = BotFrameworkKeys()
    yield served
    served.stop()


@pytest.fixture
def signed(settings: Settings, fake_teams: FakeTeams, db: Database, keys) -> Iterator[TeamsServer]:
    """The app with credentials: every request needs a valid token."""
    configured = with_teams(
        settings,
        fake_teams,
        teams_allow_unauthenticated=False,
        teams_app_id=APP_ID,
        teams_openid_metadata_url=keys.metadata_url,
    )
    inbound = InboundAuth(APP_ID, KeySet(keys.metadata_url))
    with serving(configured, inbound=inbound) as server:
        yield server


@pytest.fixture
def service(settings: Settings, db: Database) -> ComplaintService:
    return ComplaintService(db, settings)


@pytest.fixture
def reference(service: ComplaintService) -> str:
    return received(service)


def received(
    service: ComplaintService, name: str = "Petra Pietersen", email: str = "petra@example.nl"
) -> str:
    """The reference of a complaint received by e-mail, as intake stores it."""
    intake = Intake(
        source=Source.EMAIL,
        received_at=service.now(),
        subject="Loonstrook te laat",
        body="Graag snel contact.",
        complainant_name=name,
        complainant_email=email,
    )
    return service.submit(intake, SYSTEM_ACTOR).reference or ""
