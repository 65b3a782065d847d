"""The default SQLite database is one absolute place for every command started with the same
settings: a mail server's pipe runs `ingest` in a folder of its own and must find the tables
that `db upgrade` made elsewhere; every message names the database by its absolute path."""

from __future__ import annotations

from pathlib import Path

from tests.support.command import clean_environment, klachtenbot

MESSAGE = b"From: Jan Jansen <jan@example.nl>\r\nSubject: Klacht\r\n\r\nHet ging mis.\r\n"


def folders(tmp_path: Path, *names: str) -> list[Path]:
    made = [tmp_path / name for name in names]
    for folder in made:
        folder.mkdir()
    return made


def test_ingest_from_another_folder_finds_the_default_database(tmp_path: Path) -> None:
    etc, admin, spool = folders(tmp_path, "etc", "beheer", "spool")
    settings = etc / "klachtenbot.env"
    settings.write_text("SEND_ACKNOWLEDGEMENTS=false\n")  # no DATABASE_URL: the default
    upgraded = klachtenbot("--env-file", str(settings), "db", "upgrade", cwd=admin)
    assert upgraded.returncode == 0, upgraded.stderr
    database = etc / "klachtenbot.sqlite3"
    assert database.exists() and not list(admin.iterdir())

    result = klachtenbot("--env-file", str(settings), "ingest", "-", cwd=spool, stdin=MESSAGE)
    assert result.returncode == 0, result.stderr
    assert "Opgeslagen als nieuwe klacht K-2026-0001" in result.stderr
    assert not list(spool.iterdir())
    listed = klachtenbot("--env-file", str(settings), "list", cwd=tmp_path)
    assert "Klacht" in listed.stdout and "K-" in listed.stdout


def test_data_dir_places_the_database_and_messages_name_it_absolutely(tmp_path: Path) -> None:
    data, spool = folders(tmp_path, "data", "spool")
    env = clean_environment(DATA_DIR=str(data))
    result = klachtenbot("ingest", "-", cwd=spool, env=env, stdin=MESSAGE)
    assert result.returncode == 75  # no tables yet: the mail server keeps the message
    assert result.stderr.startswith(f"De database sqlite:///{data / 'klachtenbot.sqlite3'} ")
    assert klachtenbot("db", "upgrade", cwd=tmp_path, env=env).returncode == 0
    assert klachtenbot("ingest", "-", cwd=spool, env=env, stdin=MESSAGE).returncode == 0
    assert (data / "klachtenbot.sqlite3").exists()
    assert not list(spool.iterdir()) and not (tmp_path / "klachtenbot.sqlite3").exists()
