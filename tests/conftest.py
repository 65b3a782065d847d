from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.settings import Settings
from storage.db import Database
from tests.support.databases import database_url


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """A fresh, empty database of each kind (the test runs once per kind)."""
    with database_url(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def settings(db_url: str) -> Settings:
    return Settings(
        _env_file=None,
        database_url=db_url,
        officer_user_ids=["UOFFICER"],
        management_user_ids=["UDIRECTIE"],
    )


@pytest.fixture
def db(settings: Settings) -> Iterator[Database]:
    database = Database(settings.database_url)
    database.upgrade()
    yield database
    database.dispose()


SKIPPED_GROUPS = pytest.StashKey[dict[tuple[str, str], int]]()

# Groups of tests that need something from outside the repository, recognised by the start of
# their skip reason, with what enables them.
SKIP_GROUPS = {
    "Dovecot not installed": (
        "IMAP (Dovecot)",
        "run `make test` as root on Debian/Ubuntu, or apt-get install dovecot-imapd",
    ),
    "PostgreSQL at": (
        "PostgreSQL",
        "start PostgreSQL on 127.0.0.1:5432 or set KLACHTENBOT_TEST_POSTGRES",
    ),
    "corpus ": ("corpus", "put it at ../shared/corpus or set KLACHTENBOT_CORPUS"),
    "systemd-analyze": ("systemd units", "install systemd (systemd-analyze)"),
}


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Count the skipped tests per group; the line itself comes last (pytest_unconfigure)."""
    counts: dict[tuple[str, str], int] = {}
    for report in terminalreporter.stats.get("skipped", []):
        reason = str(report.longrepr[-1]) if isinstance(report.longrepr, tuple) else ""
        reason = reason.removeprefix("Skipped: ")
        for prefix, group in SKIP_GROUPS.items():
            if reason.startswith(prefix):
                counts[group] = counts.get(group, 0) + 1
    terminalreporter.config.stash[SKIPPED_GROUPS] = counts


def pytest_unconfigure(config: pytest.Config) -> None:
    """The run ends with one line naming each skipped group and how to enable it; each test
    process drops the PostgreSQL database it made for itself."""
    from tests.support.databases import drop_run_database

    drop_run_database()
    counts = config.stash.get(SKIPPED_GROUPS, {})
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if counts and reporter is not None:
        parts = [f"{name}: {n} tests ({how})" for (name, how), n in counts.items()]
        reporter.write_line("Skipped groups: " + "; ".join(parts))
