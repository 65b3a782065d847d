"""The door of /slack/events in HTTP mode: what Bolt never has to see.

A request that is not signed with our secret is refused with 401, one that is signed but not
a well-formed Slack request with 400, each with one log line and never a traceback (Bolt would
raise on a non-numeric timestamp or a body that is not UTF-8, and Bolt and the listeners on a
field missing or of the wrong type: shapes.py checks each request's fields first).

A signed request sent again (the same signature: an exact replay within Slack's five minutes)
changes nothing a second time:
- a request that can change stored data (a modal submission, or a slash command that changes
  data, see listeners/commands.py) is recorded before Bolt sees it, in the database, so that
  every process recognises it; a replay is answered 200 and goes no further;
- a click or a shortcut only opens a modal, and Slack opens one modal per trigger_id
  (`exchanged_trigger_id`); the Events API's retries are recognised by their event id
  (seen.py). These are not recorded here, so that reading costs no write.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

from bot.slack.listeners.commands import changes_data
from bot.slack.seen import SeenEvents
from bot.slack.shapes import command_problem, event_problem, interaction_problem

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 1024 * 1024  # Slack's largest payloads (big modals) stay far below this
MAX_AGE_SECONDS = 5 * 60
# Seconds since 1970 have 10 digits until the year 2286; a longer "timestamp" is no time at all
# (and one of hundreds of digits would not even convert to a float to compare).
TIMESTAMP_DIGITS = 12
JSON_TYPE = "application/json"
# Interactive payloads whose listeners open a modal at most (listeners/actions.py, shortcuts.py)
OPENS_A_MODAL_AT_MOST = frozenset({"block_actions", "shortcut", "message_action"})


@dataclass(frozen=True)
class Verdict:
    """`status` None: pass `body` on to Bolt; else answer with that status."""

    body: bytes = b""
    status: int | None = None
    reason: str = ""


class RequestGate:
    def __init__(
        self,
        signing_secret: str | None,
        seen: SeenEvents,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.secret = signing_secret
        self.seen = seen
        self.clock = clock

    def check(self, environ: dict[str, Any]) -> Verdict:
        body = _read_body(environ)
        if body is None:
            return Verdict(status=400, reason="unreadable or oversized body")
        signed = self._signature_problem(environ, body)
        if signed:
            return Verdict(status=401, reason=signed)
        request = _parse(environ.get("CONTENT_TYPE", ""), body)
        if isinstance(request, str):
            return Verdict(status=400, reason=request)
        replay = _replay_key(environ.get("HTTP_X_SLACK_SIGNATURE", ""))
        if self.secret and request.may_change and not self.seen.first_time(replay):
            return Verdict(status=200, reason="replayed signed request ignored")
        return Verdict(body=body)

    def _signature_problem(self, environ: dict[str, Any], body: bytes) -> str:
        if not self.secret:
            return ""  # verification switched off (local development only)
        timestamp = environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP", "")
        signature = environ.get("HTTP_X_SLACK_SIGNATURE", "")
        if not timestamp or not signature or not signature.isascii():
            return "unsigned request"
        if not timestamp.isascii() or not timestamp.isdigit() or len(timestamp) > TIMESTAMP_DIGITS:
            return "timestamp is not a number"
        if abs(self.clock() - int(timestamp)) > MAX_AGE_SECONDS:
            return "stale timestamp"
        signed = b"v0:" + timestamp.encode() + b":" + body
        expected = "v0=" + hmac.new(self.secret.encode(), signed, hashlib.sha256).hexdigest()
        if not hmac.compare_digest(signature.encode(), expected.encode()):
            return "wrong signature"
        return ""


def refuse(verdict: Verdict, environ: dict[str, Any]) -> None:
    """The one log line for a refused or replayed request (no body: it may hold names)."""
    level = logging.INFO if verdict.status == 200 else logging.WARNING
    log.log(
        level,
        "slack request %s from %s: %s",
        verdict.status,
        environ.get("REMOTE_ADDR", "?"),
        verdict.reason,
    )


def _read_body(environ: dict[str, Any]) -> bytes | None:
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None
    if length < 0 or length > MAX_BODY_BYTES:
        return None
    try:
        return environ["wsgi.input"].read(length) if length else b""
    except (OSError, ValueError):
        return None


@dataclass(frozen=True)
class _Request:
    """What the gate needs to know of a well-formed request."""

    may_change: bool


def _parse(content_type: str, body: bytes) -> _Request | str:
    """A signed body as a Slack request: Events API JSON, or a form (slash commands;
    interactivity as one `payload` field holding JSON). A string says why it is none."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return "body is not UTF-8"
    if content_type.split(";")[0].strip().lower() == JSON_TYPE:
        event = _json_object(text)
        if event is None:
            return "body is not a JSON object"
        return event_problem(event) or _Request(may_change=False)  # once per event id (seen.py)
    fields = parse_qs(text, keep_blank_values=True)
    if not fields:
        return "empty form"
    payload = fields.get("payload")
    if payload is None:
        return command_problem(fields) or _Request(may_change=changes_data(fields["text"][0]))
    interaction = _json_object(payload[0]) if len(payload) == 1 else None
    if interaction is None:
        return "payload is not a JSON object"
    return interaction_problem(interaction) or _Request(
        may_change=interaction["type"] not in OPENS_A_MODAL_AT_MOST
    )


def _json_object(text: str) -> dict[str, Any] | None:
    try:
        parsed = json.loads(text)
    except ValueError:
        return None
    return parsed if isinstance(parsed, dict) else None


def _replay_key(signature: str) -> str:
    """Fits the seen-events key (64 characters); a signature covers timestamp and body."""
    return "sig:" + hashlib.sha256(signature.encode()).hexdigest()[:60]
