"""The README's "In productie" walked through as a script, where this machine can: PostgreSQL,
the settings in a file of their own (mode 640), `db upgrade`, `web` and `clock` started as the
systemd units start them (KLACHTENBOT_ENV_FILE) against the local fake Slack, one e-mail through
`ingest` from the mail server's own folder, the health check, and `status`."""

from __future__ import annotations

import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.support.command import KLACHTENBOT, clean_environment, klachtenbot
from tests.support.databases import postgres_schema_url
from tests.support.fake_slack import APP_TOKEN, BOT_TOKEN, FakeSlack
from tests.support.ports import free_port

COMPLAINTS = "CKLACHTEN"
MANAGEMENT = "CDIRECTIE"
MESSAGE = (
    b"From: Jan Jansen <jan.jansen@example.nl>\r\n"
    b"To: klachten@example.nl\r\n"
    b"Subject: Factuur klopt niet\r\n"
    b"Message-ID: <productie-1@example.nl>\r\n\r\n"
    b"Mijn factuur klopt niet. Bel mij op 06-12345678.\r\n"
)


@pytest.fixture
def fake_slack():
    fake = FakeSlack().start()
    fake.add_channel(COMPLAINTS)
    fake.add_channel(MANAGEMENT)
    yield fake
    fake.stop()


def health(port: int) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=3) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as answer:
        return answer.code, answer.read().decode()


def wait_until(condition, what: str, processes, timeout: float = 90):
    deadline = time.monotonic() + timeout
    while True:
        try:
            value = condition()
        except OSError:
            value = None
        if value:
            return value
        for process in processes:
            assert process.poll() is None, f"{process.args[1]} stopped while waiting for {what}"
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.3)


def test_the_production_walkthrough(tmp_path: Path, fake_slack: FakeSlack) -> None:
    etc, opt, spool = (tmp_path / name for name in ("etc", "opt", "spool"))
    for folder in (etc, opt, spool):
        folder.mkdir()
    port = free_port()
    with postgres_schema_url() as database:
        # 1-2. The settings file, readable by its owner and group only.
        settings = etc / "klachtenbot.env"
        settings.write_text(
            "\n".join(
                [
                    f"DATABASE_URL={database}",
                    f"SLACK_BOT_TOKEN={BOT_TOKEN}",
                    f"SLACK_APP_TOKEN={APP_TOKEN}",
                    "SLACK_SIGNING_SECRET=geheim",
                    f"SLACK_API_URL={fake_slack.url}",
                    f"COMPLAINTS_CHANNEL={COMPLAINTS}",
                    f"MANAGEMENT_CHANNEL={MANAGEMENT}",
                    "OFFICER_USER_IDS=UOFFICER",
                    "SEND_ACKNOWLEDGEMENTS=false",
                    "WEB_BIND=127.0.0.1",
                    f"PORT={port}",
                    "",
                ]
            )
        )
        settings.chmod(0o640)
        named = ["--env-file", str(settings)]
        # 3. The tables.
        upgraded = klachtenbot(*named, "db", "upgrade", cwd=opt)
        assert upgraded.returncode == 0, upgraded.stderr
        assert upgraded.stdout.startswith("Database bijgewerkt: postgresql+psycopg://")
        # 5. The units: web and clock, with the settings file named in their environment.
        unit_env = clean_environment(KLACHTENBOT_ENV_FILE=str(settings))
        processes = [
            subprocess.Popen(
                [str(KLACHTENBOT), command],
                cwd=opt,
                env=unit_env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            for command in ("web", "clock")
        ]
        try:
            # 6. The health check turns 200 once the clock has run its jobs.
            wait_until(lambda: health(port)[0] == 200, "a healthy /healthz", processes)
            # 4. One e-mail, piped in by the mail server from its own folder.
            ingested = klachtenbot(*named, "ingest", "-", cwd=spool, stdin=MESSAGE)
            assert ingested.returncode == 0, ingested.stderr
            assert ingested.stderr == "Opgeslagen als nieuwe klacht K-2026-0001.\n"
            assert list(spool.iterdir()) == []
            root = wait_until(
                lambda: fake_slack.roots(COMPLAINTS), "the complaint in Slack", processes
            )
            assert "K-2026-0001" in root[0].text
            status = klachtenbot(*named, "status", cwd=tmp_path)
            assert status.returncode == 0, status.stdout + status.stderr
            assert status.stdout.startswith("Gezond.\nOpen: 1 ")
            assert health(port) == (200, "ok")
        finally:
            errors = []
            for process in processes:
                process.terminate()
                errors.append(process.communicate(timeout=30)[1].decode())
        for err in errors:
            assert "Traceback" not in err, err
            assert " ERROR " not in err, err
