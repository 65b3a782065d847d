"""After a full run of the clock against the local fake Slack (complaints received, pre-warned,
overdue and escalated, delivered to their threads), the event log holds people as data and no
chat markup: a second surface reads the same history (docs/architecture.md)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import select

from bot.jobs.runner import run_jobs
from bot.procedure import SYSTEM_ACTOR, EventKind
from bot.settings import Settings
from storage.models import EventRow
from tests.jobs.conftest import CHANNEL
from tests.jobs.test_deadlines import local
from tests.procedure import builders as b
from tests.texts.test_no_markup import markup_in

GROUP = "SKLACHT"


@pytest.fixture
def slack_settings(slack_settings: Settings) -> Settings:
    """The officers named and as a user group, both mentioned by every notice."""
    return slack_settings.model_copy(update={"officer_usergroup": GROUP})


def strings_in(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from strings_in(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings_in(item)


def test_no_stored_event_holds_chat_markup_after_a_full_run(ctx, service, clock, db, fake):
    fake.usergroups[GROUP] = ["UOFFICER", "UOFFICER2"]
    for received in (local(2026, 4, 15, 10), local(2026, 4, 16, 10)):
        clock.now = received
        service.submit(b.intake(received_at=received), SYSTEM_ACTOR)
    ticks = [local(2026, 4, 17, 9, 1), local(2026, 4, 17, 17, 1)]
    for moment in [*ticks, local(2026, 4, 20, 9, 1), local(2026, 4, 20, 17, 1)]:
        clock.now = moment
        assert run_jobs(ctx) == []
    thread = [json.dumps(m.blocks) for m in fake.messages.values() if m.channel == CHANNEL]
    assert any(f"<!subteam^{GROUP}>" in post and "<@UOFFICER>" in post for post in thread)

    with db.session() as session:
        events = session.execute(select(EventRow.kind, EventRow.data)).all()
    warnings = [
        data
        for kind, data in events
        if kind == EventKind.WARNING_SENT.value and data["notice"] != "escalated"
    ]
    assert len(warnings) == 4  # each complaint's pre-warning and overdue notice
    for data in warnings:
        assert data["mention"] == [
            {"surface": "slack", "id": "UOFFICER"},
            {"surface": "slack", "group": GROUP},
        ]
    found = [
        (kind, text, markup_in(text))
        for kind, data in events
        for text in strings_in(data)
        if markup_in(text)
    ]
    assert found == []
