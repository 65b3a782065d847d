"""Benchmark: a quarterly report (figures, all charts, the PDF) with 1,000,000 complaints,
100,000 in the quarter.

    .venv/bin/python bench/reports.py [--db sqlite|postgresql|both] [--total N] [--quarter N]

Target: figures + charts + PDF <= 5 s and <= 400 MB peak memory, on SQLite and on PostgreSQL.
Rows are generated with numpy and bulk-loaded (executemany on SQLite, COPY on PostgreSQL);
the measurement runs in a fresh child process so its peak RSS is the report's alone. The data
(a temp SQLite file, a private PostgreSQL schema) is dropped afterwards.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
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
from storage.db import Database  # noqa: E402

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
    raw = db.engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("PRAGMA synchronous=OFF")
        names, marks = ", ".join(COLUMNS), ", ".join("?" * len(COLUMNS))
        sql = f"INSERT INTO complaints ({names}) VALUES ({marks})"
        cursor.execute("BEGIN")
        for arrays in batches(total, in_quarter):
            cursor.executemany(sql, rows(arrays, sqlite=True))
        cursor.execute("COMMIT")
        cursor.execute("ANALYZE")
    finally:
        raw.close()


def load_postgres(db: Database, total: int, in_quarter: int) -> None:
    raw = db.engine.raw_connection()
    try:
        cursor = raw.cursor()
        with cursor.copy(f"COPY complaints ({', '.join(COLUMNS)}) FROM STDIN") as copy:
            for arrays in batches(total, in_quarter):
                for row in rows(arrays, sqlite=False):
                    copy.write_row(row)
        raw.commit()
        cursor.execute("ANALYZE complaints")
        raw.commit()
    finally:
        raw.close()


# -- measurement (child process) ------------------------------------------------------------


def measure(url: str) -> dict[str, float]:
    """Figures, then every chart as PNG and the PDF, for the benchmark quarter; times, the
    PDF's pages and size, and peak memory."""
    from reports.figures import compute_figures
    from reports.periods import parse_period

    settings = Settings(_env_file=None, database_url=url)
    db = Database(url)
    period = parse_period(PERIOD, settings.tz)
    started, cpu_started = time.perf_counter(), time.process_time()
    with db.session() as session:
        figures = compute_figures(session.connection(), settings, period, REPORT_NOW)
    queried, cpu_queried = time.perf_counter(), time.process_time()
    from reports.charts import draw_charts, write_charts  # a report pays matplotlib's import

    imported = time.perf_counter()
    from reports.export import write_pdf
    from reports.store import Report

    report = Report(PERIOD, "quarter", REPORT_NOW, "bench", figures, "")
    with tempfile.TemporaryDirectory() as folder:
        charts = draw_charts(figures)
        pngs = write_charts(charts, Path(folder))
        rendered = {name: path.read_bytes() for name, path in zip(charts, pngs, strict=True)}
        pdf = write_pdf(report, charts, Path(folder) / "rapport.pdf", rendered)
        pdf_kb = pdf.stat().st_size / 1024
        from pypdf import PdfReader

        pages = len(PdfReader(pdf).pages)
    drawn, cpu_drawn = time.perf_counter(), time.process_time()
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "in_quarter": figures.summary.received,
        "queries_s": queried - started,
        "drawing_s": drawn - queried,
        "import_s": imported - queried,
        "total_s": drawn - started,
        # CPU seconds of this process: on a busy shared machine the wall time mostly waits.
        "queries_cpu_s": cpu_queried - cpu_started,
        "drawing_cpu_s": cpu_drawn - cpu_queried,
        "peak_mb": peak_kb / 1024,
        "pdf_pages": pages,
        "pdf_kb": pdf_kb,
    }


def run_child(url: str) -> dict[str, float]:
    output = subprocess.run(
        [sys.executable, __file__, "--measure", url], check=True, capture_output=True, text=True
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


# -- databases ---------------------------------------------------------------------------------


def bench_sqlite(total: int, in_quarter: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="klachtenbot-bench-") as folder:
        url = f"sqlite:///{folder}/bench.sqlite3"
        return _bench(url, load_sqlite, total, in_quarter)


def bench_postgres(total: int, in_quarter: int) -> dict[str, float]:
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    try:
        url = f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
        return _bench(url, load_postgres, total, in_quarter)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()


def _bench(url: str, load, total: int, in_quarter: int) -> dict[str, float]:
    db = Database(url)
    db.upgrade()
    started = time.perf_counter()
    load(db, total, in_quarter)
    loaded = time.perf_counter() - started
    db.dispose()
    result = run_child(url)
    result["load_s"] = loaded
    return result


def report(name: str, result: dict[str, float]) -> bool:
    ok = result["total_s"] <= TIME_LIMIT_S and result["peak_mb"] <= MEMORY_LIMIT_MB
    print(
        f"{name:<10} complaints in {PERIOD}: {int(result['in_quarter']):,}  "
        f"queries {result['queries_s']:.2f} s + charts and PDF {result['drawing_s']:.2f} s = "
        f"{result['total_s']:.2f} s (limit {TIME_LIMIT_S:.0f} s)  "
        f"peak {result['peak_mb']:.0f} MB (limit {MEMORY_LIMIT_MB} MB)  "
        f"[CPU {result['queries_cpu_s']:.2f} s + {result['drawing_cpu_s']:.2f} s; "
        f"matplotlib import {result['import_s']:.2f} s of the drawing; "
        f"PDF {int(result['pdf_pages'])} pages, {result['pdf_kb']:.0f} kB; "
        f"bulk load {result['load_s']:.1f} s; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores]  "
        f"{'OK' if ok else 'TOO SLOW/BIG'}"
    )
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--total", type=int, default=1_000_000)
    parser.add_argument("--quarter", type=int, default=100_000)
    parser.add_argument("--measure", metavar="URL", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return 0
    runs = {"sqlite": bench_sqlite, "postgresql": bench_postgres}
    names = list(runs) if args.db == "both" else [args.db]
    results = [report(name, runs[name](args.total, args.quarter)) for name in names]
    return 0 if all(results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
