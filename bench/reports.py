"""Benchmark: a quarterly report (figures, all charts, the PDF) with 1,000,000 complaints,
100,000 in the quarter.

    .venv/bin/python bench/reports.py [--db sqlite|postgresql|both] [--total N] [--quarter N]
                                      [--keep PATH]

Target: figures + charts + PDF <= 5 s and <= 400 MB peak memory, on SQLite and on PostgreSQL.
The schema is made by the migrations; rows are generated with numpy and bulk-loaded in one
transaction (executemany on SQLite without journal or fsync, COPY on PostgreSQL) with the
complaints' indexes, search index and triggers dropped and made again after the load (about
1.5 minutes for SQLite). The measurement runs in a fresh child process so its peak memory is
the report's alone, and says per phase where the time went, including the time spent waiting
for a CPU. The data (a temp SQLite file, a private PostgreSQL schema) is dropped afterwards,
unless `--keep PATH` keeps it (the SQLite file PATH, a PostgreSQL schema named after it) for
the next run with the same sizes, which then measures the report only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import sqlalchemy as sa

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bot.settings import Settings  # noqa: E402
from storage.db import Database, head_revision  # noqa: E402
from storage.models import ComplaintRow  # noqa: E402
from storage.search import SQLITE_FTS_TABLE  # noqa: E402

COMPLAINTS = ComplaintRow.__table__

POSTGRES_URL = os.environ.get(
    "KLACHTENBOT_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
PERIOD = "2026-Q2"
QUARTER_START = dt.datetime(2026, 3, 31, 22, tzinfo=dt.UTC)  # 1 April 00:00 in Amsterdam
QUARTER_SECONDS = 91 * 86400
HISTORY_START = dt.datetime(2016, 1, 1, tzinfo=dt.UTC)
REPORT_NOW = dt.datetime(2026, 7, 1, 7, tzinfo=dt.UTC)
TIME_LIMIT_S = 5.0
MEMORY_LIMIT_MB = 400
CATEGORIES = [
    "communicatie",
    "salaris",
    "planning",
    "bejegening",
    "plaatsing",
    "facturatie",
    "privacy",
    "overig",
]
RELATIONS = ["flexwerker", "opdrachtgever", "directe_relatie", "indirecte_relatie"]
SOURCES = ["email", "manual", "slack_message"]
CAUSES = [
    "communicatie",
    "procedure_niet_gevolgd",
    "menselijke_fout",
    "systeem",
    "verwachting_klant",
    "extern",
    "overig",
]
STATES = ["closed", "contacted", "discussion", "registered", "received", "rejected"]
STATE_WEIGHTS = [0.6, 0.12, 0.08, 0.08, 0.04, 0.08]
COLUMNS = [
    "reference",
    "year",
    "number",
    "version",
    "state",
    "source",
    "received_at",
    "contact_deadline",
    "subject",
    "body",
    "relation_type",
    "category",
    "contacted_at",
    "employee_id",
    "discussed_at",
    "closed_at",
    "root_cause_category",
    "corrective_measures",
    "complainant_email",
]
BATCH = 50_000
PHASES = ("queries", "imports", "charts", "pdf")


# -- synthetic data ---------------------------------------------------------------------------


def received_times(total: int, in_quarter: int, rng: np.random.Generator) -> np.ndarray:
    """Epoch seconds: `in_quarter` inside 2026-Q2, the rest spread over ten years around it."""
    start, q0 = HISTORY_START.timestamp(), QUARTER_START.timestamp()
    inside = q0 + rng.uniform(0, QUARTER_SECONDS, in_quarter)
    before = rng.uniform(start, q0, int((total - in_quarter) * 0.9))
    after = rng.uniform(
        q0 + QUARTER_SECONDS, REPORT_NOW.timestamp(), total - in_quarter - len(before)
    )
    return np.sort(np.concatenate([before, inside, after]))


def batches(total: int, in_quarter: int, seed: int = 7) -> Iterator[list[np.ndarray]]:
    """Column arrays (as `COLUMNS`) per batch; times as epoch seconds, NaN for none."""
    rng = np.random.default_rng(seed)
    received = received_times(total, in_quarter, rng)
    for first in range(0, total, BATCH):
        rec = received[first : first + BATCH]
        n = len(rec)
        state = rng.choice(STATES, n, p=STATE_WEIGHTS)
        registered = state != "received"
        registered &= state != "rejected"
        contacted = np.where(
            np.isin(state, ["closed", "contacted", "discussion"]),
            rec + rng.exponential(20 * 3600, n),
            np.nan,
        )
        closed = np.where(state == "closed", contacted + rng.exponential(6 * 86400, n), np.nan)
        discussed = np.where((state == "closed") & (rng.random(n) < 0.4), contacted + 86400, np.nan)
        employee = np.where(
            registered & (rng.random(n) < 0.5),
            np.char.add("U", rng.integers(1000, 1500, n).astype(str)),
            None,
        )
        number = np.arange(first + 1, first + n + 1)
        yield [
            np.char.add("B-", number.astype(str)),
            np.full(n, 2026),
            number,
            np.ones(n, dtype=int),
            state,
            rng.choice(SOURCES, n),
            rec,
            rec + 50 * 3600,
            np.full(n, "Klacht"),
            np.full(n, "Tekst"),
            np.where(registered, rng.choice(RELATIONS, n), None),
            np.where(registered, rng.choice(CATEGORIES, n), None),
            contacted,
            employee,
            discussed,
            closed,
            np.where(state == "closed", rng.choice(CAUSES, n), None),
            np.where(state == "closed", "Maatregel", None),
            # Half as many people as complaints: some complained before (the report counts them).
            np.char.add(
                np.char.add("klant", rng.integers(0, total // 2, n).astype(str)), "@example.com"
            ),
        ]


TIME_COLUMNS = {"received_at", "contact_deadline", "contacted_at", "discussed_at", "closed_at"}


def _times(values: np.ndarray, sqlite: bool) -> list[str | None]:
    """Epochs as the text each database stores (SQLite: naive UTC as SQLAlchemy writes it)."""
    known = ~np.isnan(values)
    text = np.full(len(values), None, dtype=object)
    stamps = np.datetime_as_string(values[known].astype("datetime64[s]"), unit="us")
    stamps = np.char.replace(stamps, "T", " ")
    text[known] = stamps if sqlite else np.char.add(stamps, "+00")
    return list(text)


def rows(arrays: list[np.ndarray], sqlite: bool) -> list[tuple]:
    columns = [
        _times(array, sqlite) if name in TIME_COLUMNS else array.tolist()
        for name, array in zip(COLUMNS, arrays, strict=True)
    ]
    return list(zip(*columns, strict=True))


def load_sqlite(db: Database, total: int, in_quarter: int) -> None:
    """One transaction without a journal or fsync; the indexes, search index and triggers the
    migrations made are dropped first and made again afterwards (in bulk, not per row)."""
    raw = db.engine.raw_connection()
    try:
        cursor = raw.cursor()
        deferred = cursor.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'complaints' "
            "AND type IN ('index', 'trigger') AND sql IS NOT NULL"
        ).fetchall()
        for kind, name, _sql in deferred:
            cursor.execute(f'DROP {kind.upper()} "{name}"')
        cursor.execute("PRAGMA journal_mode=OFF")
        cursor.execute("PRAGMA synchronous=OFF")
        cursor.execute("PRAGMA cache_size=-262144")  # 256 MB for the index builds
        names, marks = ", ".join(COLUMNS), ", ".join("?" * len(COLUMNS))
        sql = f"INSERT INTO complaints ({names}) VALUES ({marks})"
        cursor.execute("BEGIN")
        for arrays in batches(total, in_quarter):
            cursor.executemany(sql, rows(arrays, sqlite=True))
        for kind, _name, statement in deferred:
            if kind == "index":
                cursor.execute(statement)
        cursor.execute(f"INSERT INTO {SQLITE_FTS_TABLE}({SQLITE_FTS_TABLE}) VALUES ('rebuild')")
        for kind, _name, statement in deferred:
            if kind == "trigger":
                cursor.execute(statement)
        cursor.execute("COMMIT")
        cursor.execute("ANALYZE")
        cursor.execute("PRAGMA journal_mode=WAL")  # as the application runs it
    finally:
        raw.close()


def load_postgres(db: Database, total: int, in_quarter: int) -> None:
    """COPY in one transaction; the secondary indexes (not those of constraints) are dropped
    first and made again afterwards."""
    raw = db.engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes "
            "WHERE schemaname = current_schema() AND tablename = 'complaints' AND indexname NOT IN "
            "(SELECT conname FROM pg_constraint WHERE conrelid = 'complaints'::regclass)"
        )
        deferred = cursor.fetchall()
        for name, _sql in deferred:
            cursor.execute(f'DROP INDEX "{name}"')
        with cursor.copy(f"COPY complaints ({', '.join(COLUMNS)}) FROM STDIN") as copy:
            for arrays in batches(total, in_quarter):
                for row in rows(arrays, sqlite=False):
                    copy.write_row(row)
        cursor.execute("SET maintenance_work_mem = '256MB'")
        for _name, statement in deferred:
            cursor.execute(statement)
        raw.commit()
        cursor.execute("ANALYZE complaints")
        raw.commit()
    finally:
        raw.close()


def loaded(db: Database, total: int, in_quarter: int) -> bool:
    """Whether a kept database holds this benchmark's data at the current schema."""
    if db.revision() != head_revision():
        return False
    start, end = QUARTER_START, QUARTER_START + dt.timedelta(seconds=QUARTER_SECONDS)
    with db.engine.connect() as connection:
        count = connection.execute(sa.select(sa.func.count()).select_from(COMPLAINTS)).scalar()
        inside = connection.execute(
            sa.select(sa.func.count()).where(
                COMPLAINTS.c.received_at >= start, COMPLAINTS.c.received_at < end
            )
        ).scalar()
    return (count, inside) == (total, in_quarter)


