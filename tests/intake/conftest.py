from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from imap_tools import BaseMailBox, MailBoxUnencrypted

from bot.service import ComplaintService
from bot.settings import Settings
from storage.db import Database
from tests.support.command import in_process
from tests.support.dovecot import Dovecot, ImapAccount, introspection_server, start_dovecot
from tests.support.smtp import RecordingHandler, smtp_server

# Monday 23 November 2026, 10:00 in Amsterdam.
START = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: dt.datetime = START) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def service(db: Database, settings: Settings, clock: Clock) -> ComplaintService:
    return ComplaintService(db, settings, clock)


@pytest.fixture(scope="session")
def dovecot() -> Iterator[Dovecot]:
    server = start_dovecot()
    yield server
    server.stop()


@pytest.fixture
def imap_account(dovecot: Dovecot) -> ImapAccount:
    return dovecot.new_user()


def with_imap(settings: Settings, account: ImapAccount) -> Settings:
    return settings.model_copy(
        update={
            "imap_host": account.host,
            "imap_port": account.port,
            "imap_ssl": False,
            "imap_user": account.user,
            "imap_password": account.password,
        }
    )


@pytest.fixture
def imap_only_settings(imap_account: ImapAccount) -> Settings:
    """For tests that need the mailbox but no database."""
    return with_imap(Settings(_env_file=None), imap_account)


@pytest.fixture
def imap_settings(settings: Settings, imap_account: ImapAccount) -> Settings:
    return with_imap(settings, imap_account)


@pytest.fixture
def mailbox(imap_account: ImapAccount) -> Iterator[BaseMailBox]:
    """The test's own IMAP session on the same account, to append and to look."""
    with MailBoxUnencrypted(imap_account.host, imap_account.port).login(
        imap_account.user, imap_account.password
    ) as box:
        yield box


@pytest.fixture
def smtp() -> Iterator[tuple[RecordingHandler, int]]:
    with smtp_server() as server:
        yield server


def with_smtp(db, settings: Settings, clock: Clock, port: int, **update: object):
    """A service whose acknowledgements go to the test's SMTP server on `port`."""
    local = {"smtp_host": "127.0.0.1", "smtp_port": port, "smtp_starttls": False}
    return ComplaintService(db, settings.model_copy(update={**local, **update}), clock)


@pytest.fixture
def smtp_service(db, settings, clock, smtp) -> ComplaintService:
    return with_smtp(db, settings, clock, smtp[1])


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, settings, db, capsys, tmp_path: Path):
    """`klachtenbot ARGS` on the test's database, in an empty folder."""
    return in_process(monkeypatch, capsys, tmp_path, settings.database_url)


@pytest.fixture(scope="module")
def oauth_server() -> Iterator[tuple[Dovecot, dict[str, str]]]:
    """One Dovecot that checks XOAUTH2 logins against `active` (access token -> user)."""
    active: dict[str, str] = {}
    with introspection_server(active) as url:
        server = start_dovecot(oauth_introspection_url=url)
        yield server, active
        server.stop()


@pytest.fixture
def account(oauth_server) -> ImapAccount:
    """A mailbox on the XOAUTH2-checking Dovecot."""
    return oauth_server[0].new_user()
