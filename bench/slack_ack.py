"""Time to acknowledge in HTTP mode: `klachtenbot web` against a bare Bolt app.

Both run under the same gunicorn settings (same workers, threads) on this machine in the same
run; 20 concurrent clients send 2,000 signed requests to each (button clicks and `/klacht help`,
half and half), in alternating rounds. Each click in klachtenbot really opens its modal (a
views.open call to a fake Slack in its own process); each round starts once the previous
app's work is done. Targets: p99 <= 100 ms, and <= 1.5x the bare app's p99.

    .venv/bin/python bench/slack_ack.py [--requests 2000] [--clients 20] [--workers 2]

Prints the figures; exit code 0 when both targets are met.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import math
import os
import queue
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bot.procedure import SYSTEM_ACTOR, Source  # noqa: E402
from bot.procedure.inputs import Intake  # noqa: E402
from bot.service import ComplaintService  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.slack.context import Context  # noqa: E402
from bot.slack.ids import ActionId  # noqa: E402
from storage.db import Database  # noqa: E402
from tests.slack.web import web_env  # noqa: E402
from tests.support.ports import free_port  # noqa: E402
from tests.support.signing import (  # noqa: E402
    FORM,
    command_body,
    interactive_body,
    signed_headers,
)

SECRET = "bench-signing-secret"
CHANNEL = "CKLACHTEN"
P99_LIMIT_MS = 100.0
RATIO_LIMIT = 1.5
WARM_UP = 200  # requests per app before measuring

BARE = """
import re
import sys
from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk import WebClient
from bot.slack.runner import WebServer, gunicorn_options

def factory():
    client = WebClient(token="xoxb-test-token", base_url=sys.argv[2])
    app = App(signing_secret=sys.argv[3], client=client, token_verification_enabled=False)
    app.action(re.compile(".*"))(lambda ack: ack())
    app.command("/klacht")(lambda ack: ack(text="ok"))
    return SlackRequestHandler(app)

WebServer(factory, gunicorn_options("127.0.0.1", int(sys.argv[1]), int(sys.argv[4]))).run()
"""

OURS = (
    "import sys; from bot.settings import load_settings; from bot.slack.runner import run_http; "
    "sys.exit(run_http(load_settings(), host='127.0.0.1', workers={workers}))"
)


# The fake stands in for Slack's own servers, which do not share this machine's CPU with the
# bot: it runs at the lowest priority so its work disturbs the measured servers least.
FAKE = """
import os, sys
os.nice(19)
from tests.support.fake_slack import FakeSlack
fake = FakeSlack().start()
fake.add_channel(sys.argv[1])
print(fake.url, flush=True)
for _ in sys.stdin:  # each line asks how many modals have been opened
    print(len(fake.calls_to("views.open")), flush=True)
"""


class _Url:
    """What web_env needs of a fake: its URL."""

    def __init__(self, url: str) -> None:
        self.url = url


def start_fake() -> tuple[subprocess.Popen[bytes], str]:
    """The fake Slack in its own process, so its work does not slow the measuring clients."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen(
        [sys.executable, "-c", FAKE, CHANNEL],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        start_new_session=True,
    )
    return process, process.stdout.readline().decode().strip()


def modals_opened(fake: subprocess.Popen[bytes]) -> int:
    """views.open calls the fake has answered, to check that every click opened its modal."""
    fake.stdin.write(b"?\n")
    fake.stdin.flush()
    return int(fake.stdout.readline())


def clicks(count: int) -> int:
    """Button clicks among `requests(count, ...)`."""
    return (count + 1) // 2


def requests(count: int, reference: str) -> list[tuple[bytes, dict[str, str]]]:
    """Signed bodies, made before timing starts: half button clicks, half `/klacht help`."""
    value = Context(reference=reference).dump()
    made = []
    for n in range(count):
        if n % 2:
            fields = {
                "command": "/klacht",
                "text": "help",
                "user_id": "UOFFICER",
                "user_name": "anna",
                "channel_id": CHANNEL,
                "team_id": "T111",
                "trigger_id": f"{n}.1.x",
                "response_url": "https://hooks.slack.com/commands/T111/1/x",
            }
            body = command_body(fields)
        else:
            payload = {
                "type": "block_actions",
                "user": {"id": "UOFFICER", "username": "anna", "name": "anna", "team_id": "T111"},
                "team": {"id": "T111", "domain": "klachten"},
                "api_app_id": "A111",
                "token": "x",
                "trigger_id": f"{n}.1.x",
                "channel": {"id": CHANNEL, "name": "klachten"},
                "container": {"type": "message", "message_ts": "1.2", "channel_id": CHANNEL},
                "actions": [
                    {
                        "type": "button",
                        "action_id": ActionId.NOTE.value,
                        "block_id": "actions",
                        "value": value,
                        "action_ts": "1.2",
                    }
                ],
            }
            body = interactive_body(payload)
        made.append((body, signed_headers(SECRET, body, FORM)))
    return made


