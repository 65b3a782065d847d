"""Benchmark: an idle `klachtenbot teams` (resident memory, time to ready) and the import time
of the Teams side.

    .venv/bin/python bench/teams.py [--runs N]

Target: idle `teams` < 150 MB resident. The process runs against the local fake Bot Connector
(unauthenticated test mode, SQLite) and is measured after ten idle seconds; import times are
the median of N fresh interpreters with bytecode compiled, as `make` installs it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.support.fake_teams import TENANT, FakeTeams  # noqa: E402
from tests.support.ports import free_port  # noqa: E402

RSS_LIMIT_MB = 150
CHANNEL = "19:klachten5d1e9c7a@thread.tacv2"
IMPORTS = {
    "the SDK's app module (microsoft_teams.apps)": "import bot.teams.sdk",
    "the whole teams process (bot.teams.runner)": "import bot.teams.runner",
    "floor: SQLAlchemy's ORM and pydantic-settings": "import sqlalchemy.orm, pydantic_settings",
}


def import_seconds(statement: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        subprocess.run([sys.executable, "-c", statement], cwd=REPO, check=True)
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def idle_teams() -> dict[str, float]:
    fake = FakeTeams().start()
    fake.add_team(CHANNEL, [CHANNEL], [])
    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{folder}/teams.sqlite3",
            "CHAT_PLATFORM": "teams",
            "TEAMS_TENANT_ID": TENANT,
            "TEAMS_COMPLAINTS_CHANNEL": CHANNEL,
            "TEAMS_SERVICE_URL": fake.url,
            "TEAMS_ALLOW_UNAUTHENTICATED": "true",
            "PORT": str(port),
            "LOG_LEVEL": "WARNING",
        }
        began = time.perf_counter()
        process = subprocess.Popen([str(REPO / ".venv/bin/klachtenbot"), "teams"], env=env)
        try:
            ready = _wait_for_health(f"http://127.0.0.1:{port}/healthz", process) - began
            time.sleep(10)
            status = Path(f"/proc/{process.pid}/status").read_text().splitlines()
            memory = {line.split(":")[0]: int(line.split()[1]) for line in status if "kB" in line}
        finally:
            process.terminate()
            process.wait(timeout=15)
    fake.stop()
    return {"ready_s": ready, "rss_mb": memory["VmRSS"] / 1024, "peak_mb": memory["VmHWM"] / 1024}


def _wait_for_health(url: str, process: subprocess.Popen) -> float:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"teams exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return time.perf_counter()
        except OSError:
            time.sleep(0.1)
    raise SystemExit("teams did not answer /healthz")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    for label, statement in IMPORTS.items():
        print(f"import of {label}: {import_seconds(statement, args.runs):.2f} s (median)")
    idle = idle_teams()
    passed = idle["rss_mb"] < RSS_LIMIT_MB
    print(
        f"idle teams: ready in {idle['ready_s']:.2f} s, {idle['rss_mb']:.0f} MB resident "
        f"(peak {idle['peak_mb']:.0f} MB) -> {'OK' if passed else 'TOO BIG'}"
    )
    return 0 if passed else 1


if __name__ == "__main__":
    raise SystemExit(main())
