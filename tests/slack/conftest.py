from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from slack_bolt import App, BoltRequest, BoltResponse

from bot.procedure import SYSTEM_ACTOR, Complaint, Source
from bot.procedure.inputs import Intake
from bot.service import ComplaintService
from bot.settings import Settings
from bot.slack.app import build_app
from bot.slack.client import web_client
from bot.slack.delivery import Backoff, Deliverer
from storage.db import Database
from tests.support.databases import database_url
from tests.support.fake_slack import APP_TOKEN, BOT_TOKEN, FakeSlack
from tests.support.signing import (
    FORM,
    JSON,
    command_body,
    event_body,
    interactive_body,
    signed_headers,
)

CHANNEL = "CKLACHTEN"
SECRET = "test-signing-secret"
FAST = Backoff(
    first=dt.timedelta(milliseconds=50),
    longest=dt.timedelta(milliseconds=200),
    after_permanent=dt.timedelta(milliseconds=200),
)


@pytest.fixture(params=["sqlite"])
def db_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """The Slack tests run on SQLite; the delivery tests add PostgreSQL themselves."""
    with database_url(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    fake = FakeSlack().start()
    fake.add_channel(CHANNEL)
    yield fake
    fake.stop()


def with_slack(settings: Settings, fake: FakeSlack, **extra: Any) -> Settings:
    return settings.model_copy(
        update={
            "slack_bot_token": BOT_TOKEN,
            "slack_signing_secret": SECRET,
            "slack_app_token": APP_TOKEN,
            "slack_api_url": fake.url,
            "complaints_channel": CHANNEL,
            **extra,
        }
    )


@pytest.fixture
def extra_settings() -> dict[str, Any]:
    """Settings a test module adds to the Slack ones (override the fixture)."""
    return {}


@pytest.fixture
def slack_settings(
    settings: Settings, fake_slack: FakeSlack, extra_settings: dict[str, Any]
) -> Settings:
    return with_slack(settings, fake_slack, **extra_settings)


@pytest.fixture
def service(db: Database, slack_settings: Settings) -> ComplaintService:
    return ComplaintService(db, slack_settings)


@pytest.fixture
def homes_kick(service: ComplaintService) -> Iterator[Callable[..., None]]:
    """The kick of the `homes` job on this process's scheduler, as `run` and `web` wire it."""
    from bot.jobs.runner import start_scheduler
    from bot.slack.runner import homes_kick as kick_of
    from bot.surfaces import make_context

    context = make_context(service.settings, service, "test")
    scheduler = start_scheduler(context, only=["homes"], kicked_only=["homes"])
    yield kick_of(context)
    scheduler.shutdown(wait=False)


@pytest.fixture
def bolt_app(
    slack_settings: Settings, service: ComplaintService, homes_kick: Callable[..., None]
) -> App:
    return build_app(slack_settings, service, changed=homes_kick)


@pytest.fixture
def deliverer(service: ComplaintService, slack_settings: Settings) -> Deliverer:
    return Deliverer(service, web_client(slack_settings, for_delivery=True), backoff=FAST)


def submit_email(service: ComplaintService, body: str = "", **fields: Any) -> Complaint:
    """A complaint as e-mail intake stores it."""
    intake = Intake(
        source=Source.EMAIL,
        received_at=fields.pop("received_at", service.now() - dt.timedelta(hours=1)),
        subject=fields.pop("subject", "Salaris te laat"),
        body=body or "Mijn salaris is voor de tweede keer te laat.\nGraag snel contact.",
        complainant_name=fields.pop("complainant_name", "Jan de Vries"),
        complainant_email=fields.pop("complainant_email", "jan@example.nl"),
        **fields,
    )
    return service.submit(intake, SYSTEM_ACTOR)


def dispatch_interactive(app: App, payload: dict[str, Any]) -> BoltResponse:
    return _dispatch(app, interactive_body(payload), FORM)


def dispatch_command(app: App, fields: dict[str, str]) -> BoltResponse:
    return _dispatch(app, command_body(fields), FORM)


def dispatch_event(app: App, payload: dict[str, Any]) -> BoltResponse:
    return _dispatch(app, event_body(payload), JSON)


def _dispatch(app: App, body: bytes, content_type: str) -> BoltResponse:
    request = BoltRequest(body=body.decode(), headers=signed_headers(SECRET, body, content_type))
    return app.dispatch(request)


def response_json(response: BoltResponse) -> dict[str, Any]:
    """The acknowledgement's body; Bolt answers a text-only ack as plain text."""
    if not response.body:
        return {}
    if response.headers.get("content-type", [""])[0].startswith("application/json"):
        return json.loads(response.body)
    return {"text": response.body}
