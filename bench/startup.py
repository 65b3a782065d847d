"""Benchmark: how long a whole `klachtenbot` process takes, as a person or a mail server starts
it. Targets: `list` on a small database, `ingest` of one message, and `status` each at most
0.5 s wall-clock, median of the runs.

    .venv/bin/python bench/startup.py [--runs N]

Each run is a fresh process of the installed console script with PYTHONDONTWRITEBYTECODE=1 (as
on these machines and many container images), so only the bytecode the install compiled helps.
The database is a SQLite file holding the demo's complaints; Slack and SMTP are not configured.
Two last lines time importing SQLAlchemy's ORM and pydantic-settings alone, which every command
needs, and SQLAlchemy's core alone: the floor on this machine at this moment, since its speed
varies between runs.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 0.5
KLACHTENBOT = Path(sys.executable).with_name("klachtenbot")
FLOOR = "import gc; gc.disable(); import sqlalchemy.orm, pydantic_settings; gc.freeze()"
CORE_ALONE = "import gc; gc.disable(); import sqlalchemy; gc.freeze()"
MESSAGE = (
    "From: Sanne de Wit <sanne.dewit@example.com>\r\n"
    "To: klachten@example.nl\r\n"
    "Subject: Uren niet uitbetaald\r\n"
    "Message-ID: <bench-{n}@example.com>\r\n"
    "Date: Fri, 03 Jul 2026 08:30:00 +0200\r\n"
    "\r\n"
    "Mijn uren van week 26 zijn niet uitbetaald. Bel mij op 06-12345678.\r\n"
)


def environment(database: Path) -> dict[str, str]:
    keep = ("PATH", "HOME", "LANG", "TZ")
    env = {name: os.environ[name] for name in keep if name in os.environ}
    env.update(
        DATABASE_URL=f"sqlite:///{database}",
        PYTHONDONTWRITEBYTECODE="1",
        SEND_ACKNOWLEDGEMENTS="false",
    )
    return env


def timed(
    argv: list[str],
    env: dict[str, str],
    cwd: Path,
    stdin: bytes = b"",
    ok: tuple[int, ...] = (0,),
    program: tuple[str, ...] = (str(KLACHTENBOT),),
) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system) of one process; `ok` are the exit codes
    that mean it ran as designed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run([*program, *argv], env=env, cwd=cwd, input=stdin, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode not in ok:
        raise SystemExit(f"{' '.join(argv)} failed: {result.stderr.decode()[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kb-startup-") as folder:
        cwd = Path(folder)
        subprocess.run([str(KLACHTENBOT), "demo"], cwd=cwd, capture_output=True, check=True)
        database = cwd / "demo-output" / "klachtenbot-demo.sqlite3"
        env = environment(database)
        commands: dict[str, object] = {
            "list (small database)": lambda n: timed(["list"], env, cwd),
            "ingest (one message)": lambda n: timed(
                ["ingest", "-"], env, cwd, MESSAGE.format(n=n).encode()
            ),
            # No job has run on the demo's database, so status answers "unhealthy" (exit 1).
            "status": lambda n: timed(["status"], env, cwd, ok=(0, 1)),
            # Not targets: what the libraries every command needs cost alone, on this machine
            # at this moment (its speed varies by half between runs here).
            "floor: ORM + settings": lambda n: timed(
                ["-c", FLOOR], env, cwd, program=(sys.executable,)
            ),
            "floor: SQLAlchemy alone": lambda n: timed(
                ["-c", CORE_ALONE], env, cwd, program=(sys.executable,)
            ),
        }
        failed = False
        for label, run in commands.items():
            run(-1)  # warm the page cache
            samples = [run(n) for n in range(args.runs)]
            wall = statistics.median(s[0] for s in samples)
            cpu = statistics.median(s[1] for s in samples)
            figures = f"{label:<24} median wall {wall:.3f} s, cpu {cpu:.3f} s over {args.runs} runs"
            if label.startswith("floor"):
                print(f"{figures} (no command can start faster)")
                continue
            failed |= wall > TARGET_SECONDS
            verdict = "ok" if wall <= TARGET_SECONDS else "TOO SLOW"
            print(f"{figures} (target <= {TARGET_SECONDS} s wall): {verdict}")
        load = os.getloadavg()[0]
        print(f"load average during the run: {load:.1f} on {os.cpu_count()} CPUs")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
