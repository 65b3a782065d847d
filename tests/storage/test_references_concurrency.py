"""References stay gapless and unique when several processes take in complaints at once.

PostgreSQL: 8 processes x 50 complaints (issue 2's figure); SQLite: 4 x 25, which shows that
the file lock (BEGIN IMMEDIATE) serialises the counter the same way.
"""

from __future__ import annotations

import multiprocessing
from itertools import pairwise

import pytest
import sqlalchemy as sa

from storage.db import Database
from tests.storage.workers import submit_many

pytestmark = pytest.mark.slow

SIZES = {"postgresql": (8, 50), "sqlite": (4, 25)}


def test_concurrent_intake_gives_consecutive_references(db: Database) -> None:
    workers, each = SIZES[db.engine.dialect.name]
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(workers)
    timings = context.Queue()
    processes = [
        context.Process(target=submit_many, args=(db.url, worker, each, start, timings))
        for worker in range(workers)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(60)

    assert [p.exitcode for p in processes] == [0] * workers
    # Without the time to start Python in each process.
    slowest = max(timings.get(timeout=5) for _ in processes)
    with db.engine.connect() as connection:
        rows = connection.execute(
            sa.text("SELECT reference, year, number, subject FROM complaints ORDER BY number")
        ).all()
        events = connection.execute(sa.text("SELECT count(*) FROM complaint_events")).scalar()

    total = workers * each
    assert [row.reference for row in rows] == [f"K-2026-{n:04d}" for n in range(1, total + 1)]
    assert [row.number for row in rows] == list(range(1, total + 1))
    assert {row.year for row in rows} == {2026}
    assert len({row.subject for row in rows}) == total  # every submission stored once
    assert events == total
    if db.engine.dialect.name == "postgresql":
        # The workers really overlapped: one after another, the numbers would change hands only
        # `workers - 1` times (measured: ~395). SQLite's busy handler lets a writer keep the
        # file for bursts, so there the count says little.
        owners = [row.subject.split()[1] for row in rows]
        handovers = sum(a != b for a, b in pairwise(owners))
        assert handovers > 10 * workers
    assert slowest < 30, f"{total} concurrent submissions took {slowest:.1f} s"
