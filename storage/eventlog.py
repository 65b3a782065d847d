"""The event log is append-only.

Every engine that storage.db makes refuses an UPDATE or DELETE of `complaint_events` before it
reaches the database, whichever code path (ORM, Core, raw SQL) sends it; on PostgreSQL a trigger
(migration 0008) refuses it in the database as well, for any client. Anonymisation (retention
and erasure) is the one exception and asks for it explicitly with `rewriting_events`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy.orm import Session

PERMIT = "klachtenbot.anonymising"
CHANGE = re.compile(r"\s*(?:UPDATE|DELETE\s+FROM|TRUNCATE)\s+(?:\S+\.)?\"?complaint_events\b", re.I)


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
    postgresql = connection.dialect.name == "postgresql"
    connection.info[PERMIT] = True
    try:
        if postgresql:
            connection.exec_driver_sql(f"SELECT set_config('{PERMIT}', 'on', true)")
        yield
        if postgresql:
            connection.exec_driver_sql(f"SELECT set_config('{PERMIT}', 'off', true)")
    finally:
        connection.info.pop(PERMIT, None)
