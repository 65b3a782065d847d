"""A first run as the README describes it, each step typed as a person would (a process per
command): the demo keeps away from the configured database, settings come from a named file,
a missing schema is named without creating anything, the command line speaks Dutch, and an
unusable output folder or a closed pipe is one line or none, never a traceback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support.command import clean_environment, klachtenbot


@pytest.fixture
def production(tmp_path: Path) -> Path:
    """A folder with a .env naming the 'production' database (SQLite here), upgraded."""
    folder = tmp_path / "productie"
    folder.mkdir()
    (folder / ".env").write_text("DATABASE_URL=sqlite:///productie.sqlite3\n")
    assert klachtenbot("db", "upgrade", cwd=folder).returncode == 0
    return folder


@pytest.fixture(scope="module")
def demo_database(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A database holding the demo's complaints (every state), made by the demo itself."""
    folder = tmp_path_factory.mktemp("demo")
    assert klachtenbot("demo", cwd=folder).returncode == 0
    return f"sqlite:///{folder / 'demo-output' / 'klachtenbot-demo.sqlite3'}"


def test_the_demo_never_writes_into_the_configured_database(production: Path) -> None:
    result = klachtenbot("demo", cwd=production)
    assert result.returncode == 0, result.stderr
    assert "Database: sqlite:///demo-output/klachtenbot-demo.sqlite3" in result.stdout
    assert (production / "demo-output" / "klachtenbot-demo.sqlite3").exists()
    listed = klachtenbot("list", cwd=production)
    assert listed.returncode == 0
    assert listed.stdout == "Geen klachten.\n"


