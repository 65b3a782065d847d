"""A real poller process is killed (SIGKILL) at random moments while it works through 200
messages, and restarted until the mailbox is empty: exactly 200 complaints, none missing, none
twice, every message in the processed folder."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import pytest
from imap_tools import MailBoxUnencrypted

from bot.service import ComplaintService
from tests.intake.messages import complaint_mail

MESSAGES = 200
TIME_LIMIT = 150.0  # seconds; ~15 s are needed, the rest is slack for a loaded machine


def run_poller(env: dict[str, str], cwd, rng: random.Random) -> bool:
    """One poller run, killed at a random moment once it is storing; True if it was killed."""
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.intake", "poll"],
        env=env,
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    with process:
        for line in process.stderr:  # its log: one line per message
            if b"inbound" in line:
                time.sleep(rng.uniform(0.0, 1.0))
                break
        killed = process.poll() is None
        if killed:
            process.send_signal(signal.SIGKILL)
        process.wait()
    return killed


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
        deadline = time.monotonic() + TIME_LIMIT
        while box.folder.status("INBOX")["MESSAGES"] and time.monotonic() < deadline:
            kills += run_poller(env, tmp_path, rng)
        inbox_left = box.folder.status("INBOX")["MESSAGES"]
        box.folder.set("Verwerkt")
        processed = [m.subject for m in box.fetch("ALL", mark_seen=False, headers_only=True)]

    assert kills >= 2, "the poller was never killed while working: the test proved nothing"
    assert inbox_left == 0
    assert sorted(processed) == sorted(subjects)
    complaints = ComplaintService(db, settings).list()
    assert sorted(complaint.subject for complaint in complaints) == sorted(subjects)
    numbers = sorted(int(complaint.reference.rsplit("-", 1)[1]) for complaint in complaints)
    assert numbers == list(range(1, MESSAGES + 1))  # gapless, none twice
