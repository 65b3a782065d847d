"""Benchmark: `Action.Execute` invokes (`adaptiveCard/action`) answered by `klachtenbot teams`,
beside a bare Teams SDK app, 20 at a time, interleaved.

    .venv/bin/python bench/teams_invoke.py [--rounds N] [--concurrency C]

Two processes, each uvicorn on its own loopback port, both in unauthenticated test mode:

- `klachtenbot teams` (SQLite, the local fake Bot Connector), answering the officer's click on
  a complaint's "Registreren" button with the register form in place of the card (the sender's
  reference compared with the stored one, the role check, the complaint and the earlier
  complaints like it read, the form rendered);
- a bare `microsoft-teams-apps` App whose only handler answers every invoke with a small card,
  served by the SDK's own FastAPI adapter on uvicorn.

Each round sends C invokes at once to one app, then C at once to the other (the order swapped
every round), so both see the same machine load. Target (issue 21): p99 <= 300 ms and at most
1.5x the bare app's p99. The machine's load (`uptime`) is printed with the figures, and each
server's CPU time per invoke (from /proc, during its rounds): less noisy than latency on a busy
machine, it says where a latency ratio comes from.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.request
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bot.views.ids import Action  # noqa: E402
from tests.support.fake_teams import TENANT, FakeTeams, Person  # noqa: E402
from tests.support.ports import free_port  # noqa: E402

CARD = "application/vnd.microsoft.card.adaptive"  # the answer is a card (the form), not a refusal
P99_LIMIT_MS = 300
RATIO_LIMIT = 1.5
TEAM = "19:team0a1b2c3d4e5f@thread.tacv2"
CHANNEL = "19:klachten5d1e9c7a@thread.tacv2"
OFFICER = Person("29:1officerMRI-opaque_xyz", "9d3e08f9-a7ae-43aa-a4d3-de3f319a8a9c")

BARE_APP = textwrap.dedent(
    """
    import asyncio, sys
    import uvicorn
    from microsoft_teams.api import InvokeResponse
    from microsoft_teams.apps.http import FastAPIAdapter
    from bot.teams.sdk import App

    port = int(sys.argv[1])
    card = {"type": "AdaptiveCard", "version": "1.5",
            "body": [{"type": "TextBlock", "text": "Ontvangen", "wrap": True}]}

    def server(web):
        config = uvicorn.Config(web, host="127.0.0.1", port=port, log_config=None,
                                access_log=False)
        return uvicorn.Server(config)

    app = App(http_server_adapter=FastAPIAdapter(server_factory=server),
              dangerously_allow_unauthenticated_requests=True, service_url=sys.argv[2])

    @app.on_invoke
    async def invoke(ctx):
        body = {"statusCode": 200, "type": "application/vnd.microsoft.card.adaptive",
                "value": card}
        return InvokeResponse(status=200, body=body)

    asyncio.run(app.start(port))
    """
)


def invoke(service_url: str, reference: str) -> dict[str, Any]:
    """The officer's click on "Registreren", shaped like the recorded adaptiveCard/action."""
    return {
        "type": "invoke",
        "name": "adaptiveCard/action",
        "id": "f:5c1c3a5e-0d51-4e25-9d63-0a2f3b6d9f11",
        "channelId": "msteams",
        "serviceUrl": service_url,
        "from": {"id": OFFICER.user_id, "aadObjectId": OFFICER.aad_object_id, "name": "Olo"},
        "recipient": {"id": "28:0b6fe6d1-fece-44f7-9a48-56465e2d5ab8", "name": "klachtenbot"},
        "conversation": {
            "id": "a:1bench-personal-chat",
            "conversationType": "personal",
            "tenantId": TENANT,
        },
        "channelData": {"tenant": {"id": TENANT}, "source": {"name": "message"}},
        "value": {
            "action": {
                "type": "Action.Execute",
                "verb": Action.REGISTER.value,
                "data": {"reference": reference},
            },
            "trigger": "manual",
        },
        "locale": "nl-NL",
    }


def _wait_for(url: str, process: subprocess.Popen, method: str = "GET") -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{url}: the process exited with {process.returncode}")
        try:
            request = urllib.request.Request(url, method=method, data=b"{}" if method else None)
            with urllib.request.urlopen(request, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"{url} did not answer")


def _complaint(database_url: str) -> str:
    """A received complaint in the teams process's database, as e-mail intake makes it."""
    from bot.procedure import SYSTEM_ACTOR, Source
    from bot.procedure.inputs import Intake
    from bot.service import ComplaintService
    from bot.settings import Settings
    from storage.db import Database

    settings = Settings(_env_file=None, database_url=database_url)
    service = ComplaintService(Database(database_url), settings)
    intake = Intake(
        source=Source.EMAIL,
        received_at=service.now(),
        subject="Loonstrook te laat",
        body="Mijn loonstrook van mei is nog niet binnen.",
        complainant_name="Petra Pietersen",
        complainant_email="petra@example.nl",
    )
    return str(service.submit(intake, SYSTEM_ACTOR).reference)