def test_the_demo_refuses_a_database_that_holds_complaints(production, demo_database) -> None:
    result = klachtenbot("demo", "--database-url", demo_database, cwd=production)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert "bevat al klachten" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_demo_on_an_empty_database_named_on_its_command_line(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'leeg.sqlite3'}"
    result = klachtenbot("demo", "--database-url", url, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    listed = klachtenbot("list", "--json", cwd=tmp_path, env=clean_environment(DATABASE_URL=url))
    assert '"reference": "K-2026-0001"' in listed.stdout


@pytest.mark.parametrize("how", ["option", "variable"])
def test_settings_from_a_named_file_anywhere(production: Path, tmp_path: Path, how: str) -> None:
    settings = tmp_path / "klachtenbot.env"
    settings.write_text(f"DATABASE_URL=sqlite:///{production / 'productie.sqlite3'}\n")
    elsewhere = tmp_path / "ergens"
    elsewhere.mkdir()
    if how == "option":
        result = klachtenbot("--env-file", str(settings), "list", cwd=elsewhere)
    else:
        env = clean_environment(KLACHTENBOT_ENV_FILE=str(settings))
        result = klachtenbot("list", cwd=elsewhere, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Geen klachten.\n"
    assert list(elsewhere.iterdir()) == []


def test_the_named_file_wins_over_dot_env(production: Path, tmp_path: Path) -> None:
    (production / "ander.env").write_text("DATABASE_URL=sqlite:///ander.sqlite3\n")
    result = klachtenbot("--env-file", "ander.env", "list", cwd=production)
    assert result.returncode == 1
    # a relative path in a named file lives next to that file, wherever the command runs
    assert f"sqlite:///{production / 'ander.sqlite3'} heeft nog geen tabellen" in result.stderr


def test_a_missing_settings_file_is_named(tmp_path: Path) -> None:
    result = klachtenbot("--env-file", "bestaat-niet.env", "list", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        f"Instellingenbestand {tmp_path / 'bestaat-niet.env'} bestaat niet (--env-file of "
        "KLACHTENBOT_ENV_FILE)\n"
    )


@pytest.mark.parametrize("command", [["list"], ["show", "K-2026-0001"], ["report", "2026-Q3"]])
def test_no_schema_names_the_database_and_creates_no_file(tmp_path: Path, command) -> None:
    extra = ["--out", str(tmp_path / "rapport")] if command[0] == "report" else []
    result = klachtenbot(*command, *extra, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == (
        f"De database sqlite:///{tmp_path / 'klachtenbot.sqlite3'} heeft nog geen tabellen: "
        "voer eerst "
        "`klachtenbot db upgrade` uit (of kies een andere database met DATABASE_URL of "
        "--env-file).\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_ingest_without_schema_keeps_the_mail_and_creates_no_file(tmp_path: Path) -> None:
    message = b"From: a@example.nl\r\nSubject: Klacht\r\n\r\nHet ging mis.\r\n"
    result = klachtenbot("ingest", "-", cwd=tmp_path, stdin=message)
    assert result.returncode == 75  # EX_TEMPFAIL: the mail server keeps it and retries
    database = tmp_path / "klachtenbot.sqlite3"
    assert result.stderr.startswith(f"De database sqlite:///{database} heeft nog geen")
    assert list(tmp_path.iterdir()) == []


def test_list_has_a_header_and_open_complaints_before_closed(demo_database, tmp_path) -> None:
    env = clean_environment(DATABASE_URL=demo_database)
    lines = klachtenbot("list", cwd=tmp_path, env=env).stdout.splitlines()
    assert lines[0].split() == ["Kenmerk", "Status", "Contacttermijn", "Onderwerp"]
    states = [re.split(r"\s{2,}", line)[1] for line in lines[1:]]
    finished = {"Afgesloten", "Geen klacht"}
    first_finished = next(i for i, state in enumerate(states) if state in finished)
    assert finished.isdisjoint(states[:first_finished])
    assert set(states[first_finished:]) <= finished
    assert {"Ontvangen", "Geregistreerd", "Contact opgenomen", "In bespreking"} <= set(states)


@pytest.mark.parametrize("state", ["contact-opgenomen", "Contact opgenomen", "contacted"])
def test_state_by_its_dutch_name(demo_database, tmp_path, state: str) -> None:
    env = clean_environment(DATABASE_URL=demo_database)
    result = klachtenbot("list", "--state", state, cwd=tmp_path, env=env)
    rows = result.stdout.splitlines()[1:]
    assert rows and all("Contact opgenomen" in row for row in rows)


def test_an_unknown_state_lists_the_choices(tmp_path: Path) -> None:
    result = klachtenbot("list", "--state", "open", cwd=tmp_path)
    assert result.returncode == 2
    assert "onbekende status 'open'" in result.stderr
    assert "received, registered, contacted" in result.stderr


def test_show_speaks_dutch(demo_database, tmp_path) -> None:
    env = clean_environment(DATABASE_URL=demo_database)
    listed = klachtenbot("list", "--state", "afgesloten", cwd=tmp_path, env=env).stdout
    reference = listed.splitlines()[1].split()[0]
    out = klachtenbot("show", reference, cwd=tmp_path, env=env).stdout
    labels = [line.split("  ")[0] for line in out.splitlines() if line and line[0] != " "]
    assert labels[:3] == ["Kenmerk", "Status", "Bron"]
    assert f"Kenmerk                    {reference}" in out
    assert "Status                     Afgesloten" in out
    assert "Klant tevreden             Ja" in out
    assert "Geschiedenis:" in out
    for english in ("received_at", "state", "closed", "customer_satisfied", "True"):
        assert english not in out


def test_version(tmp_path: Path) -> None:
    result = klachtenbot("--version", cwd=tmp_path)
    assert result.returncode == 0
    # the schema revision too: what `db upgrade` brings a database to, for upgrade notes
    from storage.db import head_revision

    shown = re.fullmatch(r"klachtenbot \d+\.\d+\.\d+ \(databaseschema (\w+)\)\n", result.stdout)
    assert shown and shown.group(1) == head_revision()


@pytest.mark.parametrize("command", ["report", "export"])
def test_an_output_folder_taken_by_a_file_is_one_line_before_any_work(
    demo_database, tmp_path, command: str
) -> None:
    taken = tmp_path / "rapport"
    taken.write_text("een bestand, geen map\n")
    words = ["2026-Q3"] if command == "report" else ["--period", "2026-Q3"]
    env = clean_environment(DATABASE_URL=demo_database)
    for out in (taken, taken / "q3"):
        result = klachtenbot(command, *words, "--out", str(out), cwd=tmp_path, env=env)
        assert result.returncode == 2
        assert result.stderr.splitlines()[-1].endswith(
            f"argument --out: {taken} is een bestand, geen map; kies een andere map"
        )
        assert "Traceback" not in result.stderr
    assert taken.read_text() == "een bestand, geen map\n"


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux's /proc")
def test_an_output_folder_that_cannot_be_made_is_one_line(demo_database, tmp_path) -> None:
    """/proc takes no new folders, not even from root (who passes every permission check)."""
    env = clean_environment(DATABASE_URL=demo_database)
    out = "/proc/klachtenbot-export"
    result = klachtenbot("export", "--period", "2026-Q3", "--out", out, cwd=tmp_path, env=env)
    assert (result.returncode, result.stderr) == (1, f"{out}: bestaat niet\n")


def test_a_reader_that_stops_early_gets_no_traceback(demo_database, tmp_path) -> None:
    """`klachtenbot list | head -1`: the command stops quietly when nobody reads any more."""
    import os
    import subprocess

    from tests.support.command import KLACHTENBOT

    reader, writer = os.pipe()
    os.close(reader)
    try:
        result = subprocess.run(
            [str(KLACHTENBOT), "list"],
            cwd=tmp_path,
            env=clean_environment(DATABASE_URL=demo_database),
            stdout=writer,
            stderr=subprocess.PIPE,
            timeout=180,
        )
    finally:
        os.close(writer)
    assert (result.returncode, result.stderr) == (1, b"")


@pytest.mark.parametrize("url", ["mysql://klachten@127.0.0.1:3306/klachten", "foo://bar"])
def test_a_database_the_install_has_no_driver_for_is_a_settings_line(tmp_path, url) -> None:
    env = clean_environment(DATABASE_URL=url)
    result = klachtenbot("list", cwd=tmp_path, env=env)
    scheme = url.partition("://")[0]
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith(
        f"Instelling DATABASE_URL ongeldig: {scheme}:// wordt niet ondersteund; gebruik PostgreSQL"
    )
    assert result.stderr.count("\n") == 1


def test_a_settings_typo_makes_the_mail_server_keep_the_message(tmp_path) -> None:
    """Exit 2 would make Postfix or Exim bounce the complaint to its sender; 75 keeps it queued
    until the setting is mended."""
    env = clean_environment(DATABASE_URL="mysql://klachten@127.0.0.1/klachten", IMAP_PORT="abc")
    result = klachtenbot("ingest", "-", cwd=tmp_path, env=env, stdin=b"Subject: x\r\n\r\nHoi\r\n")
    assert result.returncode == 75
    assert result.stderr.splitlines() == [
        "Instelling DATABASE_URL ongeldig: mysql:// wordt niet ondersteund; gebruik PostgreSQL "
        "(postgresql://gebruiker:wachtwoord@host:5432/klachtenbot) of SQLite "
        "(sqlite:///klachtenbot.sqlite3)",
        "Instelling IMAP_PORT ongeldig: 'abc' is geen geheel getal",
    ]
    assert list(tmp_path.iterdir()) == []
