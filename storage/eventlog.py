"""The event log is append-only.

The database refuses any UPDATE or DELETE of `complaint_events`, for any client and however the
statement is written (a comment in front, `WITH … UPDATE`, `REPLACE INTO`): a trigger on
PostgreSQL (migration 0008) and triggers on SQLite (migration 0020). Every engine that
storage.db makes also refuses a plain UPDATE or DELETE before it reaches the database, with a
clearer error. Anonymisation (retention and erasure) is the one exception and asks for it
explicitly with `rewriting_events`: on PostgreSQL a transaction-local setting, on SQLite a row
in `event_log_permit` that lives only inside the anonymising transaction.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy.orm import Session

PERMIT = "klachtenbot.anonymising"
CHANGE = re.compile(r"\s*(?:UPDATE|DELETE\s+FROM|TRUNCATE)\s+(?:\S+\.)?\"?complaint_events\b", re.I)


SQLITE_PERMIT_TABLE = "event_log_permit"
REFUSED = "complaint_events is append-only: {} refused"


def sqlite_append_only_sql() -> list[str]:
    """The permit table and the triggers that make SQLite refuse changes to stored events. An
    UPDATE passes only while the permit row exists; REPLACE INTO (which deletes the row it
    replaces without firing delete triggers) is refused as an insert over an existing id."""
    events = "complaint_events"
    return [
        f"CREATE TABLE {SQLITE_PERMIT_TABLE} (permit INTEGER NOT NULL)",
        f"CREATE TRIGGER {events}_no_update BEFORE UPDATE ON {events} "
        f"WHEN NOT EXISTS (SELECT 1 FROM {SQLITE_PERMIT_TABLE}) "
        f"BEGIN SELECT RAISE(ABORT, '{REFUSED.format('UPDATE')}'); END",
        f"CREATE TRIGGER {events}_no_delete BEFORE DELETE ON {events} "
        f"BEGIN SELECT RAISE(ABORT, '{REFUSED.format('DELETE')}'); END",
        f"CREATE TRIGGER {events}_no_replace BEFORE INSERT ON {events} "
        f"WHEN EXISTS (SELECT 1 FROM {events} WHERE id = NEW.id) "
        f"BEGIN SELECT RAISE(ABORT, '{REFUSED.format('REPLACE')}'); END",
    ]


class AppendOnlyViolation(Exception):
    """Code tried to change or delete a stored event."""


def refuse_event_changes(
    connection: Any, _cursor: Any, statement: str, *_args: Any, **_kwargs: Any
) -> None:
    """A `before_cursor_execute` listener: stop the statement unless anonymisation runs."""
    if CHANGE.match(statement) and not connection.info.get(PERMIT):
        raise AppendOnlyViolation("complaint_events is append-only; only anonymisation rewrites")


@contextmanager
def rewriting_events(session: Session) -> Iterator[None]:
    """Within this block (and this transaction only) anonymisation may rewrite stored events."""
    connection = session.connection()
    dialect = connection.dialect.name
    connection.info[PERMIT] = True
    try:
        if dialect == "postgresql":
            connection.exec_driver_sql(f"SELECT set_config('{PERMIT}', 'on', true)")
        elif dialect == "sqlite":
            connection.exec_driver_sql(f"INSERT INTO {SQLITE_PERMIT_TABLE} VALUES (1)")
        yield
        if dialect == "postgresql":
            connection.exec_driver_sql(f"SELECT set_config('{PERMIT}', 'off', true)")
        elif dialect == "sqlite":
            connection.exec_driver_sql(f"DELETE FROM {SQLITE_PERMIT_TABLE}")
    finally:
        connection.info.pop(PERMIT, None)
