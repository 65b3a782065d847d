"""The smaller things an operator trips over, each through the real command: argparse in
Dutch, `status` moments as `list` shows them, log times in the office's zone with the offset,
a Dutch /healthz body, and `list`/`status` running despite a Slack setting they do not use."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.jobs.status import health_answer
from bot.service import ComplaintService
from bot.settings import Settings
from bot.surfaces import make_context
from storage.db import Database
from tests.support.command import clean_environment, klachtenbot
from tests.support.ports import free_port

MESSAGE = b"From: Jan Jansen <jan@example.nl>\r\nSubject: Klacht\r\n\r\nHet ging mis.\r\n"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    env = clean_environment(DATABASE_URL=f"sqlite:///{tmp_path / 'klachtenbot.sqlite3'}")
    assert klachtenbot("db", "upgrade", cwd=tmp_path, env=env).returncode == 0
    return env


def test_the_command_line_speaks_dutch_around_its_own_texts(tmp_path: Path) -> None:
    shown = klachtenbot("list", "--help", cwd=tmp_path)
    assert shown.stdout.startswith("gebruik: klachtenbot list")
    assert "deze hulp tonen en stoppen" in shown.stdout and "opties:" in shown.stdout
    wrong = klachtenbot("list", "--onbekend", cwd=tmp_path)
    assert wrong.returncode == 2
    assert wrong.stderr.splitlines()[-1] == "klachtenbot: fout: onbekende argumenten: --onbekend"
    for english in ("usage:", "show this help", "error:", "options:"):
        assert english not in shown.stdout + wrong.stderr


def test_status_moments_as_list_shows_them_and_logs_in_office_time(tmp_path, env) -> None:
    # An acknowledgement the (closed) mail server refuses makes the clock log a warning.
    smtp = {**env, "SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(free_port()), "SMTP_STARTTLS": "0"}
    assert klachtenbot("ingest", "-", cwd=tmp_path, env=smtp, stdin=MESSAGE).returncode == 0
    clock = klachtenbot("clock", "--once", cwd=tmp_path, env=smtp)
    assert clock.returncode == 1  # the acknowledgement did not go out
    # Log times are the office's (Europe/Amsterdam: +0100 in winter, +0200 in summer).
    stamp = re.match(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d([+-]\d{4}) WARNING ", clock.stderr)
    assert stamp and stamp.group(1) in ("+0100", "+0200"), clock.stderr
    status = klachtenbot("status", cwd=tmp_path, env=env).stdout
    jobs = [line for line in status.splitlines() if line.startswith("Taak ")]
    assert jobs and all(
        re.search(r"laatst gelukt \d{4}-\d\d-\d\d \d\d:\d\d, mislukt", line) for line in jobs
    )
    assert "." not in status.split("laatst gelukt ")[1].split(",")[0]  # no microseconds


def test_list_and_status_run_despite_a_slack_setting_they_do_not_use(tmp_path, env) -> None:
    env = {**env, "SLACK_BOT_TOKEN": "xoxp-1234", "COMPLAINTS_CHANNEL": "#klachten"}
    listed = klachtenbot("list", cwd=tmp_path, env=env)
    assert (listed.returncode, listed.stdout) == (0, "Geen klachten.\n")
    assert klachtenbot("status", cwd=tmp_path, env=env).stdout.startswith("Gezond.")
    web = klachtenbot("web", cwd=tmp_path, env=env)  # a command that uses Slack still refuses
    assert web.returncode == 2 and "SLACK_BOT_TOKEN" in web.stderr


def test_healthz_says_in_dutch_that_the_database_is_down() -> None:
    url = f"postgresql+psycopg://klachtenbot@127.0.0.1:{free_port()}/klachtenbot"
    settings = Settings(database_url=url)
    db = Database(url)
    try:
        code, body = health_answer(make_context(settings, ComplaintService(db, settings)))
    finally:
        db.dispose()
    assert code == 503
    assert body.startswith("Database postgresql+psycopg://klachtenbot@127.0.0.1:")
    assert "niet bereikbaar: de server weigert de verbinding" in body
