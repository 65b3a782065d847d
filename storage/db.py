"""Engine, sessions and migrations for SQLite (the single-process default) and PostgreSQL."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from storage.eventlog import refuse_event_changes
from storage.prepared import Reads

MIGRATIONS = Path(__file__).with_name("migrations")
READ_ONLY = "klachtenbot_read_only"


class DatabaseUnavailable(Exception):
    """The database cannot be reached (a mail server should retry later). `kind` says why in
    a word a person's message is chosen by (see `DOWN_KINDS`), `url` which database (without
    its password), when known; `str()` is the driver's first line."""

    def __init__(self, message: str, kind: str = "other", url: str = "") -> None:
        super().__init__(message)
        self.kind = kind
        self.url = url


class SchemaProblem(Exception):
    """The database's schema is not the one this code expects: `behind` (a migration is
    pending: `klachtenbot db upgrade`) or `unknown` (a revision this version does not know,
    left by a newer version or another program)."""

    def __init__(self, kind: str, url: str, current: str | None, head: str) -> None:
        super().__init__(f"schema {kind}: {current} (expected {head})")
        self.kind = kind
        self.url = url
        self.current = current
        self.head = head


# Why a database is out of reach, recognised from the driver's message (psycopg, sqlite3).
DOWN_KINDS = (
    ("refused", re.compile(r"Connection refused|could not connect to server", re.I)),
    ("no_database", re.compile(r'database "[^"]*" does not exist', re.I)),
    ("no_role", re.compile(r'role "[^"]*" does not exist', re.I)),
    ("password", re.compile(r"password authentication failed|no password supplied", re.I)),
    ("host", re.compile(r"could not translate host name|Name or service not known", re.I)),
    ("timeout", re.compile(r"timeout expired|timed out", re.I)),
    ("file", re.compile(r"unable to open database file", re.I)),
    ("locked", re.compile(r"database is locked", re.I)),
)
REVISION = re.compile(r"^(down_)?revision\s*(?::[^=]*)?=\s*['\"]([\w]+)['\"]", re.M)


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine tuned per dialect (SQLite gets WAL, foreign keys and a generous busy timeout)
    that refuses any change to the append-only event log."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30}, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    else:
        engine = create_engine(url, pool_pre_ping=True, **kwargs)
    event.listen(engine, "before_cursor_execute", refuse_event_changes)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy issue BEGIN itself (see _sqlite_begin_immediate).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _refuse_writes(session: Session, *_: object) -> None:
    raise RuntimeError("a reading session cannot write; use Database.session()")


def _unavailable(exc: OperationalError, engine: Engine | None = None) -> DatabaseUnavailable:
    message = str(exc.orig or exc).strip()
    kind = next((kind for kind, pattern in DOWN_KINDS if pattern.search(message)), "other")
    first = message.splitlines()[0] if message else type(exc).__name__
    # psycopg starts with "connection failed: connection to server at ... failed: FATAL: ..."
    first = first.rsplit("FATAL:", 1)[-1].strip()
    url = engine.url.render_as_string(hide_password=True) if engine is not None else ""
    return DatabaseUnavailable(first, kind, url)


@cache
def head_revision() -> str:
    """The newest migration, read from the migration files (no Alembic import): the one
    revision no other names as its predecessor."""
    revisions: set[str] = set()
    predecessors: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        for down, name in REVISION.findall(path.read_text(encoding="utf-8")):
            (predecessors if down else revisions).add(name)
    heads = sorted(revisions - predecessors)
    return heads[-1] if heads else ""


@cache
def known_revisions() -> frozenset[str]:
    names: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        names |= {name for down, name in REVISION.findall(path.read_text("utf-8")) if not down}
    return frozenset(names)


def _sqlite_begin(connection: Any) -> None:
    # A session that may write takes the write lock at BEGIN: a deferred transaction that reads
    # and then writes can fail with "database is locked" instead of waiting when another
    # process writes at the same time. A reading session takes none (WAL gives it a snapshot),
    # so reads never queue behind writes or behind each other.
    reading = connection.get_execution_options().get(READ_ONLY)
    connection.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")