# -- measurement (child process) ------------------------------------------------------------


def _waits() -> tuple[float, float, int]:
    """Seconds this process waited for a CPU (runnable, another process on it), bytes it read
    from disk, and how often it blocked (I/O, locks, a sleep): where wall time beyond CPU goes."""
    run_queue_ns = int(Path("/proc/self/schedstat").read_text().split()[1])
    io = dict(line.split(": ") for line in Path("/proc/self/io").read_text().splitlines())
    blocked = resource.getrusage(resource.RUSAGE_SELF).ru_nvcsw
    return run_queue_ns / 1e9, int(io["read_bytes"]), blocked


def _peak_mb() -> float:
    """This process's peak resident memory. Not ru_maxrss: Linux carries that over from the
    parent across fork and exec, so it would show the parent's bulk load."""
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024


SENT = "KLACHTENBOT_BENCH_SENT"


def measure(url: str) -> dict[str, float]:
    """Figures, then every chart as PNG and the PDF, for the benchmark quarter; per phase the
    wall and CPU time, then the waits, the PDF's pages and size, and peak memory."""
    from reports.figures import compute_figures
    from reports.generate import load_drawing
    from reports.periods import parse_period

    settings = Settings(_env_file=None, database_url=url)
    db = Database(url)
    period = parse_period(PERIOD, settings.tz)
    # --sent: the previous quarter's and the year-earlier quarter's reports were sent (as
    # each quarter's normally is), so their figures are read from those reports.
    sent = {period.previous().label, period.year_earlier().label} if os.environ.get(SENT) else set()
    marks = [(time.perf_counter(), time.process_time())]
    waited_before = _waits()
    load_drawing()  # as make_report(drawn=True) does: matplotlib and reportlab load meanwhile
    with db.session() as session:
        figures = compute_figures(session.connection(), settings, period, REPORT_NOW, sent)
    marks.append((time.perf_counter(), time.process_time()))
    # What is left of importing matplotlib and reportlab (the bot does not at start-up).
    from reports.charts import draw_charts, write_charts
    from reports.export import write_pdf
    from reports.pdf import build_pdf  # noqa: F401
    from reports.store import Report

    marks.append((time.perf_counter(), time.process_time()))
    report = Report(PERIOD, "quarter", REPORT_NOW, "bench", figures, "")
    with tempfile.TemporaryDirectory() as folder:
        charts = draw_charts(figures)
        pngs = write_charts(charts, Path(folder))
        marks.append((time.perf_counter(), time.process_time()))
        rendered = {name: path.read_bytes() for name, path in zip(charts, pngs, strict=True)}
        pdf = write_pdf(report, charts, Path(folder) / "rapport.pdf", rendered)
        marks.append((time.perf_counter(), time.process_time()))
        waited = [after - before for after, before in zip(_waits(), waited_before, strict=True)]
        peak_mb = _peak_mb()
        pdf_kb = pdf.stat().st_size / 1024
        from pypdf import PdfReader  # the bench's own check: not timed

        pages = len(PdfReader(pdf).pages)
    result: dict[str, float] = {"in_quarter": figures.summary.received}
    for phase, (start, end) in zip(PHASES, itertools.pairwise(marks), strict=True):
        result[f"{phase}_s"] = end[0] - start[0]
        result[f"{phase}_cpu_s"] = end[1] - start[1]
    result["total_s"] = marks[-1][0] - marks[0][0]
    result["total_cpu_s"] = marks[-1][1] - marks[0][1]
    result["run_queue_s"], result["disk_read_mb"], result["blocked"] = waited
    result["disk_read_mb"] /= 1024 * 1024
    result.update(peak_mb=peak_mb, pdf_pages=pages, pdf_kb=pdf_kb)
    return result


