"""Reads that every click runs, on the driver's own cursor.

A Core select run through a SQLAlchemy Connection costs a few tenths of a millisecond in
SQLAlchemy (execution context, events, the result's metadata and row objects) for a query the
driver answers in a hundredth of that. A `Prepared` select is compiled once per dialect, with
the type's own bind and result processors of each parameter and column taken from SQLAlchemy
(so values convert exactly as a Connection converts them: `UtcDateTime`, SQLite's datetimes and
booleans as text and integers), and runs on a `Reads` (Database.reads) as one driver call.

On a Session or a Connection it runs as an ordinary statement, so one store serves both.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Select
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session

Processor = Callable[[Any], Any] | None


@dataclass(frozen=True)
class Reads:
    """A driver connection in one read-only transaction (Database.reads)."""

    dbapi_connection: Any
    dialect: Dialect


@dataclass(frozen=True)
class _Compiled:
    sql: str
    defaults: dict[str, Any]  # the values the statement holds itself (a LIMIT's)
    binds: dict[str, Processor]
    order: tuple[str, ...] | None  # the parameters' order, for a positional driver (sqlite3)
    names: tuple[str, ...]
    results: tuple[Processor, ...]


class Prepared:
    """A select built once, to run with different parameters (bindparam names)."""

    def __init__(self, statement: Select[Any]) -> None:
        self.statement = statement
        self._compiled: dict[str, _Compiled] = {}

    def first(self, on: Reads | Session | Connection, **params: Any) -> dict[str, Any] | None:
        """The first row as a dict of its columns' names, or None."""
        if not isinstance(on, Reads):
            row = on.execute(self.statement, params).first()
            return dict(row._mapping) if row is not None else None
        compiled, cursor = self._run(on, params)
        row = cursor.fetchone()
        cursor.close()
        return dict(zip(compiled.names, _converted(row, compiled), strict=True)) if row else None

    def scalars(self, on: Reads | Session | Connection, **params: Any) -> list[Any]:
        """The first column of every row."""
        if not isinstance(on, Reads):
            return list(on.scalars(self.statement, params))
        compiled, cursor = self._run(on, params)
        rows = cursor.fetchall()
        cursor.close()
        convert = compiled.results[0]
        return [convert(row[0]) if convert else row[0] for row in rows]

    def scalar(self, on: Reads | Session | Connection, **params: Any) -> Any:
        """The first column of the first row (None without a row)."""
        if not isinstance(on, Reads):
            return on.scalar(self.statement, params)
        values = self.scalars(on, **params)
        return values[0] if values else None

    def _run(self, on: Reads, params: dict[str, Any]) -> tuple[_Compiled, Any]:
        compiled = self._compiled.get(on.dialect.name) or self._compile(on.dialect)
        values = {**compiled.defaults, **params}
        for name, process in compiled.binds.items():
            if process is not None:
                values[name] = process(values[name])
        cursor = on.dbapi_connection.cursor()
        if compiled.order is not None:
            cursor.execute(compiled.sql, tuple(values[name] for name in compiled.order))
        else:
            cursor.execute(compiled.sql, values)
        return compiled, cursor

    def _compile(self, dialect: Dialect) -> _Compiled:
        compiled = self.statement.compile(dialect=dialect)
        if "POSTCOMPILE" in compiled.string:  # expanding IN and friends need SQLAlchemy
            raise ValueError("a prepared select cannot hold values rendered at execution")
        columns = self.statement.selected_columns
        self._compiled[dialect.name] = found = _Compiled(
            sql=compiled.string,
            defaults={
                name: bind.effective_value
                for name, bind in compiled.binds.items()
                if not bind.required
            },
            binds={
                name: bind.type.dialect_impl(dialect).bind_processor(dialect)
                for name, bind in compiled.binds.items()
            },
            order=tuple(compiled.positiontup or ()) if dialect.positional else None,
            names=tuple(column.key for column in columns),
            results=tuple(
                column.type.dialect_impl(dialect).result_processor(dialect, None)
                for column in columns
            ),
        )
        return found


def _converted(row: tuple[Any, ...], compiled: _Compiled) -> list[Any]:
    return [
        convert(value) if convert else value
        for convert, value in zip(compiled.results, row, strict=True)
    ]
