"""A local fake of the Slack Web API and of Socket Mode, for tests.

`FakeSlack` is an HTTP server on a free loopback port answering the Web API methods the bot uses
with the shapes Slack documents (`{"ok": true, ...}`), recording every call, and failing on
request: HTTP 500, HTTP 429 with Retry-After, or `{"ok": false, "error": ...}`.
`FakeSocketMode` is the WebSocket side: it greets each connection with `hello`, sends envelopes
and collects the acknowledgements.
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

from websockets.exceptions import ConnectionClosed
from websockets.sync.server import Server, ServerConnection, serve

BOT_TOKEN = "xoxb-test-token"
APP_TOKEN = "xapp-test-token"
JSON_PARAMS = ("blocks", "view", "attachments", "users")


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    token: str | None
    at: float = field(default_factory=time.monotonic)


@dataclass
class Failure:
    status: int = 200
    error: str | None = None
    retry_after: int | None = None
    times: int = 1


@dataclass
class Message:
    channel: str
    ts: str
    text: str
    blocks: list[dict[str, Any]]
    thread_ts: str | None = None
    updates: int = 0


class FakeSlack:
    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.messages: dict[tuple[str, str], Message] = {}
        self.channels: dict[str, dict[str, Any]] = {}
        self.usergroups: dict[str, list[str]] = {}
        self.users: dict[str, dict[str, Any]] = {}
        self.deactivated: set[str] = set()  # users conversations.open refuses (user_disabled)
        self.socket_url = ""
        self.delay = 0.0
        self._failures: dict[str, list[Failure]] = {}
        self._ts = itertools.count(1)
        self._views = itertools.count(1)
        self._exchanged: set[str] = set()  # trigger_ids a modal was opened with
        self._lock = threading.Condition()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    # lifecycle -------------------------------------------------------------------------
    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/api/"

    def start(self) -> FakeSlack:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    # programming -----------------------------------------------------------------------
    def add_channel(self, channel_id: str, *, private: bool = True, member: bool = True) -> None:
        self.channels[channel_id] = {"is_private": private, "is_member": member}

    def add_user(
        self, user_id: str, real_name: str, display_name: str = "", handle: str = ""
    ) -> None:
        """A workspace member as users.info describes them (profile names and handle)."""
        handle = handle or real_name.split()[0].lower()
        self.users[user_id] = {
            "id": user_id,
            "team_id": "T111",
            "name": handle,
            "deleted": False,
            "real_name": real_name,
            "is_bot": False,
            "profile": {
                "real_name": real_name,
                "real_name_normalized": real_name,
                "display_name": display_name,
                "display_name_normalized": display_name,
                "team": "T111",
            },
        }

    def fail(self, method: str, failure: Failure) -> None:
        """The next `failure.times` calls of `method` ("*" = any method) fail like this."""
        with self._lock:
            self._failures.setdefault(method, []).append(failure)

    # inspection ------------------------------------------------------------------------
    def modals_opened(self) -> int:
        """How many modals views.open opened (a trigger_id used again opens none)."""
        with self._lock:
            return len(self._exchanged)

    def calls_to(self, method: str) -> list[Call]:
        with self._lock:
            return [call for call in self.calls if call.method == method]

    def wait_for(self, condition: Callable[[], Any], timeout: float = 10.0) -> Any:
        """Wait until `condition()` is truthy (re-checked after every call); return its value."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                value = condition()
                if value:
                    return value
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"timed out after {timeout}s; calls: {self.method_log()}")
                self._lock.wait(min(remaining, 0.2))

    def method_log(self) -> list[str]:
        return [call.method for call in self.calls]

    def roots(self, channel: str) -> list[Message]:
        """Top-level messages in `channel`, oldest first."""
        with self._lock:
            return [m for m in self.messages.values() if m.channel == channel and not m.thread_ts]

    def thread(self, channel: str, ts: str) -> list[Message]:
        with self._lock:
            return [m for m in self.messages.values() if m.channel == channel and m.thread_ts == ts]

    # serving ---------------------------------------------------------------------------
    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Answer at once, as Slack does: headers and body are written separately, and on a
            # keep-alive connection Nagle would hold the body until the client's delayed ACK.
            disable_nagle_algorithm = True

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                method = self.path.removeprefix("/api/").split("?")[0]
                params = _params(raw, self.headers.get("Content-Type", ""))
                auth = self.headers.get("Authorization", "")
                token = auth.removeprefix("Bearer ") if auth else params.get("token")
                status, headers, body = fake._respond(method, params, token)
                payload = json.dumps(body).encode()
                self.send_response(status)
                for name, value in {
                    **headers,
                    "Content-Type": "application/json; charset=utf-8",
                }.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST

            def log_message(self, *args: Any) -> None:
                pass

        return Handler

    def _respond(
        self, method: str, params: dict[str, Any], token: str | None
    ) -> tuple[int, dict[str, str], dict[str, Any]]:
        if self.delay:
            time.sleep(self.delay)
        with self._lock:
            self.calls.append(Call(method, params, token))
            try:
                failure = self._next_failure(method)
                if failure is not None:
                    return _failure_response(failure)
                expected = APP_TOKEN if method == "apps.connections.open" else BOT_TOKEN
                if token != expected:
                    return 200, {}, {"ok": False, "error": "invalid_auth"}
                answer = getattr(self, "_" + method.replace(".", "_"), None)
                if answer is None:
                    return 200, {}, {"ok": False, "error": "unknown_method"}
                return 200, {}, answer(params)
            finally:
                self._lock.notify_all()

    def _next_failure(self, method: str) -> Failure | None:
        for key in (method, "*"):
            queue = self._failures.get(key)
            if queue:
                failure = queue[0]
                failure.times -= 1
                if failure.times <= 0:
                    queue.pop(0)
                return failure
        return None

    def _new_ts(self) -> str:
        return f"1700000000.{next(self._ts):06d}"

    # methods ---------------------------------------------------------------------------
    def _auth_test(self, params: dict[str, Any]) -> dict[str, Any]:
        return {
            "ok": True,
            "url": "https://klachten-test.slack.com/",
            "team": "Klachten Test",
            "user": "klachtenbot",
            "team_id": "T111",
            "user_id": "UBOT",
            "bot_id": "BBOT",
            "is_enterprise_install": False,
        }

    def _apps_connections_open(self, params: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "url": self.socket_url}

    def _conversations_info(self, params: dict[str, Any]) -> dict[str, Any]:
        channel = self.channels.get(params.get("channel", ""))
        if channel is None:
            return {"ok": False, "error": "channel_not_found"}
        return {
            "ok": True,
            "channel": {
                "id": params["channel"],
                "name": "klachten",
                "is_channel": not channel["is_private"],
                "is_group": False,
                "is_im": False,
                "is_private": channel["is_private"],
                "is_member": channel["is_member"],
                "is_archived": False,
                "created": 1700000000,
                "creator": "UOFFICER",
            },
        }

    def _conversations_open(self, params: dict[str, Any]) -> dict[str, Any]:
        """A direct message with one user: its channel id is "D" + the user id."""
        user = params.get("users", "")
        if not user or "," in user:
            return {"ok": False, "error": "not_enough_users" if not user else "too_many_users"}
        if user in self.deactivated:
            return {"ok": False, "error": "user_disabled"}
        return {"ok": True, "channel": {"id": "D" + user}}

    def direct_messages(self, user: str) -> list[Message]:
        """Top-level messages in the bot's direct message with `user`, oldest first."""
        return self.roots("D" + user)

    def _chat_postMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        channel = params.get("channel", "")
        problem = self._channel_problem(channel)
        if problem:
            return {"ok": False, "error": problem}
        ts = self._new_ts()
        message = Message(
            channel=channel,
            ts=ts,
            text=params.get("text", ""),
            blocks=params.get("blocks") or [],
            thread_ts=params.get("thread_ts"),
        )
        self.messages[(channel, ts)] = message
        return {
            "ok": True,
            "channel": channel,
            "ts": ts,
            "message": {
                "type": "message",
                "subtype": "bot_message",
                "text": message.text,
                "ts": ts,
                "bot_id": "BBOT",
                "blocks": message.blocks,
            },
        }

    def _chat_update(self, params: dict[str, Any]) -> dict[str, Any]:
        problem = self._channel_problem(params.get("channel", ""))
        if problem:
            return {"ok": False, "error": problem}
        message = self.messages.get((params.get("channel", ""), params.get("ts", "")))
        if message is None:
            return {"ok": False, "error": "message_not_found"}
        message.text = params.get("text", message.text)
        message.blocks = params.get("blocks") or message.blocks
        message.updates += 1
        return {
            "ok": True,
            "channel": message.channel,
            "ts": message.ts,
            "text": message.text,
            "message": {"text": message.text, "user": "UBOT"},
        }

    def _chat_postEphemeral(self, params: dict[str, Any]) -> dict[str, Any]:
        problem = self._channel_problem(params.get("channel", ""))
        if problem:
            return {"ok": False, "error": problem}
        return {"ok": True, "message_ts": self._new_ts()}

    def _chat_getPermalink(self, params: dict[str, Any]) -> dict[str, Any]:
        channel, ts = params.get("channel", ""), params.get("message_ts", "")
        link = f"https://klachten-test.slack.com/archives/{channel}/p{ts.replace('.', '')}"
        return {"ok": True, "channel": channel, "permalink": link}

    def _views_open(self, params: dict[str, Any]) -> dict[str, Any]:
        trigger = params.get("trigger_id")
        if not trigger:
            return {"ok": False, "error": "invalid_arguments"}
        if trigger in self._exchanged:  # Slack opens one modal per trigger_id
            return {"ok": False, "error": "exchanged_trigger_id"}
        self._exchanged.add(trigger)
        return {"ok": True, "view": self._view(params["view"])}

    def _views_publish(self, params: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "view": self._view(params["view"])}

    def _users_info(self, params: dict[str, Any]) -> dict[str, Any]:
        user = self.users.get(params.get("user", ""))
        if user is None:
            return {"ok": False, "error": "user_not_found"}
        return {"ok": True, "user": user}

    def _usergroups_users_list(self, params: dict[str, Any]) -> dict[str, Any]:
        users = self.usergroups.get(params.get("usergroup", ""))
        if users is None:
            return {"ok": False, "error": "no_such_subteam"}
        return {"ok": True, "users": users}

    def _view(self, view: dict[str, Any]) -> dict[str, Any]:
        view_id = f"V{next(self._views):08d}"
        return {
            "id": view_id,
            "team_id": "T111",
            "app_id": "A111",
            "bot_id": "BBOT",
            "root_view_id": view_id,
            "hash": f"{int(time.time())}.abc",
            "state": {"values": {}},
            "clear_on_close": False,
            "notify_on_close": False,
            "external_id": "",
            "private_metadata": "",
            "callback_id": "",
            **view,
        }

    def _channel_problem(self, channel: str) -> str | None:
        if channel.startswith("D") and channel[1:] in self.deactivated:
            return "is_archived"  # a deactivated user's direct messages are archived
        if channel.startswith(("U", "W", "D")):
            return None  # a direct message to a user
        info = self.channels.get(channel)
        if info is None:
            return "channel_not_found"
        if not info["is_member"]:
            return "not_in_channel"
        return None


