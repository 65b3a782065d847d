"""Socket Mode: envelopes as Slack sends them are acknowledged with their envelope_id, and a
dropped connection is re-established."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from bot.slack.ids import ShortcutId
from bot.slack.runner import socket_mode_handler
from bot.views.context import Context
from bot.views.ids import Action as ActionId
from tests.slack.conftest import CHANNEL, submit_email
from tests.slack.payloads import corpus_path, home_opened
from tests.support.fake_slack import FakeSocketMode


def envelope(name: str) -> dict[str, Any]:
    data = json.loads(corpus_path(f"socket_mode_envelope_{name}.json").read_text())
    data["envelope_id"] = str(uuid.uuid4())
    return data


def slash_envelope() -> dict[str, Any]:
    data = envelope("slash_commands")
    data["payload"].update(command="/klacht", text="help", user_id="UOFFICER", user_name="anna")
    return data


@pytest.fixture
def socket_server(fake_slack) -> Iterator[FakeSocketMode]:
    server = FakeSocketMode().start()
    fake_slack.socket_url = server.url
    yield server
    server.stop()


@pytest.fixture
def connected(bolt_app, slack_settings, socket_server) -> Iterator[FakeSocketMode]:
    handler = socket_mode_handler(bolt_app, slack_settings, ping_interval=0.5)
    handler.connect()
    socket_server.wait_for(lambda: socket_server.connections == 1)
    yield socket_server
    socket_server.drop()  # closing from the server side first keeps the client's close short
    handler.close()


def acked(server: FakeSocketMode, sent: dict[str, Any]) -> dict[str, Any]:
    return server.wait_for(lambda: server.ack_for(sent["envelope_id"]))


def test_hello_then_every_kind_of_envelope_is_acknowledged(connected, service, fake_slack):
    complaint = submit_email(service)

    command = slash_envelope()
    connected.send(command)
    assert "/klacht help" in json.dumps(acked(connected, command)["payload"])

    shortcut = envelope("interactive_shortcut")
    shortcut["payload"].update(callback_id=ShortcutId.NEW_COMPLAINT.value)
    connected.send(shortcut)
    assert acked(connected, shortcut) == {"envelope_id": shortcut["envelope_id"]}
    fake_slack.wait_for(lambda: len(fake_slack.calls_to("views.open")) == 1)

    click = envelope("interactive_block_actions")
    payload = click["payload"]
    payload["user"]["id"] = "UOFFICER"
    payload["channel"] = {"id": CHANNEL, "name": "klachten"}
    payload["actions"] = [
        {
            "type": "button",
            "action_id": ActionId.NOTE.value,
            "block_id": "actions",
            "value": Context(reference=complaint.reference).dump(),
            "action_ts": "1655863389.628431",
        }
    ]
    connected.send(click)
    acked(connected, click)
    opened = fake_slack.wait_for(lambda: len(fake_slack.calls_to("views.open")) == 2)
    assert opened
    assert fake_slack.calls_to("views.open")[-1].params["view"]["callback_id"] == "note_modal"

    event = envelope("events_api_message")
    event["payload"]["event"] = home_opened("UOFFICER", "Ev0SOCKET")["event"]
    connected.send(event)
    acked(connected, event)
    publish = fake_slack.wait_for(lambda: fake_slack.calls_to("views.publish"))
    assert complaint.reference in json.dumps(publish[0].params["view"])


def test_a_dropped_connection_is_re_established(connected, fake_slack):
    connected.drop()
    connected.wait_for(lambda: connected.connections == 2, timeout=15)
    assert len(fake_slack.calls_to("apps.connections.open")) >= 2

    command = slash_envelope()
    connected.send(command)
    assert acked(connected, command)["envelope_id"] == command["envelope_id"]
