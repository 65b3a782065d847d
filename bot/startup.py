"""What every service checks before it starts, whatever the chat platform: problems collected
as one Dutch line each (naming the setting), the database migrated, and the exit code.

Exit 2 when only a changed setting helps (a service manager should not restart), 1 when at
least one problem may pass by itself (a database or service out of reach)."""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass, field

from bot.dbproblems import database_problem, schema_problem
from bot.settings import Settings
from storage.db import Database, DatabaseUnavailable, SchemaProblem, head_revision

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_PASSING = 1  # the start may work later (a database or a service out of reach): restart
EXIT_SETTINGS = 2  # only a changed setting helps: a service manager should not restart


class StartRefused(Exception):
    """The bot must not start; `str()` has one line per problem. `passing` when at least one
    problem may pass by itself (a database or Slack out of reach), so that a restart may help;
    otherwise only a changed setting will."""

    def __init__(self, lines: list[str], *, passing: bool) -> None:
        self.lines = lines
        self.passing = passing
        super().__init__("\n".join(lines))


@dataclass
class Checks:
    problems: list[str] = field(default_factory=list)
    passing: bool = False

    def out_of_reach(self, line: str) -> None:
        self.problems.append(line)
        self.passing = True

    def refuse_if_any(self) -> None:
        if self.problems:
            raise StartRefused(self.problems, passing=self.passing)


def check_database(settings: Settings, checks: Checks) -> None:
    """Migrate the database; a database out of reach is a passing problem. A schema at the
    newest migration already (every start but the first after an update) is left alone without
    loading the migration tool: Alembic would stay in the process's memory for nothing."""
    db = Database(settings.database_url)
    try:
        if db.revision() != head_revision():
            db.upgrade()
    except DatabaseUnavailable as exc:
        exc.url = exc.url or db.safe_url
        checks.out_of_reach(database_problem(exc))
    except SchemaProblem as exc:  # a newer version's schema: only a person can choose
        checks.problems.append(schema_problem(exc))
    finally:
        db.dispose()


def refuse(exc: StartRefused) -> int:
    """Every problem on its own plain line on stderr (which a service manager logs); logged
    too when logging goes elsewhere. Returns the exit code."""
    print(exc, file=sys.stderr)
    if not _logs_to_stderr():
        for line in exc.lines:
            log.error("%s", line)
    return EXIT_PASSING if exc.passing else EXIT_SETTINGS


def _logs_to_stderr() -> bool:
    return any(
        getattr(handler, "stream", None) is sys.stderr for handler in logging.getLogger().handlers
    )
