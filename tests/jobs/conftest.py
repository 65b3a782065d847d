from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.jobs.context import JobContext
from bot.service import ComplaintService
from bot.settings import Settings
from bot.surfaces import make_context
from storage.db import Database
from tests.reports.fake_files import FakeSlackWithFiles
from tests.reports.seed import MovableClock
from tests.support.fake_slack import BOT_TOKEN

CHANNEL = "CKLACHTEN"
MANAGEMENT = "CDIRECTIE"


@pytest.fixture
def fake() -> Iterator[FakeSlackWithFiles]:
    server = FakeSlackWithFiles().start()
    server.add_channel(CHANNEL)
    server.add_channel(MANAGEMENT)
    yield server
    server.stop()


@pytest.fixture
def slack_settings(settings: Settings, fake: FakeSlackWithFiles) -> Settings:
    return settings.model_copy(
        update={
            "slack_bot_token": BOT_TOKEN,
            "slack_api_url": fake.url,
            "complaints_channel": CHANNEL,
            "management_channel": MANAGEMENT,
        }
    )


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock()


@pytest.fixture
def service(db: Database, slack_settings: Settings, clock: MovableClock) -> ComplaintService:
    return ComplaintService(db, slack_settings, clock)


@pytest.fixture
def ctx(slack_settings: Settings, service: ComplaintService) -> JobContext:
    return make_context(slack_settings, service, owner="test-clock")