class Database:
    """One database: an engine and a session factory. `session()` commits or rolls back."""

    def __init__(self, url: str, **engine_kwargs: Any) -> None:
        self.url = url
        self.engine = make_engine(url, **engine_kwargs)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._reader = self.engine.execution_options(**{READ_ONLY: True})
        self._readers = sessionmaker(self._reader, expire_on_commit=False)
        event.listen(self._readers, "before_flush", _refuse_writes)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed when the block ends, rolled back when it raises."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except OperationalError as exc:
            session.rollback()
            raise _unavailable(exc, self.engine) from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session that only reads (a flush in it raises): on SQLite it waits for no writer."""
        session = self._readers()
        try:
            yield session
        except OperationalError as exc:
            raise _unavailable(exc, self.engine) from exc
        finally:
            session.rollback()
            session.close()

    @contextmanager
    def reads(self) -> Iterator[Reads]:
        """The driver's own connection, for the few prepared reads every click runs
        (storage.prepared): one snapshot, as a reading session's, and nothing committed."""
        driver_error = self.engine.dialect.loaded_dbapi.OperationalError
        try:
            connection = self.engine.raw_connection()
        except OperationalError as exc:
            raise _unavailable(exc, self.engine) from exc
        except driver_error as exc:  # the driver's own, unwrapped on this path
            raise _unavailable(OperationalError(None, None, exc), self.engine) from exc
        try:
            if self.engine.dialect.name == "sqlite":  # autocommit (_sqlite_pragmas): begin
                connection.driver_connection.execute("BEGIN")
            yield Reads(connection.driver_connection, self.engine.dialect)
        except driver_error as exc:
            raise _unavailable(OperationalError(None, None, exc), self.engine) from exc
        finally:
            connection.rollback()
            connection.close()

    @property
    def safe_url(self) -> str:
        """The URL as a person may see it: without the password."""
        return self.engine.url.render_as_string(hide_password=True)

    def upgrade(self) -> None:
        upgrade(self.engine)

    def has_schema(self) -> bool:
        """Whether migrations have run (read-only commands should not create tables)."""
        url = self.engine.url
        if url.get_backend_name() == "sqlite" and url.database and not Path(url.database).exists():
            return False
        try:
            return inspect(self.engine).has_table("alembic_version")
        except OperationalError as exc:
            raise _unavailable(exc, self.engine) from exc

    def revision(self) -> str | None:
        """The schema's Alembic revision (None before the first migration)."""
        if not self.has_schema():
            return None
        try:
            with self.engine.connect() as connection:
                return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except OperationalError as exc:
            raise _unavailable(exc, self.engine) from exc

    def check_revision(self) -> None:
        """Raise SchemaProblem unless the schema is at this code's newest migration."""
        current, head = self.revision(), head_revision()
        if current == head:
            return
        kind = "behind" if current is None or current in known_revisions() else "unknown"
        raise SchemaProblem(kind, self.safe_url, current, head)

    def dispose(self) -> None:
        self.engine.dispose()


def alembic_config(engine: Engine) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to `revision` (Alembic); safe to run on every start."""
    from alembic import command
    from alembic.util.exc import CommandError

    try:
        with migration_engine(engine) as migrating:
            command.upgrade(alembic_config(migrating), revision)
    except OperationalError as exc:
        raise _unavailable(exc, engine) from exc
    except CommandError as exc:  # the database names a revision these migrations do not know
        if "Can't locate revision" not in str(exc):
            raise
        url = engine.url.render_as_string(hide_password=True)
        with engine.connect() as connection:
            current = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        raise SchemaProblem("unknown", url, current, head_revision()) from None


@contextmanager
def migration_engine(engine: Engine) -> Iterator[Engine]:
    """The engine to run migrations with.

    SQLite alters a table by recreating it (Alembic's batch mode), and dropping the old table
    fails while enforced foreign keys point at it (complaint_events -> complaints). So SQLite
    migrates with enforcement off, as SQLite's documentation prescribes for such changes, and
    checks the keys afterwards. The pragma only works outside a transaction, hence on connect.
    """
    database = engine.url.database
    if engine.dialect.name != "sqlite" or database in (None, "", ":memory:"):
        yield engine
        return
    migrating = make_engine(engine.url.render_as_string(hide_password=False))
    event.listen(migrating, "connect", _foreign_keys_off)
    try:
        yield migrating
        with migrating.connect() as connection:
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
        if broken:
            raise RuntimeError(f"migration left {len(broken)} rows with broken foreign keys")
    finally:
        migrating.dispose()


def _foreign_keys_off(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.execute("PRAGMA foreign_keys=OFF")