async def _round(http: httpx.AsyncClient, url: str, body: dict, count: int) -> list[float]:
    async def one() -> float:
        began = time.perf_counter()
        answer = await http.post(url, json=body)
        elapsed = time.perf_counter() - began
        if answer.status_code != 200 or answer.json().get("type") != CARD:
            raise SystemExit(f"{url} answered {answer.status_code}: {answer.text[:200]}")
        return elapsed * 1000

    return list(await asyncio.gather(*(one() for _ in range(count))))


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process so far (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def measure(
    targets: dict[str, tuple[str, dict, int]], rounds: int, concurrency: int
) -> tuple[dict[str, list[float]], dict[str, float]]:
    """Each invoke's time in ms, and each server's CPU seconds during its rounds."""
    times: dict[str, list[float]] = {name: [] for name in targets}
    cpu = dict.fromkeys(targets, 0.0)
    limits = httpx.Limits(max_connections=concurrency * 2, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(timeout=30, limits=limits) as http:
        for url, body, _pid in targets.values():  # warm up: connections, first imports
            await _round(http, url, body, concurrency)
        names = list(targets)
        for number in range(rounds):
            for name in names if number % 2 == 0 else reversed(names):
                url, body, pid = targets[name]
                began = cpu_seconds(pid)
                times[name] += await _round(http, url, body, concurrency)
                cpu[name] += cpu_seconds(pid) - began
    return times, cpu


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15, help="rounds per app (default 15)")
    parser.add_argument("--concurrency", type=int, default=20)
    args = parser.parse_args()

    fake = FakeTeams().start()
    fake.add_team(TEAM, [CHANNEL], [OFFICER])
    teams_port, bare_port = free_port(), free_port()
    processes: list[subprocess.Popen] = []
    with tempfile.TemporaryDirectory() as folder:
        database_url = f"sqlite:///{folder}/teams.sqlite3"
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "CHAT_PLATFORM": "teams",
            "TEAMS_TENANT_ID": TENANT,
            "TEAMS_COMPLAINTS_CHANNEL": CHANNEL,
            "TEAMS_OFFICER_IDS": OFFICER.aad_object_id,
            "TEAMS_SERVICE_URL": fake.url,
            "TEAMS_ALLOW_UNAUTHENTICATED": "true",
            "PORT": str(teams_port),
            "LOG_LEVEL": "ERROR",
            "SEND_ACKNOWLEDGEMENTS": "false",
        }
        try:
            processes.append(
                subprocess.Popen([str(REPO / ".venv/bin/klachtenbot"), "teams"], env=env)
            )
            bare = [sys.executable, "-c", BARE_APP, str(bare_port), fake.url]
            processes.append(subprocess.Popen(bare, cwd=REPO, stderr=subprocess.DEVNULL))
            _wait_for(f"http://127.0.0.1:{teams_port}/healthz", processes[0])
            _wait_for(f"http://127.0.0.1:{bare_port}/api/messages", processes[1], "POST")
            reference = _complaint(database_url)
            body = invoke(fake.url, reference)
            targets = {
                "klachtenbot teams": (
                    f"http://127.0.0.1:{teams_port}/api/messages",
                    body,
                    processes[0].pid,
                ),
                "bare Teams SDK app": (
                    f"http://127.0.0.1:{bare_port}/api/messages",
                    body,
                    processes[1].pid,
                ),
            }
            times, cpu = asyncio.run(measure(targets, args.rounds, args.concurrency))
        finally:
            for process in processes:
                process.terminate()
                process.wait(timeout=15)
            fake.stop()

    load = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    print(f"{args.concurrency} concurrent adaptiveCard/action invokes, interleaved; {load}")
    p99 = {}
    for name, values in times.items():
        p99[name] = percentile(values, 0.99)
        print(
            f"{name:>20}: {len(values)} invokes, p50 {statistics.median(values):6.1f} ms, "
            f"p99 {p99[name]:6.1f} ms, max {max(values):6.1f} ms, "
            f"server CPU {cpu[name] / len(values) * 1000:4.1f} ms/invoke"
        )
    ratio = p99["klachtenbot teams"] / p99["bare Teams SDK app"]
    passed = p99["klachtenbot teams"] <= P99_LIMIT_MS and ratio <= RATIO_LIMIT
    print(
        f"p99 ratio {ratio:.2f}x (target <= {RATIO_LIMIT}x), p99 target <= {P99_LIMIT_MS} ms "
        f"-> {'OK' if passed else 'MISSED'}"
    )
    return 0 if passed else 1


if __name__ == "__main__":
    raise SystemExit(main())
