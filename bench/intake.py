"""Benchmark: 1,000 messages in a real IMAP mailbox ingested end to end (fetched, parsed,
stored, moved) by one poll, on SQLite and on PostgreSQL. Target: at most 20 s each.

    .venv/bin/python bench/intake.py [--messages N] [--db sqlite|postgresql]

Each database runs in a child process of its own, so the peak memory (max RSS) is its own.
Needs Dovecot (dovecot-imapd) and, for PostgreSQL, the server on 127.0.0.1:5432.
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bot.intake.imap import poll_once  # noqa: E402
from bot.service import ComplaintService  # noqa: E402
from bot.settings import Settings  # noqa: E402
from storage.db import Database  # noqa: E402
from tests.intake.messages import complaint_mail  # noqa: E402
from tests.support.databases import postgres_unavailable_reason, run_database_url  # noqa: E402
from tests.support.dovecot import dovecot_missing_reason, start_dovecot  # noqa: E402

TARGET_SECONDS = 20.0
BODY = (
    "Geachte heer/mevrouw,\n\nIk werk via uw bureau bij een klant in {city}. Mijn uren van week "
    "{week} zijn niet goed verwerkt en niemand belt mij terug.\n\nMet vriendelijke groet,\n"
    "{name}\nTel. 06-{number:08d}\n"
)
NAMES = ("Sanne de Wit", "Thomas Visser", "Fatima el Amrani", "Jeroen Bakker", "Lotte Smit")
CITIES = ("Tilburg", "Breda", "Utrecht", "Zwolle", "Almere")


def messages(count: int) -> list[bytes]:
    rng = random.Random(1000)
    result = []
    for number in range(count):
        name = rng.choice(NAMES)
        body = BODY.format(
            city=rng.choice(CITIES), week=rng.randint(1, 52), name=name, number=12345678 + number
        )
        headers = {"Auto-Submitted": "auto-replied"} if number % 20 == 0 else None
        result.append(
            complaint_mail(
                sender=f"{name} <klant{number}@example.com>",
                subject=f"Klacht over uren week {number % 52 + 1}",
                body=body,
                headers=headers,
            )
        )
    return result


def run(kind: str, count: int) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.sqlite3" if kind == "sqlite" else _postgres_schema(tmp)
        server = start_dovecot()
        try:
            return _measure(kind, url, server, count)
        finally:
            server.stop()
            if kind == "postgresql":
                _drop_schema(url)


def _measure(kind: str, url: str, server, count: int) -> int:
    from imap_tools import MailBoxUnencrypted

    account = server.new_user()
    with MailBoxUnencrypted(account.host, account.port).login(
        account.user, account.password
    ) as box:
        for raw in messages(count):
            box.append(raw, "INBOX")
    db = Database(url)
    db.upgrade()
    settings = Settings(
        _env_file=None,
        database_url=url,
        imap_host=account.host,
        imap_port=account.port,
        imap_ssl=False,
        imap_user=account.user,
        imap_password=account.password,
    )
    service = ComplaintService(db, settings)
    started = time.perf_counter()
    stats = poll_once(settings, service)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    handled = stats.stored + stats.ignored + stats.attached
    verdict = "OK" if seconds <= TARGET_SECONDS else "MISSED"
    print(
        f"{kind:10s} {handled} messages ({stats.stored} complaints, {stats.ignored} ignored) "
        f"in {seconds:.1f} s = {handled / seconds:.0f} messages/s; peak memory {peak_mb:.0f} MB "
        f"(max RSS); target <= {TARGET_SECONDS:.0f} s: {verdict}"
    )
    db.dispose()
    return 0 if handled == count and seconds <= TARGET_SECONDS else 1


def _postgres_schema(tmp: str) -> str:
    import sqlalchemy as sa

    schema = f"bench_{Path(tmp).name.lower().replace('-', '_')}"
    admin = sa.create_engine(run_database_url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    admin.dispose()
    return f"{run_database_url()}?options=-csearch_path%3D{schema}"


def _drop_schema(url: str) -> None:
    import sqlalchemy as sa

    schema = url.rsplit("%3D", 1)[1]
    admin = sa.create_engine(run_database_url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
    admin.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--db", choices=("sqlite", "postgresql"))
    args = parser.parse_args()
    missing = dovecot_missing_reason()
    if missing:
        print(missing, file=sys.stderr)
        return 2
    if args.db:
        return run(args.db, args.messages)
    kinds = ["sqlite"]
    reason = postgres_unavailable_reason()
    if reason:
        print(f"postgresql skipped: {reason}", file=sys.stderr)
    else:
        kinds.append("postgresql")
    results = [
        subprocess.run(
            [sys.executable, __file__, "--db", kind, "--messages", str(args.messages)], check=False
        ).returncode
        for kind in kinds
    ]
    return max(results)


if __name__ == "__main__":
    raise SystemExit(main())