def _params(raw: bytes, content_type: str) -> dict[str, Any]:
    if content_type.startswith("application/json"):
        params = json.loads(raw or b"{}")
    else:
        params = dict(urllib.parse.parse_qsl(raw.decode()))
    for name in JSON_PARAMS:
        value = params.get(name)
        # `users` is a JSON array for some methods, a comma-separated string for others.
        if isinstance(value, str) and value.lstrip().startswith(("[", "{")):
            params[name] = json.loads(value)
    return params


def _failure_response(failure: Failure) -> tuple[int, dict[str, str], dict[str, Any]]:
    if failure.status == 429:
        return (
            429,
            {"Retry-After": str(failure.retry_after or 1)},
            {"ok": False, "error": "ratelimited"},
        )
    if failure.status >= 500:
        return failure.status, {}, {"ok": False, "error": "internal_error"}
    return 200, {}, {"ok": False, "error": failure.error or "fatal_error"}


class FakeSocketMode:
    """The WebSocket endpoint that apps.connections.open points to."""

    def __init__(self) -> None:
        self.acks: list[dict[str, Any]] = []
        self.connections = 0
        self._current: ServerConnection | None = None
        self._lock = threading.Condition()
        self._server: Server = serve(self._serve, "127.0.0.1", 0)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self._server.socket.getsockname()[1]}/link/?ticket=test"

    def start(self) -> FakeSocketMode:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()

    def send(self, envelope: dict[str, Any] | str) -> None:
        frame = envelope if isinstance(envelope, str) else json.dumps(envelope)
        with self._lock:
            connection = self._current
        if connection is None:
            raise AssertionError("no Socket Mode connection")
        connection.send(frame)

    def drop(self) -> None:
        """Close the current connection abruptly, as a network failure would."""
        with self._lock:
            connection = self._current
            self._current = None
        if connection is not None:
            connection.close()

    def wait_for(self, condition: Callable[[], Any], timeout: float = 10.0) -> Any:
        deadline = time.monotonic() + timeout
        with self._lock:
            while not (value := condition()):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"timed out; acks={self.acks}")
                self._lock.wait(min(remaining, 0.2))
            return value

    def ack_for(self, envelope_id: str) -> dict[str, Any] | None:
        return next((ack for ack in self.acks if ack.get("envelope_id") == envelope_id), None)

    def _serve(self, connection: ServerConnection) -> None:
        hello = {
            "type": "hello",
            "num_connections": 1,
            "debug_info": {"host": "applink-test", "build_number": 1},
            "connection_info": {"app_id": "A111"},
        }
        connection.send(json.dumps(hello))
        with self._lock:
            self.connections += 1
            self._current = connection
            self._lock.notify_all()
        try:
            for frame in connection:
                with self._lock:
                    self.acks.append(json.loads(frame))
                    self._lock.notify_all()
        except ConnectionClosed:
            pass
