"""The app manifest is valid for Slack and matches what the code handles, both ways."""

from __future__ import annotations

import json
import re
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


# The bot scope each Web API method needs (Slack's method documentation); None: no scope.
SCOPE_OF_METHOD = {
    "chat_postMessage": "chat:write",
    "chat_postEphemeral": "chat:write",
    "chat_update": "chat:write",
    "chat_getPermalink": None,
    "conversations_info": "groups:read",
    "conversations_open": "im:write",
    "usergroups_users_list": "usergroups:read",
    "files_upload_v2": "files:write",
    "views_open": None,
    "views_publish": None,
    "views_update": None,
}
WEB_API_CALL = re.compile(r"\.((?:chat|conversations|usergroups|files|views|users|im)_\w+)\(")


def methods_called_by_the_code() -> set[str]:
    sources = [*(REPO / "bot").rglob("*.py"), *(REPO / "reports").rglob("*.py")]
    return {name for path in sources for name in WEB_API_CALL.findall(path.read_text())}


def test_bot_scopes_are_exactly_those_the_code_needs() -> None:
    called = methods_called_by_the_code()
    assert "files_upload_v2" in called  # the scan sees the report uploads
    unknown = called - SCOPE_OF_METHOD.keys()
    assert unknown == set(), "add these methods and their scope to SCOPE_OF_METHOD"
    needed = {SCOPE_OF_METHOD[method] for method in called} - {None}
    # `commands` is what the slash command and the shortcuts need.
    needed.add("commands")
    assert set(manifest()["oauth_config"]["scopes"]["bot"]) == needed
