"""Benchmark: the clock's scans with 100,000 complaints (95% closed), `clock --once` idle, and an
idle `klachtenbot run` (memory, time to ready).

    .venv/bin/python bench/clock.py [--db sqlite|postgresql|both] [--total N]

Targets: one tick's scans <= 50 ms on SQLite and PostgreSQL, growing with the complaints due
(not the total); `clock --once` with nothing due <= 1.5 s; idle `run` < 150 MB resident and
ready (Socket Mode connected) within 3 s of start. Each figure is the median of several runs.
The data (a temp SQLite file, a private PostgreSQL schema) is dropped afterwards.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from zoneinfo import ZoneInfo

import sqlalchemy as sa

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bot.jobs.context import JobContext  # noqa: E402
from bot.jobs.deadlines import warn_about_deadlines  # noqa: E402
from bot.jobs.digest import decide_weekly_digest  # noqa: E402
from bot.jobs.effectiveness import remind_effectiveness_checks  # noqa: E402
from bot.service import ComplaintService  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.slack.notifications import deliver_notifications  # noqa: E402
from storage.db import Database  # noqa: E402
from storage.models import ComplaintRow, Delivery, Notification  # noqa: E402
from storage.outbox import Outbox  # noqa: E402
from tests.support.fake_slack import APP_TOKEN, BOT_TOKEN, FakeSlack, FakeSocketMode  # noqa: E402

POSTGRES_URL = os.environ.get(
    "KLACHTENBOT_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
AMS = ZoneInfo("Europe/Amsterdam")
NOW = dt.datetime(2026, 4, 21, 10, 0, tzinfo=AMS)  # a Tuesday, open
TICK_LIMIT_MS = 50.0
ONCE_LIMIT_S = 1.5
RSS_LIMIT_MB = 150
READY_LIMIT_S = 3.0
REPEAT = 7
BATCH = 10_000


def rows(total: int, due: int, first: int = 1) -> Iterator[list[dict]]:
    """95% closed and contacted in time, the rest open and contacted, except `due` complaints
    received last week without contact (their pre-warning and overdue notice are due now)."""
    batch = []
    for n in range(first, first + total):
        received = NOW - dt.timedelta(days=30 + n % 3000, hours=n % 7)
        uncontacted = n > first + total - 1 - due
        if uncontacted:
            received = NOW - dt.timedelta(days=7, minutes=n % 600)
        state = "closed" if n % 20 else "contacted"
        if uncontacted:
            state = "registered"
        deadline = received + dt.timedelta(days=2)
        batch.append(
            {
                "reference": f"K-{received.year}-{n:06d}",
                "year": received.year,
                "number": n,
                "version": 3,
                "state": state,
                "source": "email",
                "received_at": received,
                "contact_deadline": deadline,
                "subject": "Bench",
                "body": "Bench",
                "contacted_at": None if uncontacted else received + dt.timedelta(hours=4),
                "closed_at": received + dt.timedelta(days=3) if state == "closed" else None,
                "effectiveness_check_on": (received + dt.timedelta(days=60)).date()
                if state == "closed" and n % 50 == 1
                else None,
                "effectiveness_result": "Bench" if state == "closed" and n % 50 == 1 else None,
            }
        )
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def load(db: Database, total: int, due: int) -> None:
    """Bulk-insert the complaints, each fully shown in Slack already."""
    complaints = ComplaintRow.__table__
    deliveries = Delivery.__table__
    with db.engine.begin() as connection:
        for batch in rows(total, due):
            ids = connection.execute(
                complaints.insert().returning(complaints.c.id), batch
            ).scalars()
            connection.execute(
                deliveries.insert(),
                [
                    {
                        "complaint_id": complaint_id,
                        "surface": "slack",
                        "conversation": "CKLACHTEN",
                        "ref": f"1.{complaint_id}",
                        "posted_event_id": 0,
                        "shown_version": 3,
                        "attempts": 0,
                    }
                    for complaint_id in ids
                ],
            )
        if db.engine.dialect.name == "postgresql":
            connection.exec_driver_sql("ANALYZE")


def settings_for(url: str, **extra: object) -> Settings:
    return Settings(
        _env_file=None,
        database_url=url,
        officer_user_ids=["UOFFICER"],
        management_channel="CDIRECTIE",
        **extra,
    )


def scans(ctx: JobContext, outbox: Outbox) -> Callable[[], None]:
    """One tick's database scans with nothing to send: every deciding job's query (outside
    opening hours they return before scanning, so NOW is a working morning), the Slack outbox
    claim and the waiting notifications."""

    decide_weekly_digest(ctx, NOW)  # this week's digest decided and sent: what a tick finds
    with ctx.db.engine.begin() as connection:
        connection.execute(Notification.__table__.update().values(sent_at=NOW))

    def tick() -> None:
        assert warn_about_deadlines(ctx, NOW) == 0
        assert remind_effectiveness_checks(ctx, NOW) == 0
        assert decide_weekly_digest(ctx, NOW) == 0
        assert outbox.claim(NOW) == []
        assert deliver_notifications(ctx.service, None, NOW) == 0  # type: ignore[arg-type]

    return tick


def median_ms(work: Callable[[], None]) -> float:
    work()  # warm caches and plans
    times = []
    for _ in range(REPEAT):
        began = time.perf_counter()
        work()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def due_tick_ms(ctx: JobContext) -> float:
    """The deadline job deciding every due complaint (two notices each, written), once."""
    began = time.perf_counter()
    warn_about_deadlines(ctx, NOW)
    return (time.perf_counter() - began) * 1000


def measure(url: str, total: int) -> dict[str, float]:
    """Idle tick at `total`, at a tenth of it, and deciding 100 due complaints."""
    results = {}
    for label, size, due in (("idle", total, 0), ("idle_tenth", total // 10, 0)):
        with fresh(url) as db:
            load(db, size, due)
            ctx = JobContext(ComplaintService(db, settings_for(db.url)), None, "bench")
            results[f"tick_ms_{label}"] = median_ms(scans(ctx, Outbox(db, "bench", "slack")))
            if label == "idle":
                results["once_s"] = clock_once_seconds(db.url)
    with fresh(url) as db:
        load(db, total, 100)
        ctx = JobContext(ComplaintService(db, settings_for(db.url)), None, "bench")
        results["decide_100_due_ms"] = due_tick_ms(ctx)
        with db.engine.begin() as connection:  # as if Slack had shown the notices
            connection.execute(Delivery.__table__.update().values(shown_version=99))
            connection.execute(Notification.__table__.update().values(sent_at=NOW))
        results["tick_ms_after_100_decided"] = median_ms(scans(ctx, Outbox(db, "bench", "slack")))
    return results


def clock_once_seconds(url: str) -> float:
    """Wall time of `klachtenbot clock --once` with nothing due (median of three). The process
    runs on today's clock, not on NOW: a retention period longer than the data's eight years
    keeps the retention job idle too (its first run would anonymise thousands of complaints: a
    catch-up, not an idle tick)."""
    env = {**os.environ, "DATABASE_URL": url, "LOG_LEVEL": "WARNING", "RETENTION_MONTHS": "120"}
    times = []
    for _ in range(3):
        began = time.perf_counter()
        subprocess.run(
            [str(REPO / ".venv/bin/klachtenbot"), "clock", "--once"], env=env, check=True
        )
        times.append(time.perf_counter() - began)
    return statistics.median(times)


@contextmanager
def fresh(kind_url: str) -> Iterator[Database]:
    if kind_url == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            db = Database(f"sqlite:///{folder}/bench.sqlite3")
            db.upgrade()
            try:
                yield db
            finally:
                db.dispose()
        return
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    db = Database(f"{POSTGRES_URL}?options=-csearch_path%3D{schema}")
    try:
        db.upgrade()
        yield db
    finally:
        db.dispose()
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()


def idle_run() -> dict[str, float]:
    """Start `klachtenbot run` against the local fakes; time to the Socket Mode connection and
    resident memory after ten idle seconds."""
    fake = FakeSlack().start()
    fake.add_channel("CKLACHTEN")
    socket = FakeSocketMode().start()
    fake.socket_url = socket.url
    with tempfile.TemporaryDirectory() as folder:
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{folder}/run.sqlite3",
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_APP_TOKEN": APP_TOKEN,
            "SLACK_API_URL": fake.url,
            "COMPLAINTS_CHANNEL": "CKLACHTEN",
            "OFFICER_USER_IDS": "UOFFICER",
            "LOG_LEVEL": "WARNING",
        }
        began = time.perf_counter()
        process = subprocess.Popen([str(REPO / ".venv/bin/klachtenbot"), "run"], env=env)
        try:
            socket.wait_for(lambda: socket.connections >= 1, timeout=30)
            ready = time.perf_counter() - began
            time.sleep(10)
            rss_kb = int(
                next(
                    line.split()[1]
                    for line in Path(f"/proc/{process.pid}/status").read_text().splitlines()
                    if line.startswith("VmRSS:")
                )
            )
        finally:
            process.terminate()
            process.wait(timeout=15)
    socket.stop()
    fake.stop()
    return {"ready_s": ready, "rss_mb": rss_kb / 1024}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--total", type=int, default=100_000)
    args = parser.parse_args()
    kinds = ["sqlite", "postgresql"] if args.db == "both" else [args.db]
    ok = True
    for kind in kinds:
        result = measure(kind if kind == "sqlite" else "postgresql", args.total)
        tick = result["tick_ms_idle"]
        passed = tick <= TICK_LIMIT_MS and result["once_s"] <= ONCE_LIMIT_S
        ok &= passed
        print(
            f"{kind}: {args.total:,} complaints: tick scans {tick:.1f} ms "
            f"(at {args.total // 10:,}: {result['tick_ms_idle_tenth']:.1f} ms; after deciding "
            f"100 due: {result['tick_ms_after_100_decided']:.1f} ms); deciding 100 due "
            f"complaints {result['decide_100_due_ms']:.0f} ms; clock --once idle "
            f"{result['once_s']:.2f} s -> {'OK' if passed else 'TOO SLOW'}"
        )
    run = idle_run()
    passed = run["rss_mb"] < RSS_LIMIT_MB and run["ready_s"] <= READY_LIMIT_S
    ok &= passed
    print(
        f"idle run: ready in {run['ready_s']:.2f} s, {run['rss_mb']:.0f} MB resident -> "
        f"{'OK' if passed else 'TOO BIG/SLOW'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
