"""The app manifest is valid for Slack and matches what the code handles, both ways."""

from __future__ import annotations

import json
from typing import Any

from jsonschema import Draft7Validator
from referencing import Registry, Resource

from bot.slack.ids import COMMAND, Event, ShortcutId
from tests.slack.conftest import dispatch_command, dispatch_event, dispatch_interactive
from tests.slack.payloads import OFFICER, home_opened, slash_command, template
from tests.support.corpus import REPO, corpus_dir

MANIFEST = REPO / "manifest" / "manifest.json"
SCHEMA_BASE = "https://raw.githubusercontent.com/slackapi/manifest-schema/v0.5.0/schemas/"


def manifest() -> dict[str, Any]:
    return json.loads(MANIFEST.read_text())


def validator() -> Draft7Validator:
    folder = corpus_dir("manifest")
    registry = Registry()
    for version in ("1.0.0", "2.0.0"):
        name = f"manifest.schema.{version}.json"
        schema = json.loads((folder / name).read_text())
        registry = registry.with_resource(SCHEMA_BASE + name, Resource.from_contents(schema))
    top = json.loads((folder / "manifest.schema.json").read_text())
    return Draft7Validator(top, registry=registry)


def test_manifest_is_valid_for_slacks_schema() -> None:
    errors = [error.message for error in validator().iter_errors(manifest())]
    assert errors == []


def test_schema_check_catches_a_broken_manifest() -> None:
    broken = manifest()
    broken["features"]["slash_commands"][0]["command"] = "klacht zonder slash"
    broken["settings"]["socket_mode_enabled"] = "ja"
    assert len(list(validator().iter_errors(broken))) >= 1


def test_commands_shortcuts_and_events_match_the_code_both_ways() -> None:
    features = manifest()["features"]
    commands = {command["command"] for command in features["slash_commands"]}
    shortcuts = {item["callback_id"]: item["type"] for item in features["shortcuts"]}
    events = set(manifest()["settings"]["event_subscriptions"]["bot_events"])

    assert commands == {COMMAND}
    assert shortcuts == {
        ShortcutId.NEW_COMPLAINT.value: "global",
        ShortcutId.MESSAGE_TO_COMPLAINT.value: "message",
    }
    assert events == {event.value for event in Event}


def test_socket_mode_interactivity_and_home_are_on() -> None:
    data = manifest()
    assert data["settings"]["socket_mode_enabled"] is True
    assert data["settings"]["interactivity"]["is_enabled"] is True
    assert data["features"]["app_home"]["home_tab_enabled"] is True


def _shortcut_payload(callback_id: str, kind: str) -> dict[str, Any]:
    if kind == "global":
        body = template("req_shortcut_global.json")
    else:
        body = template("req_message_action.json")
        body["channel"] = {"id": "C111", "name": "algemeen"}
    body["callback_id"] = callback_id
    body["user"] = dict(OFFICER)
    return body


def test_the_app_answers_everything_the_manifest_declares(bolt_app, fake_slack) -> None:
    """Unhandled requests get 404 from Bolt: each declared entry point must get 200."""
    features = manifest()["features"]
    for item in features["shortcuts"]:
        response = dispatch_interactive(
            bolt_app, _shortcut_payload(item["callback_id"], item["type"])
        )
        assert response.status == 200, item["callback_id"]
    for command in features["slash_commands"]:
        fields = slash_command(OFFICER, "help")
        fields["command"] = command["command"]
        assert dispatch_command(bolt_app, fields).status == 200
    for event in manifest()["settings"]["event_subscriptions"]["bot_events"]:
        body = home_opened("UOFFICER", "Ev-manifest")
        body["event"]["type"] = event
        assert dispatch_event(bolt_app, body).status == 200
    # Each shortcut opened its modal; the Home tab was published.
    fake_slack.wait_for(
        lambda: len(fake_slack.calls_to("views.open")) == len(features["shortcuts"])
    )
    fake_slack.wait_for(lambda: fake_slack.calls_to("views.publish"))
