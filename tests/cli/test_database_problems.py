"""The database as an operator meets it: down, missing, behind the code (a pending migration) or
at a revision this version does not know. Every command says it in one Dutch line naming the
database and what to do, never the driver's English or a traceback; services refuse to start."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa

from storage.db import head_revision, upgrade
from tests.support.command import clean_environment, klachtenbot
from tests.support.databases import SERVER_URL, require_postgres
from tests.support.ports import free_port

MESSAGE = b"From: Jan Jansen <jan@example.nl>\r\nSubject: Klacht\r\n\r\nHet ging mis.\r\n"
COMMANDS = [["list"], ["status"], ["db", "upgrade"]]


def one_line(result) -> str:
    assert "Traceback" not in result.stderr
    (line,) = result.stderr.splitlines()
    return line


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_database_that_does_not_answer(tmp_path: Path, command: list[str]) -> None:
    url = f"postgresql://klachtenbot:geheim@127.0.0.1:{free_port()}/klachtenbot"
    result = klachtenbot(*command, cwd=tmp_path, env=clean_environment(DATABASE_URL=url))
    assert result.returncode == 1
    line = one_line(result)
    assert line.startswith("Database postgresql+psycopg://klachtenbot:***@127.0.0.1:")
    assert "de server weigert de verbinding" in line and "DATABASE_URL" in line
    assert "geheim" not in line and "connection failed" not in line


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_database_that_does_not_exist(tmp_path: Path, command: list[str]) -> None:
    require_postgres()
    url = sa.make_url(SERVER_URL).set(database=f"bestaat_niet_{uuid.uuid4().hex[:8]}")
    env = clean_environment(DATABASE_URL=url.render_as_string(hide_password=False))
    line = one_line(klachtenbot(*command, cwd=tmp_path, env=env))
    assert "die database bestaat niet (maak hem met createdb" in line
    assert line.endswith("controleer DATABASE_URL.") and "FATAL" not in line


def at_revision(tmp_path: Path, revision: str) -> dict[str, str]:
    url = f"sqlite:///{tmp_path / 'klachtenbot.sqlite3'}"
    engine = sa.create_engine(url)
    upgrade(engine, revision)
    engine.dispose()
    return clean_environment(DATABASE_URL=url, SEND_ACKNOWLEDGEMENTS="false")


def test_a_pending_migration_is_named_by_every_command(tmp_path: Path) -> None:
    env = at_revision(tmp_path, "0015")  # the code is one migration ahead
    behind = f"loopt achter op deze versie van klachtenbot (revisie 0015, nodig {head_revision()})"
    for command in (
        ["list"],
        ["status"],
        ["show", "K-2026-0001"],
        ["export", "--period", "2026", "--out", "uit"],
    ):
        result = klachtenbot(*command, cwd=tmp_path, env=env)
        assert result.returncode == 1, command
        line = one_line(result)
        assert behind in line and line.endswith("voer `klachtenbot db upgrade` uit."), command
        assert "Gezond." not in result.stdout
    clock = klachtenbot("clock", cwd=tmp_path, env=env)  # a service: refused, not restarted
    assert clock.returncode == 2 and behind in one_line(clock)
    ingest = klachtenbot("ingest", "-", cwd=tmp_path, env=env, stdin=MESSAGE)
    assert ingest.returncode == 75  # the mail server keeps the complaint
    assert behind in one_line(ingest) and "bewaart het bericht" in ingest.stderr

    assert klachtenbot("db", "upgrade", cwd=tmp_path, env=env).returncode == 0
    assert klachtenbot("ingest", "-", cwd=tmp_path, env=env, stdin=MESSAGE).returncode == 0
    assert "K-2026-0001" in klachtenbot("list", cwd=tmp_path, env=env).stdout


def test_a_revision_this_version_does_not_know(tmp_path: Path) -> None:
    env = at_revision(tmp_path, "head")
    with sqlite3.connect(tmp_path / "klachtenbot.sqlite3") as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099'")
    for command in (["list"], ["db", "upgrade"]):
        result = klachtenbot(*command, cwd=tmp_path, env=env)
        assert result.returncode == 1
        line = one_line(result)
        assert "staat op revisie 0099, die deze versie van klachtenbot niet kent" in line
    clock = klachtenbot("clock", cwd=tmp_path, env=env)
    assert clock.returncode == 2 and "revisie 0099" in one_line(clock)
