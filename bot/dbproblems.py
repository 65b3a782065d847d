"""One Dutch line for each way the database can be unfit: out of reach (which database, why, the
setting to check), or a schema this version does not fit (behind: `db upgrade`; unknown: a newer
version's). Used by every command and service; imports nothing heavy."""

from __future__ import annotations

from bot.readable import typed
from bot.texts import cli as text


def database_problem(exc: Exception) -> str:
    """A database out of reach (storage.db.DatabaseUnavailable)."""
    reason = text.DB_DOWN_REASONS.get(getattr(exc, "kind", ""), "") or str(exc)
    url = getattr(exc, "url", "") or "?"
    return text.DB_DOWN.format(url=url, reason=reason)


def schema_problem(exc: Exception) -> str:
    """A schema this version does not fit (storage.db.SchemaProblem)."""
    values = {
        "url": getattr(exc, "url", "?"),
        "current": getattr(exc, "current", None) or "?",
        "head": getattr(exc, "head", "?"),
    }
    if getattr(exc, "kind", "") == "unknown":
        return text.DB_UNKNOWN_REVISION.format(**values)
    return text.DB_BEHIND.format(command=typed("klachtenbot db upgrade"), **values)