def run_child(url: str) -> dict[str, float]:
    output = subprocess.run(
        [sys.executable, __file__, "--measure", url], check=True, capture_output=True, text=True
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


# -- databases ---------------------------------------------------------------------------------


def bench_sqlite(total: int, in_quarter: int, keep: Path | None) -> dict[str, float]:
    if keep is not None:
        return _bench(f"sqlite:///{keep.resolve()}", load_sqlite, total, in_quarter)
    with tempfile.TemporaryDirectory(prefix="klachtenbot-bench-") as folder:
        return _bench(f"sqlite:///{folder}/bench.sqlite3", load_sqlite, total, in_quarter)


def bench_postgres(total: int, in_quarter: int, keep: Path | None) -> dict[str, float]:
    """In a private schema: dropped afterwards, or kept (named after `keep`) to be reused."""
    kept = keep is not None
    name = re.sub(r"\W", "_", keep.stem.lower()) if kept else uuid.uuid4().hex[:10]
    schema = f"bench_{name}"
    admin = sa.create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
    try:
        url = f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
        return _bench(url, load_postgres, total, in_quarter)
    finally:
        if not kept:
            with admin.connect() as connection:
                connection.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()


def _bench(url: str, load, total: int, in_quarter: int) -> dict[str, float]:
    """Load the data unless a kept database already holds it, then measure in a child."""
    db = Database(url)
    loaded_s = None
    if not (db.has_schema() and loaded(db, total, in_quarter)):
        db.dispose()
        _empty(url)
        db = Database(url)
        db.upgrade()
        started = time.perf_counter()
        load(db, total, in_quarter)
        loaded_s = time.perf_counter() - started
    db.dispose()
    result = run_child(url)
    result["load_s"] = loaded_s
    return result


def _empty(url: str) -> None:
    """Start a (kept) database afresh: remove the SQLite file, or the schema's tables."""
    if url.startswith("sqlite"):
        path = Path(url.removeprefix("sqlite:///"))
        for stale in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            stale.unlink(missing_ok=True)
        return
    engine = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        schema = connection.exec_driver_sql("SELECT current_schema()").scalar()
        connection.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    engine.dispose()


def report(name: str, result: dict[str, float]) -> bool:
    ok = result["total_s"] <= TIME_LIMIT_S and result["peak_mb"] <= MEMORY_LIMIT_MB
    phases = ", ".join(
        f"{phase} {result[f'{phase}_s']:.2f} s (CPU {result[f'{phase}_cpu_s']:.2f} s)"
        for phase in PHASES
    )
    print(
        f"{name:<10} complaints in {PERIOD}: {int(result['in_quarter']):,}  "
        f"total {result['total_s']:.2f} s (limit {TIME_LIMIT_S:.0f} s), "
        f"CPU {result['total_cpu_s']:.2f} s  "
        f"peak {result['peak_mb']:.0f} MB (limit {MEMORY_LIMIT_MB} MB)  "
        f"{'OK' if ok else 'TOO SLOW/BIG'}\n"
        f"           {phases}\n"
        f"           waited for a CPU {result['run_queue_s']:.2f} s, "
        f"read {result['disk_read_mb']:.0f} MB from disk, blocked {int(result['blocked'])} times; "
        f"PDF {int(result['pdf_pages'])} pages, {result['pdf_kb']:.0f} kB; "
        f"{_load_text(result['load_s'])}; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    return ok


def _load_text(seconds: float | None) -> str:
    return "kept data reused" if seconds is None else f"bulk load {seconds:.1f} s"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--total", type=int, default=1_000_000)
    parser.add_argument("--quarter", type=int, default=100_000)
    parser.add_argument(
        "--keep",
        metavar="PATH",
        type=Path,
        help="keep the data for the next run: the SQLite file PATH, and on PostgreSQL a schema "
        "named after it; a run that finds them with the same sizes measures the report only",
    )
    parser.add_argument(
        "--sent",
        action="store_true",
        help="the compared quarters' reports were sent: their figures are not counted again",
    )
    parser.add_argument("--measure", metavar="URL", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.sent:
        os.environ[SENT] = "1"  # read by the measuring child
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return 0
    runs = {"sqlite": bench_sqlite, "postgresql": bench_postgres}
    names = list(runs) if args.db == "both" else [args.db]
    results = [report(name, runs[name](args.total, args.quarter, args.keep)) for name in names]
    return 0 if all(results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