def load(port: int, work: list[tuple[bytes, dict[str, str]]], clients: int) -> list[float]:
    """Send `work` from `clients` threads (keep-alive connections); return latencies in ms."""
    jobs: queue.Queue[tuple[bytes, dict[str, str]]] = queue.Queue()
    for item in work:
        jobs.put(item)
    latencies: list[float] = []
    failures: list[int] = []
    lock = threading.Lock()

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        while True:
            try:
                body, headers = jobs.get_nowait()
            except queue.Empty:
                break
            started = time.perf_counter()
            connection.request("POST", "/slack/events", body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                if response.status != 200:
                    failures.append(response.status)
        connection.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise SystemExit(f"{len(failures)} requests failed, e.g. HTTP {failures[0]}")
    return latencies


def cpu_seconds(group: int) -> float:
    """CPU time used so far by every process in process group `group` (Linux /proc)."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group:
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def wait_idle(group: int) -> None:
    """Wait until the server has finished the work its requests left behind (modals opened),
    so that it does not slow down the other app's next round."""
    before = cpu_seconds(group)
    while True:
        time.sleep(0.2)
        now = cpu_seconds(group)
        if now - before < 0.02:
            return
        before = now


def compare(
    servers: tuple[subprocess.Popen[bytes], subprocess.Popen[bytes]],
    ports: tuple[int, int],
    reference: str,
    args: argparse.Namespace,
) -> tuple[list[float], list[float]]:
    """Both apps in alternating rounds, so a busy moment of the machine hits both alike; each
    round starts when the previous app's leftover work is done."""
    results: tuple[list[float], list[float]] = ([], [])
    per_round = args.requests // args.rounds
    for _ in range(args.rounds):
        for server, port, latencies in zip(servers, ports, results, strict=True):
            latencies += load(port, requests(per_round, reference), args.clients)
            wait_idle(server.pid)
    return results


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]  # nearest rank


def wait_healthy(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("server exited during start-up")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            connection.request("POST", "/slack/events", body=b"", headers={})
            connection.getresponse().read()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("server did not start")


def start(command: list[str], env: dict[str, str], cwd: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        command,
        env=env,
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def stop(*processes: subprocess.Popen[bytes]) -> None:
    """Stop every process group, also when one has exited already (a failed start-up)."""
    for process in processes:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def summary(name: str, latencies: list[float]) -> str:
    return (
        f"{name:>12}: n={len(latencies)} p50={statistics.median(latencies):6.1f} ms  "
        f"p95={percentile(latencies, 95):6.1f} ms  p99={percentile(latencies, 99):6.1f} ms  "
        f"max={max(latencies):6.1f} ms"
    )


def measure(fake_url: str, args: argparse.Namespace) -> tuple[list[float], list[float]]:
    """Start both apps on a fresh database with one complaint; latencies of (bare, ours)."""
    with tempfile.TemporaryDirectory(prefix="bench-ack-") as folder:
        return measure_in(folder, fake_url, args)


def measure_in(
    folder: str, fake_url: str, args: argparse.Namespace
) -> tuple[list[float], list[float]]:
    database_url = f"sqlite:///{folder}/klachtenbot.sqlite3"
    db = Database(database_url)
    db.upgrade()
    settings = Settings(_env_file=None, database_url=database_url)
    service = ComplaintService(db, settings)
    intake = Intake(Source.EMAIL, service.now(), "Bench", "Een klacht voor de benchmark.")
    reference = service.submit(intake, SYSTEM_ACTOR).reference
    db.dispose()

    ours_port, bare_port = free_port(), free_port()
    env = web_env(database_url, _Url(fake_url), ours_port, SLACK_SIGNING_SECRET=SECRET)
    ours = start([sys.executable, "-c", OURS.format(workers=args.workers)], env, folder)
    bare_args = [str(bare_port), fake_url, SECRET, str(args.workers)]
    bare = start([sys.executable, "-c", BARE, *bare_args], env, folder)
    try:
        wait_healthy(ours_port, ours)
        wait_healthy(bare_port, bare)
        for server, port in ((bare, bare_port), (ours, ours_port)):  # warm up: imports, auth
            load(port, requests(WARM_UP, reference), args.clients)
            wait_idle(server.pid)
        return compare((bare, ours), (bare_port, ours_port), reference, args)
    finally:
        stop(ours, bare)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()

    fake, fake_url = start_fake()
    try:
        bare_ms, ours_ms = measure(fake_url, args)
        opened = modals_opened(fake)
    finally:
        stop(fake)
    expected = clicks(WARM_UP) + args.rounds * clicks(args.requests // args.rounds)

    ratio = percentile(ours_ms, 99) / percentile(bare_ms, 99)
    print(f"{args.requests} signed requests, {args.clients} clients, {args.workers} workers each")
    print(summary("bare Bolt", bare_ms))
    print(summary("klachtenbot", ours_ms))
    print(f"p99 ratio klachtenbot / bare Bolt: {ratio:.2f} (target <= {RATIO_LIMIT})")
    print(f"modals opened by klachtenbot: {opened} of {expected} clicks")
    met = percentile(ours_ms, 99) <= P99_LIMIT_MS and ratio <= RATIO_LIMIT and opened == expected
    print("targets met" if met else "TARGETS NOT MET")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
