"""A local fake of the Bot Connector (Teams' side of the Bot Framework REST API), for tests.

`FakeTeams` is an HTTP server on a free loopback port. It records every `POST` and `PUT` on
`/v3/conversations...` and answers as the real service does (shapes from the recorded
responses in the corpus, `corpus/teams/outbound`):

- `POST /v3/conversations` with `channelData.channel.id` and an `activity`: a new channel
  thread, 201 `{"id": "<channel>;messageid=<root>", "activityId": "<root>"}`; without the
  activity 400 BadSyntax. With exactly one `29:` member and `tenantId`: a 1:1 chat, 201
  `{"id": "a:..."}` (the same id every time for one person). Two members (a group chat):
  400 BadSyntax, as recorded.
- `POST /v3/conversations/{id}/activities`: a message in a thread or chat, `{"id": "<ms>"}`.
- `PUT /v3/conversations/{id}/activities/{activityId}`: the message replaced.
- `GET /v3/conversations/{id}/members` and `.../members/{id}` (29: id or Entra object id):
  the roster of the team the channel belongs to, in the v3 shape (`objectId`, `userRole`,
  `tenantId`).

The bot must be in a team for its channels to answer (403 BotNotInConversationRoster
otherwise), unknown conversations answer 404 ConversationNotFound. On request it fails the next
calls with 429 + Retry-After, 412, 502, 403 (the error envelope `{"error": {"code",
"message"}}`). With `token` set, a request without `Authorization: Bearer <token>` gets 401.
The 404 for a member who is not in the team (`MemberNotFoundInConversation`) is this fake's
assumption: no recorded body of it was found.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.support.ports import serve_on_loopback

TENANT = "3f3d1cea-7a18-41af-872b-cfbbd5140984"
ERRORS = {
    403: ("BotNotInConversationRoster", "The bot is not part of the conversation roster."),
    404: ("ConversationNotFound", "Conversation not found."),
    412: ("PreconditionFailed", "Precondition failed, please try again."),
    429: ("Throttled", "Too many requests."),
    502: ("ServiceError", "Bad gateway."),
}


@dataclass
class Call:
    method: str
    path: str  # decoded, without the query
    body: Any
    authorization: str | None
    at: float = field(default_factory=time.monotonic)


@dataclass
class Failure:
    status: int
    code: str | None = None
    retry_after: str | None = None
    times: int = 1


@dataclass
class Person:
    user_id: str  # 29:...
    aad_object_id: str
    tenant_id: str = TENANT
    role: str = "user"


@dataclass
class Activity:
    conversation_id: str
    activity_id: str
    body: dict[str, Any]
    updates: int = 0


@dataclass
class Team:
    team_id: str
    channels: set[str]
    members: list[Person]
    bot_installed: bool = True


class FakeTeams:
    def __init__(self, *, token: str | None = None) -> None:
        self.token = token
        self.calls: list[Call] = []
        self.teams: dict[str, Team] = {}
        self.activities: dict[tuple[str, str], Activity] = {}
        self.chats: dict[str, str] = {}  # 29: id -> a: conversation id
        self._failures: list[tuple[str, Failure]] = []
        self._ids = itertools.count(1776390257332)
        self._lock = threading.Condition()
        self._server: ThreadingHTTPServer | None = None

    # lifecycle -------------------------------------------------------------------------
    @property
    def url(self) -> str:
        assert self._server is not None, "start() first"
        return f"http://127.0.0.1:{self._server.server_address[1]}/"

    def start(self) -> FakeTeams:
        self._server = serve_on_loopback(self._handler())
        return self

    def stop(self) -> None:
        assert self._server is not None
        self._server.shutdown()
        self._server.server_close()

    # programming -----------------------------------------------------------------------
    def add_team(self, team_id: str, channels: list[str], members: list[Person]) -> Team:
        """A team with the bot in it; its General channel's id is the team id."""
        team = Team(team_id, {team_id, *channels}, list(members))
        with self._lock:
            self.teams[team_id] = team
        return team

    def fail(self, failure: Failure, *, method: str = "*") -> None:
        """The next `failure.times` calls (of `method`, "*" = any) fail like this."""
        with self._lock:
            self._failures.append((method, failure))

    # inspection ------------------------------------------------------------------------
    def posts(self, method: str = "POST") -> list[Call]:
        with self._lock:
            return [call for call in self.calls if call.method == method]

    def in_conversation(self, conversation_id: str) -> list[Activity]:
        """The bot's messages in a conversation (a thread's root is in its channel), oldest
        first."""
        with self._lock:
            return [a for a in self.activities.values() if a.conversation_id == conversation_id]

    def wait_for(self, condition: Callable[[], Any], timeout: float = 10.0) -> Any:
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                value = condition()
                if value:
                    return value
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    log = [(c.method, c.path) for c in self.calls]
                    raise AssertionError(f"timed out after {timeout}s; calls: {log}")
                self._lock.wait(min(remaining, 0.2))

    # serving ---------------------------------------------------------------------------
    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                body = json.loads(raw) if raw else None
                path = urllib.parse.unquote(self.path.split("?")[0])
                call = Call(self.command, path, body, self.headers.get("Authorization"))
                status, headers, answer = fake._respond(call)
                payload = json.dumps(answer).encode() if answer is not None else b""
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_PUT = _serve

            def log_message(self, *args: Any) -> None:
                pass

        return Handler

    def _respond(self, call: Call) -> tuple[int, dict[str, str], Any]:
        with self._lock:
            self.calls.append(call)
            try:
                failure = self._next_failure(call.method)
                if failure is not None:
                    return _error(failure.status, failure.code, failure.retry_after)
                if self.token and call.authorization != f"Bearer {self.token}":
                    return 401, {}, {"message": "Authorization has been denied for this request."}
                return self._route(call)
            finally:
                self._lock.notify_all()

    def _next_failure(self, method: str) -> Failure | None:
        for index, (wanted, failure) in enumerate(self._failures):
            if wanted in ("*", method):
                failure.times -= 1
                if failure.times <= 0:
                    del self._failures[index]
                return failure
        return None

    def _route(self, call: Call) -> tuple[int, dict[str, str], Any]:
        parts = call.path.strip("/").split("/")
        if parts[:2] != ["v3", "conversations"]:
            return 404, {}, {"message": "No HTTP resource was found."}
        rest = parts[2:]
        if call.method == "POST" and not rest:
            return self._create_conversation(call.body or {})
        if not rest:
            return _error(405)
        conversation, rest = rest[0], rest[1:]
        if call.method == "POST" and rest == ["activities"]:
            return self._post_activity(conversation, call.body or {})
        if call.method == "PUT" and len(rest) == 2 and rest[0] == "activities":
            return self._put_activity(conversation, rest[1], call.body or {})
        if call.method == "GET" and rest[:1] == ["members"] and len(rest) <= 2:
            return self._members(conversation, rest[1] if len(rest) == 2 else None)
        return _error(404)

    # the API ---------------------------------------------------------------------------
    def _create_conversation(self, body: dict[str, Any]) -> tuple[int, dict[str, str], Any]:
        channel = ((body.get("channelData") or {}).get("channel") or {}).get("id")
        if channel:
            problem = self._channel_problem(channel)
            if problem:
                return _error(problem)
            if not isinstance(body.get("activity"), dict):
                return _bad_syntax()
            root = str(next(self._ids))
            thread = f"{channel};messageid={root}"
            self.activities[(channel, root)] = Activity(channel, root, body["activity"])
            return 201, {}, {"id": thread, "activityId": root}
        members = body.get("members") or []
        if len(members) != 1 or not body.get("tenantId"):
            return _bad_syntax()
        user_id = members[0].get("id", "")
        if not user_id.startswith("29:"):
            return _bad_syntax()
        chat = self.chats.setdefault(user_id, "a:1" + user_id.removeprefix("29:")[::-1])
        return 201, {}, {"id": chat}

    def _post_activity(self, conversation: str, body: dict[str, Any]) -> tuple[int, dict, Any]:
        problem = self._conversation_problem(conversation)
        if problem:
            return _error(problem)
        activity_id = str(next(self._ids))
        self.activities[(conversation, activity_id)] = Activity(conversation, activity_id, body)
        return 201, {}, {"id": activity_id}

    def _put_activity(
        self, conversation: str, activity_id: str, body: dict[str, Any]
    ) -> tuple[int, dict, Any]:
        # A thread's root lives in its channel: its update may name the thread or the channel.
        channel = conversation.partition(";messageid=")[0]
        activity = self.activities.get((conversation, activity_id)) or self.activities.get(
            (channel, activity_id)
        )
        if activity is None:
            return _error(404, "ActivityNotFoundInConversation")
        activity.body = body
        activity.updates += 1
        return 200, {}, {"id": activity_id}

    def _members(self, conversation: str, member: str | None) -> tuple[int, dict, Any]:
        team = self._team_of(conversation)
        if team is None:
            return _error(404)
        if not team.bot_installed:
            return _error(403)
        people = team.members
        if member is None:
            return 200, {}, [_member_json(person) for person in people]
        for person in people:
            # An Entra object id is a GUID: any case names the same person.
            if member == person.user_id or member.lower() == person.aad_object_id:
                return 200, {}, _member_json(person)
        return _error(404, "MemberNotFoundInConversation")

    def _team_of(self, conversation: str) -> Team | None:
        channel = conversation.partition(";messageid=")[0]
        return next((team for team in self.teams.values() if channel in team.channels), None)

    def _channel_problem(self, channel: str) -> int | None:
        team = self._team_of(channel)
        if team is None:
            return 404
        return None if team.bot_installed else 403

    def _conversation_problem(self, conversation: str) -> int | None:
        if conversation.startswith("a:"):
            return None if conversation in self.chats.values() else 404
        # Any thread of a channel the bot is in, whoever started it.
        return self._channel_problem(conversation)


def _member_json(person: Person) -> dict[str, Any]:
    return {
        "id": person.user_id,
        "objectId": person.aad_object_id,
        "tenantId": person.tenant_id,
        "userRole": person.role,
    }


def _error(
    status: int, code: str | None = None, retry_after: str | None = None
) -> tuple[int, dict[str, str], Any]:
    default_code, message = ERRORS.get(status, (f"Http{status}", "Error."))
    headers = {"Retry-After": retry_after} if retry_after is not None else {}
    return status, headers, {"error": {"code": code or default_code, "message": message}}


def _bad_syntax() -> tuple[int, dict[str, str], Any]:
    error = {"code": "BadSyntax", "message": "Incorrect conversation creation parameters"}
    return 400, {}, {"error": error}
