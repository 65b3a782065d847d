from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.settings import Settings
from reports.figures import Figures, compute_figures
from reports.history import History, generate_history
from reports.periods import parse_period
from storage.db import Database
from tests.reports.seed import AMS, REPORT_NOW, seed


@pytest.fixture
def seeded_quarter(db, settings) -> tuple[Figures, dict]:
    """The hand-computed data set's 2026-Q2 figures, and the references by name."""
    refs = seed(db, settings)
    with db.session() as session:
        figures = compute_figures(
            session.connection(), settings, parse_period("2026-Q2", settings.tz), REPORT_NOW
        )
    return figures, refs


HISTORY_START = dt.date(2025, 1, 6)  # the bot went live on Monday 6 January 2025
HISTORY_NOW = dt.datetime(2026, 12, 7, 10, 0, tzinfo=AMS)  # a report made on 7 December
HISTORY_COUNT = 430


@pytest.fixture(scope="session")
def history_file(tmp_path_factory) -> tuple[Path, History]:
    """The realistic two-year history, generated once per test process into a SQLite file."""
    path = tmp_path_factory.mktemp("history") / "history.sqlite3"
    settings = history_settings(path)
    database = Database(settings.database_url)
    database.upgrade()
    made = generate_history(database, settings, HISTORY_START, HISTORY_NOW, HISTORY_COUNT)
    database.dispose()
    return path, made


def history_settings(path: Path) -> Settings:
    return Settings(
        _env_file=None,
        database_url=f"sqlite:///{path}",
        officer_user_ids=["UHISTKF"],
        management_user_ids=["UDIRECTIE"],
        organisation_name="Spijtenburg Werving en Advies B.V.",
    )


@pytest.fixture
def history(history_file, tmp_path) -> Iterator[tuple[Database, Settings, History]]:
    """A private copy of the history: a test may add reports or change complaints."""
    source, made = history_file
    copy = tmp_path / "history.sqlite3"
    shutil.copyfile(source, copy)
    settings = history_settings(copy)
    database = Database(settings.database_url)
    yield database, settings, made
    database.dispose()
