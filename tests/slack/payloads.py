"""Slack request payloads for tests, built on the corpus's real requests with our ids filled in."""

from __future__ import annotations

import copy
import itertools
import json
from functools import cache
from pathlib import Path
from typing import Any

from tests.support.corpus import corpus_dir

OFFICER = {"id": "UOFFICER", "username": "anna", "name": "anna", "team_id": "T111"}
EMPLOYEE = {"id": "UMEDEWERKER", "username": "bram", "name": "bram", "team_id": "T111"}
MANAGEMENT = {"id": "UDIRECTIE", "username": "carla", "name": "carla", "team_id": "T111"}


_TRIGGERS = itertools.count(111)


@cache
def _template(name: str) -> dict[str, Any]:
    return json.loads((corpus_dir("slack") / name).read_text())


def template(name: str) -> dict[str, Any]:
    """A request from the corpus; one with a trigger_id gets a new one, as every click does."""
    body = copy.deepcopy(_template(name))
    if "trigger_id" in body:
        body["trigger_id"] = new_trigger()
    return body


def new_trigger() -> str:
    """A trigger_id as Slack makes one per click or command (it opens one modal)."""
    return f"{next(_TRIGGERS)}.222.valid"


def corpus_path(name: str) -> Path:
    return corpus_dir("slack") / name


def block_action(
    user: dict[str, str], action_id: str, value: str, channel: str, trigger: str | None = None
) -> dict[str, Any]:
    body = template("req_block_actions.json")
    body["user"] = dict(user)
    body["channel"] = {"id": channel, "name": "klachten"}
    body["container"]["channel_id"] = channel
    body["container"]["is_ephemeral"] = False
    body["trigger_id"] = trigger or new_trigger()
    body["actions"][0].update(action_id=action_id, value=value, block_id="actions")
    return body


def view_submission(
    user: dict[str, str], view: dict[str, Any], values: dict[str, Any]
) -> dict[str, Any]:
    """A submission of `view` (as the bot sent it) with `values` typed in, by block id."""
    body = template("req_view_submission.json")
    body["user"] = dict(user)
    state: dict[str, Any] = {}
    for block in view["blocks"]:
        if block["type"] != "input":
            continue
        element = block["element"]
        state[block["block_id"]] = {
            element["action_id"]: _element_state(element, values.get(block["block_id"]))
        }
    body["view"] = {**body["view"], **view, "state": {"values": state}}
    return body


def _element_state(element: dict[str, Any], value: Any) -> dict[str, Any]:
    kind = element["type"]
    if kind in ("static_select", "radio_buttons"):
        option = None
        if value is not None:
            option = next(o for o in element["options"] if o["value"] == value)
        return {"type": kind, "selected_option": option}
    if kind == "datetimepicker":
        return {"type": kind, "selected_date_time": value}
    if kind == "datepicker":
        return {"type": kind, "selected_date": value}
    if kind == "multi_users_select":
        return {"type": kind, "selected_users": value or []}
    if kind == "checkboxes":
        chosen = [o for o in element["options"] if o["value"] in (value or [])]
        return {"type": kind, "selected_options": chosen}
    return {"type": kind, "value": value}


def slash_command(user: dict[str, str], text: str, channel: str = "C111") -> dict[str, str]:
    fields = template("req_slash_command.json")
    fields.update(
        command="/klacht",
        text=text,
        user_id=user["id"],
        user_name=user["name"],
        channel_id=channel,
        trigger_id=new_trigger(),
    )
    return fields


def home_opened(user_id: str, event_id: str) -> dict[str, Any]:
    body = template("req_event_app_home_opened.json")
    body["event"].update(user=user_id, tab="home")
    body["event_id"] = event_id
    return body
