"""A settings file the service user may not read (the README's `chgrp` forgotten): `ingest`
exits 75 so that the mail server keeps the complaint, the services exit 2 so that systemd does
not restart them for ever; each says in one line which file, its permissions and the user."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.command import KLACHTENBOT, clean_environment, klachtenbot

NOBODY = 65534
MESSAGE = b"From: Jan <jan@example.nl>\r\nSubject: Klacht\r\n\r\nTekst.\r\n"


@pytest.fixture
def folder() -> Iterator[Path]:
    """A folder every user may enter (pytest's own temporary folders are private to root)."""
    path = Path(tempfile.mkdtemp(prefix="klachtenbot-settings-"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path)


def as_another_user(*args: str, cwd: Path, env: dict[str, str]):
    """Run klachtenbot as a user who may not read a root-owned 0600 file (root reads anything)."""
    if os.geteuid() != 0:
        return klachtenbot(*args, cwd=cwd, env=env)
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: cannot run as another user")
    prefix = ("setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups")
    for program in (KLACHTENBOT, Path(os.path.realpath(sys.executable))):
        if subprocess.run([*prefix, "test", "-r", str(program)], timeout=30).returncode != 0:
            pytest.skip(f"user nobody cannot reach {program} (a clone in a private folder)")
    done = subprocess.run(
        [*prefix, str(KLACHTENBOT), *args], cwd=cwd, env=env, capture_output=True, timeout=120
    )
    return subprocess.CompletedProcess(
        done.args, done.returncode, done.stdout.decode(), done.stderr.decode()
    )


@pytest.mark.parametrize(
    ("command", "code"),
    [(["ingest", "-"], 75), (["run"], 2), (["web"], 2), (["clock"], 2)],
    ids=["ingest", "run", "web", "clock"],
)
def test_an_unreadable_settings_file_is_one_line_and_the_right_exit_code(
    folder: Path, command: list[str], code: int
) -> None:
    settings = folder / "klachtenbot.env"
    settings.write_text("DATABASE_URL=sqlite:////nergens/klachtenbot.sqlite3\n")
    settings.chmod(0o600)  # readable by its owner only
    result = as_another_user(
        "--env-file", str(settings), *command, cwd=folder, env=clean_environment()
    )
    assert result.returncode == code, result.stderr
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"Instellingenbestand {settings} is niet leesbaar voor gebruiker ")
    assert "rechten -rw-------" in line and "chmod 640" in line


def test_a_settings_file_in_a_closed_folder_says_so(folder: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("needs root to close a folder to another user")
    closed = folder / "klachtenbot"
    closed.mkdir(mode=0o700)
    settings = closed / "klachtenbot.env"
    settings.write_text("LOG_LEVEL=INFO\n")
    result = as_another_user(
        "--env-file", str(settings), "ingest", "-", cwd=folder, env=clean_environment()
    )
    assert result.returncode == 75
    assert result.stderr == (
        f"Instellingenbestand {settings} is niet te bereiken voor gebruiker nobody: een map op "
        "de weg ernaartoe mag deze gebruiker niet openen (geef die map leesrecht, chmod o+x of "
        "chgrp).\n"
    )
