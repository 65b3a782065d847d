"""The one way work is claimed in the database, so that of several processes exactly one does it.

Two shapes of claim, both decided inside the caller's transaction:
- `insert_once`: a row with a unique key is the claim ("warning X for complaint Y at moment Z
  was decided"); the first transaction to insert it wins, every later one sees False. The
  notification ledger and the report triggers are claimed this way.
- `lease`: rows matching a query are taken for a while by moving a "claimed until" column
  ahead. PostgreSQL skips rows another transaction is taking right now (FOR UPDATE SKIP
  LOCKED); SQLite serialises writers with BEGIN IMMEDIATE (storage/db.py), which gives the
  same result. A process that dies mid-work frees its rows when the lease runs out.

`dialect_insert` is the only place that picks PostgreSQL's or SQLite's INSERT ... ON CONFLICT.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import uuid
from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

from sqlalchemy import Select
from sqlalchemy.orm import InstrumentedAttribute, Session

Row = TypeVar("Row")


def process_owner() -> str:
    """Who holds a lease: host, process and a random part (a restarted process with a reused
    pid is someone else)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def dialect_insert(session: Session, model: Any) -> Any:
    """An INSERT with the dialect's ON CONFLICT clauses (PostgreSQL and SQLite alike). Each
    dialect's module is imported when used: a SQLite process never loads PostgreSQL's."""
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(model)


def insert_once(
    session: Session, model: Any, values: Mapping[str, Any], key: Sequence[str]
) -> bool:
    """Insert one row unless a row with the same `key` columns exists; True when inserted."""
    statement = (
        dialect_insert(session, model)
        .values(**values)
        .on_conflict_do_nothing(index_elements=list(key))
        .returning(getattr(model, key[0]))
    )
    return session.execute(statement).first() is not None


def lease(
    session: Session,
    query: Select[tuple[Row]],
    *,
    of: Any,
    until: InstrumentedAttribute[Any],
    until_value: dt.datetime,
    owner: tuple[InstrumentedAttribute[Any], str] | None = None,
) -> list[Row]:
    """Take the rows `query` selects (it must already exclude rows leased by others): set
    `until` to `until_value` (and the owner column to the owner) on each, in this transaction."""
    rows = list(session.scalars(query.with_for_update(of=of, skip_locked=True)).all())
    for row in rows:
        setattr(row, until.key, until_value)
        if owner is not None:
            setattr(row, owner[0].key, owner[1])
    return rows
