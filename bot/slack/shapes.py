"""The shape of a Slack request, checked at the door before Bolt or a listener reads it.

A signed request comes from Slack, but a bug, a replayed test request or a changed format must
not reach Bolt's middleware or our listeners with a field missing or of the wrong type: they
index into it without asking (`body["user"]["id"]`) and would answer 500 with a traceback.
Each check below names the fields Bolt and the listeners read, with their types; `problem`
returns why a request falls short (the gate answers 400 with one log line), or "" when it fits.
"""

from __future__ import annotations

from typing import Any

# A field's expected type: a Python type, or a nested shape (a dict of its own fields).
Shape = dict[str, Any]
OPTIONAL = "?"  # a field name ending in this may be missing or null

EVENT_TYPES = frozenset({"url_verification", "event_callback", "app_rate_limited"})
INTERACTION_TYPES = frozenset(
    {"block_actions", "view_submission", "view_closed", "shortcut", "message_action"}
)

EVENT_CALLBACK: Shape = {
    "team_id?": str,
    "api_app_id?": str,
    "enterprise_id?": str,
    "event_id?": str,
    "event": {"type": str, "user?": str, "channel?": str, "tab?": str, "event_ts?": str},
}
URL_VERIFICATION: Shape = {"challenge": str}

USER: Shape = {"id": str, "team_id?": str, "name?": str, "username?": str}
TEAM: Shape = {"id": str, "enterprise_id?": str}
VIEW: Shape = {
    "id": str,
    "type": str,
    "callback_id": str,
    "private_metadata?": str,
    "hash?": str,
    "state?": {"values?": dict},
}
INTERACTION: Shape = {"user": USER, "team?": TEAM, "trigger_id?": str, "api_app_id?": str}
INTERACTIONS: dict[str, Shape] = {
    "block_actions": {
        "trigger_id": str,
        "actions": list,
        "channel?": {"id": str},
        "container?": {"type": str, "channel_id?": str, "message_ts?": str},
        "view?": VIEW,
    },
    "view_submission": {"view": {**VIEW, "blocks": list, "state": {"values?": dict}}},
    "view_closed": {"view": VIEW},
    "shortcut": {"callback_id": str, "trigger_id": str},
    "message_action": {
        "callback_id": str,
        "trigger_id": str,
        "channel": {"id": str},
        "message": {"ts": str, "text?": str},
    },
}
ACTION: Shape = {"action_id": str, "block_id?": str, "value?": str}
# Slash commands come as form fields, each once.
COMMAND_FIELDS = ("command", "text", "user_id", "channel_id", "trigger_id")


def event_problem(body: dict[str, Any]) -> str:
    """Why an Events API body is not one Slack sends, or ""."""
    kind = body.get("type")
    if kind not in EVENT_TYPES:
        return "unknown event type"
    if kind == "url_verification":
        return _problem(body, URL_VERIFICATION, "")
    if kind == "event_callback":
        return _problem(body, EVENT_CALLBACK, "")
    return ""


def interaction_problem(payload: dict[str, Any]) -> str:
    """Why an interactive payload (a click, a submission, a shortcut) is malformed, or ""."""
    kind = payload.get("type")
    if kind not in INTERACTION_TYPES:
        return "unknown interaction type"
    problem = _problem(payload, INTERACTION, "") or _problem(payload, INTERACTIONS[kind], "")
    if problem:
        return problem
    if kind == "view_submission":
        return _values_problem(payload["view"]["state"].get("values") or {})
    if kind != "block_actions":
        return ""
    for number, action in enumerate(payload["actions"]):
        if not isinstance(action, dict):
            return f"actions[{number}] is not an object"
        problem = _problem(action, ACTION, f"actions[{number}].")
        if problem:
            return problem
    return ""


def _values_problem(values: dict[str, Any]) -> str:
    """A submission's values: block id -> action id -> that input's state (an object)."""
    for block in values.values():
        if not isinstance(block, dict) or not all(isinstance(v, dict) for v in block.values()):
            return "view.state.values is not block -> action -> object"
    return ""


def command_problem(fields: dict[str, list[str]]) -> str:
    """Why a slash command's form is malformed (a field missing or given twice), or ""."""
    for name in COMMAND_FIELDS:
        if len(fields.get(name, ())) != 1:
            return f"command field {name} missing or repeated"
    return ""


def _problem(value: dict[str, Any], shape: Shape, where: str) -> str:
    for key, expected in shape.items():
        name = key.rstrip(OPTIONAL)
        optional = key.endswith(OPTIONAL)
        field = value.get(name)
        if field is None:
            if optional:
                continue
            return f"{where}{name} missing"
        if isinstance(expected, dict):
            if not isinstance(field, dict):
                return f"{where}{name} is not an object"
            problem = _problem(field, expected, f"{where}{name}.")
            if problem:
                return problem
        elif not isinstance(field, expected):
            return f"{where}{name} is not a {expected.__name__}"
    return ""
