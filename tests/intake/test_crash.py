"""A real poller process is killed (SIGKILL) at random moments while it works through 200
messages, and restarted until the mailbox is empty: exactly 200 complaints, none missing, none
twice, every message in the processed folder."""

from __future__ import annotations

import functools
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa
from imap_tools import MailBoxUnencrypted

from bot.service import ComplaintService
from tests.intake.messages import complaint_mail

MESSAGES = 200


def run_poller(
    env: dict[str, str], cwd: Path, stored: Callable[[], int], rng: random.Random
) -> bool:
    """One `klachtenbot poll --once` run, killed at a random moment once it has stored
    something; True if it was killed."""
    before = stored()
    with (cwd / "poller.log").open("ab") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot.cli", "poll", "--once"],
            env=env,
            cwd=cwd,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
    with process:
        while process.poll() is None and stored() == before:
            time.sleep(0.02)
        time.sleep(rng.uniform(0.0, 0.3))
        killed = process.poll() is None
        if killed:
            process.send_signal(signal.SIGKILL)
        process.wait()
    return killed


def stored_count(engine: sa.Engine) -> int:
    """How many messages are stored (a plain connection: no write lock on SQLite)."""
    with engine.connect() as connection:
        return connection.execute(sa.text("SELECT count(*) FROM inbound_messages")).scalar()


def fill(box) -> set[str]:
    subjects = set()
    for number in range(MESSAGES):
        subject = f"Klacht nummer {number:03d}"
        # Every fifth message has no Message-ID: then only the bytes can tell it was seen.
        message_id = None if number % 5 == 0 else "auto"
        box.append(complaint_mail(subject=subject, message_id=message_id), "INBOX")
        subjects.add(subject)
    return subjects


@pytest.mark.slow
def test_killed_poller_loses_nothing_and_stores_nothing_twice(
    imap_account, settings, db, tmp_path
) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": settings.database_url,
        "IMAP_HOST": imap_account.host,
        "IMAP_PORT": str(imap_account.port),
        "IMAP_SSL": "false",
        "IMAP_USER": imap_account.user,
        "IMAP_PASSWORD": imap_account.password,
        "SEND_ACKNOWLEDGEMENTS": "false",
    }
    rng = random.Random(20261126)
    # No folder selected: STATUS on a selected folder shows this session's stale view.
    with MailBoxUnencrypted(imap_account.host, imap_account.port).login(
        imap_account.user, imap_account.password, initial_folder=None
    ) as box:
        subjects = fill(box)
        kills = 0
        engine = sa.create_engine(settings.database_url)
        stored = functools.partial(stored_count, engine)
        # No clock: every run, killed or not, must move the mailbox on (a benchmark, not this
        # test, says how fast); so the loop ends after at most one run per message.
        while left := box.folder.status("INBOX")["MESSAGES"]:
            before = stored()
            kills += run_poller(env, tmp_path, stored, rng)
            progress = stored() > before or box.folder.status("INBOX")["MESSAGES"] < left
            assert progress, (tmp_path / "poller.log").read_text(errors="replace")[-2000:]
        engine.dispose()
        inbox_left = box.folder.status("INBOX")["MESSAGES"]
        box.folder.set("Verwerkt")
        processed = [m.subject for m in box.fetch("ALL", mark_seen=False, headers_only=True)]

    assert kills >= 2, "the poller was never killed while working: the test proved nothing"
    assert inbox_left == 0, (tmp_path / "poller.log").read_text(errors="replace")[-2000:]
    assert sorted(processed) == sorted(subjects)
    complaints = ComplaintService(db, settings).list()
    assert sorted(complaint.subject for complaint in complaints) == sorted(subjects)
    numbers = sorted(int(complaint.reference.rsplit("-", 1)[1]) for complaint in complaints)
    assert numbers == list(range(1, MESSAGES + 1))  # gapless, none twice
