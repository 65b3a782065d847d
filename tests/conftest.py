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
