"""Benchmark: the clock's scans on the complainant's side with 100,000 complaints (95% closed):
decision deadlines before the end of today (storage.decisions.decision_deadlines_before) and
decision letters waiting for an answer (answers_due).

    .venv/bin/python bench/decisions.py [--db sqlite|postgresql|both] [--total N]

Target, as for the contact-deadline scan: each scan <= 50 ms, growing with the complaints due
(100 of each here), not with the total; each figure is the median of several runs, at the
total and at a tenth of it. The data (a temp SQLite file, a private PostgreSQL schema) is
dropped afterwards.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from storage.db import Database  # noqa: E402
from storage.decisions import answers_due, decision_deadlines_before  # noqa: E402
from storage.models import ComplaintRow  # noqa: E402
from tests.support.databases import database_url  # noqa: E402

AMS = ZoneInfo("Europe/Amsterdam")
NOW = dt.datetime(2026, 4, 21, 10, 0, tzinfo=AMS)
END_OF_TODAY = dt.datetime(2026, 4, 22, 0, 0, tzinfo=AMS)
LIMIT_MS = 50.0
DUE = 100
REPEAT = 7
BATCH = 10_000


def rows(total: int) -> Iterator[list[dict]]:
    """95% closed (their letters answered), the rest open with a decision deadline in the coming
    weeks; of each kind DUE are due now: a decision deadline passed, or an answer awaited."""
    batch = []
    due_left = {True: DUE, False: DUE}  # closed, open
    for n in range(1, total + 1):
        received = NOW - dt.timedelta(days=30 + n % 3000, hours=n % 7)
        closed = n % 20 != 0
        due = due_left[closed] > 0
        due_left[closed] -= due
        deadline = NOW + dt.timedelta(days=1 + n % 20)
        if not closed and due:
            deadline = NOW - dt.timedelta(hours=1 + n % 48)
        batch.append(
            {
                "reference": f"K-{received.year}-{n:06d}",
                "year": received.year,
                "number": n,
                "version": 5,
                "state": "closed" if closed else "registered",
                "source": "email",
                "received_at": received,
                "contact_deadline": received + dt.timedelta(days=2),
                "registered_at": received,
                "contacted_at": received + dt.timedelta(hours=4),
                "subject": "Bench",
                "body": "Bench",
                "route": "cao_geschil" if n % 7 == 0 else "dienstverlening",
                "decision_deadline": deadline,
                "closed_at": received + dt.timedelta(days=3) if closed else None,
                "outcome": "ongegrond" if closed else None,
                "decision_sent_at": received + dt.timedelta(days=3) if closed else None,
                "acceptance_due": (NOW - dt.timedelta(hours=1)) if closed else None,
                "acceptance": None if closed and due else ("akkoord" if closed else None),
            }
        )
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def load(db: Database, total: int) -> None:
    complaints = ComplaintRow.__table__
    with db.engine.begin() as connection:
        for batch in rows(total):
            connection.execute(complaints.insert(), batch)
        if db.engine.dialect.name == "postgresql":
            connection.exec_driver_sql("ANALYZE")


def median_ms(work: Callable[[], object]) -> float:
    work()
    times = []
    for _ in range(REPEAT):
        began = time.perf_counter()
        work()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def measure(kind: str, total: int) -> dict[str, float]:
    results = {}
    for label, size in (("", total), ("_tenth", total // 10)):
        with tempfile.TemporaryDirectory() as folder, database_url(kind, Path(folder)) as url:
            db = Database(url)
            db.upgrade()
            load(db, size)
            with db.reading() as session:
                assert len(decision_deadlines_before(session, END_OF_TODAY)) == DUE
                assert len(answers_due(session, NOW)) == DUE
                results[f"deadlines_ms{label}"] = median_ms(
                    lambda s=session: decision_deadlines_before(s, END_OF_TODAY)
                )
                results[f"answers_ms{label}"] = median_ms(lambda s=session: answers_due(s, NOW))
            db.dispose()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--total", type=int, default=100_000)
    args = parser.parse_args()
    kinds = ["sqlite", "postgresql"] if args.db == "both" else [args.db]
    ok = True
    for kind in kinds:
        result = measure(kind, args.total)
        passed = max(result["deadlines_ms"], result["answers_ms"]) <= LIMIT_MS
        ok &= passed
        print(
            f"{kind}: {args.total:,} complaints, {DUE} due of each: decision deadlines "
            f"{result['deadlines_ms']:.1f} ms (at {args.total // 10:,}: "
            f"{result['deadlines_ms_tenth']:.1f} ms), answers awaited {result['answers_ms']:.1f} "
            f"ms (at {args.total // 10:,}: {result['answers_ms_tenth']:.1f} ms) -> "
            f"{'OK' if passed else 'TOO SLOW'}"
        )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
