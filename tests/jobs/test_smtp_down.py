"""SMTP down, as an operator meets it: `clock --once` does not pretend all is well, `status` and
/healthz show the unsent acknowledgements and the mail server's last error and turn unhealthy
when it keeps failing, and the officers are told once."""

from __future__ import annotations

from pathlib import Path

from bot.jobs.status import health_answer
from bot.service import ComplaintService
from bot.settings import load_settings
from bot.surfaces import make_context
from storage.db import Database
from tests.support.command import clean_environment, klachtenbot
from tests.support.fake_slack import BOT_TOKEN, FakeSlack
from tests.support.ports import free_port

MESSAGE = b"From: Jan Jansen <jan@example.nl>\r\nSubject: Klacht\r\n\r\nHet ging mis.\r\n"


def test_smtp_down_is_visible_and_told_once(tmp_path: Path, monkeypatch) -> None:
    fake = FakeSlack().start()
    fake.add_channel("CKLACHTEN")
    port = free_port()  # nothing listens: the mail server refuses the connection
    env = clean_environment(
        DATABASE_URL=f"sqlite:///{tmp_path / 'klachtenbot.sqlite3'}",
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_API_URL=fake.url,
        COMPLAINTS_CHANNEL="CKLACHTEN",
        OFFICER_USER_IDS="UOFFICER",
        SMTP_HOST="127.0.0.1",
        SMTP_PORT=str(port),
        SMTP_STARTTLS="false",
    )
    try:
        assert klachtenbot("db", "upgrade", cwd=tmp_path, env=env).returncode == 0
        ingested = klachtenbot("ingest", "-", cwd=tmp_path, env=env, stdin=MESSAGE)
        assert ingested.returncode == 0  # the complaint is stored whatever SMTP does

        once = klachtenbot("clock", "--once", cwd=tmp_path, env=env)
        assert once.returncode == 1
        assert "Niet alle taken zijn gelukt: ontvangstbevestigingen versturen" in once.stderr

        status = klachtenbot("status", cwd=tmp_path, env=env)
        assert "Ontvangstbevestigingen nog niet verstuurd: 1." in status.stdout
        assert (
            f"Laatste fout: de mailserver 127.0.0.1:{port} (SMTP_HOST): weigert de verbinding "
            "(ConnectionRefusedError)." in status.stdout
        )
        for _ in range(3):  # it keeps failing
            assert klachtenbot("clock", "--once", cwd=tmp_path, env=env).returncode == 1
        status = klachtenbot("status", cwd=tmp_path, env=env)
        assert status.returncode == 1
        assert status.stdout.startswith("Niet gezond:\n  - taak 'ontvangstbevestigingen versturen'")

        (told,) = fake.roots("UOFFICER")  # once, however often it failed
        assert "ontvangstbevestigingen versturen" in told.text
        assert f"de mailserver 127.0.0.1:{port} (SMTP_HOST): weigert de verbinding" in told.text
        assert ".py" not in told.text

        for name, value in env.items():
            monkeypatch.setenv(name, value)
        settings = load_settings()
        db = Database(settings.database_url)
        code, body = health_answer(make_context(settings, ComplaintService(db, settings)))
        db.dispose()
        assert code == 503 and "ontvangstbevestigingen versturen" in body
    finally:
        fake.stop()
