"""`klachtenbot web` as a real subprocess (gunicorn), and signed HTTP requests to it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.slack.conftest import CHANNEL, SECRET
from tests.support.corpus import REPO
from tests.support.fake_slack import APP_TOKEN, BOT_TOKEN, FakeSlack
from tests.support.signing import signed_headers

# Started through the same function `klachtenbot web` calls, with `klachtenbot clock` beside it
# (which delivers to Slack), as the README deploys them.
SERVE = (
    "import sys; from bot.settings import load_settings; from bot.slack.runner import run_http; "
    "sys.exit(run_http(load_settings(), host='127.0.0.1', workers={workers}))"
)
CLOCK = "import sys; from bot.cli import main; sys.exit(main(['clock']))"


@dataclass(frozen=True)
class Reply:
    status: int
    body: bytes
    seconds: float


@dataclass
class WebServer:
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def post(self, body: bytes, headers: dict[str, str], path: str = "/slack/events") -> Reply:
        request = urllib.request.Request(self.url + path, data=body, headers=headers, method="POST")
        return self._send(request)

    def post_signed(self, body: bytes, content_type: str, timestamp: int | None = None) -> Reply:
        return self.post(body, signed_headers(SECRET, body, content_type, timestamp))

    def get(self, path: str) -> Reply:
        return self._send(urllib.request.Request(self.url + path))

    def _send(self, request: urllib.request.Request) -> Reply:
        started = time.monotonic()
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return Reply(response.status, response.read(), time.monotonic() - started)
        except urllib.error.HTTPError as exc:
            return Reply(exc.code, exc.read(), time.monotonic() - started)


def web_env(database_url: str, fake: FakeSlack, port: int, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "DATABASE_URL": database_url,
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_APP_TOKEN": APP_TOKEN,
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": fake.url,
        "COMPLAINTS_CHANNEL": CHANNEL,
        "OFFICER_USER_IDS": "UOFFICER",
        "MANAGEMENT_USER_IDS": "UDIRECTIE",
        "SEND_ACKNOWLEDGEMENTS": "false",
        "PORT": str(port),
        "LOG_LEVEL": "WARNING",
        **extra,
    }


@contextmanager
def web_server(env: dict[str, str], cwd: Path, workers: int = 2) -> Iterator[WebServer]:
    """Start `run_http` and `clock` in subprocesses and wait for /healthz; stop them with
    SIGTERM."""
    log = (cwd / "web.log").open("wb")
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", code],
            env=env,
            cwd=cwd,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        for code in (SERVE.format(workers=workers), CLOCK)
    ]
    server = WebServer(f"http://127.0.0.1:{env['PORT']}", processes[0], cwd / "web.log")
    try:
        _wait_healthy(server)
        yield server
    finally:
        for process in processes:
            os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        log.close()


def _wait_healthy(server: WebServer) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise AssertionError(server.log.read_text())
        try:
            if server.get("/healthz").status == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise AssertionError("klachtenbot web did not become healthy")
