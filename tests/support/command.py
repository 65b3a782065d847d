"""The klachtenbot command as a person or a mail server runs it: a separate process."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.settings import ENV_FILE_VARIABLE, Settings

KLACHTENBOT = Path(sys.executable).with_name("klachtenbot")


def clean_environment(**settings: str) -> dict[str, str]:
    """This process's environment without any klachtenbot setting, plus `settings`."""
    names = {name.upper() for name in Settings.model_fields} | {ENV_FILE_VARIABLE}
    env = {key: value for key, value in os.environ.items() if key.upper() not in names}
    env.update(settings)
    return env


def klachtenbot(
    *args: str,
    cwd: Path,
    env: dict[str, str] | None = None,
    stdin: bytes | None = None,
    timeout: float = 300,  # a hang guard; the demo alone takes a minute on a busy machine
) -> subprocess.CompletedProcess[str]:
    """Run `klachtenbot ARGS` in `cwd` with `env` (default: no settings at all)."""
    done = subprocess.run(
        [str(KLACHTENBOT), *args],
        cwd=cwd,
        env=env if env is not None else clean_environment(),
        input=stdin if stdin is not None else b"",
        capture_output=True,
        timeout=timeout,
    )
    return subprocess.CompletedProcess(
        done.args, done.returncode, done.stdout.decode(), done.stderr.decode()
    )


def service(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    """Start a long-running `klachtenbot ARGS` (web, clock, run) as systemd would; its stderr
    is kept for the test to read after `terminate()`."""
    return subprocess.Popen(
        [str(KLACHTENBOT), *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def in_process(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    folder: Path,
    database_url: str,
) -> Callable[..., tuple[int, str, str]]:
    """`klachtenbot ARGS` in this process on `database_url`, in `folder`, without Slack, SMTP
    or a settings file: a function returning (exit code, stdout, stderr)."""
    from bot.cli import main

    monkeypatch.chdir(folder)
    monkeypatch.setenv("DATABASE_URL", database_url)
    for name in ("SLACK_BOT_TOKEN", "COMPLAINTS_CHANNEL", "SLACK_API_URL", "SMTP_HOST"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv(ENV_FILE_VARIABLE, raising=False)

    def run(*argv: str) -> tuple[int, str, str]:
        code = main(list(argv))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run
