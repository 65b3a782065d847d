"""The deployment kit in deploy/: systemd units that systemd accepts, and mail-server pipes
whose command line and exit codes are the ones `klachtenbot ingest` really has."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from bot.cli import build_parser, ingest
from bot.intake.pipe import EX_DATAERR, EX_TEMPFAIL
from tests.support.command import KLACHTENBOT
from tests.support.corpus import REPO

DEPLOY = REPO / "deploy"
INSTALLED = "/opt/klachtenbot/.venv/bin/klachtenbot"
UNITS = sorted((DEPLOY / "systemd").glob("*.service"))
SUBCOMMANDS = {
    "klachtenbot.service": "run",
    "klachtenbot-web.service": "web",
    "klachtenbot-clock.service": "clock",
    "klachtenbot-teams.service": "teams",
}


def test_the_kit_has_the_units_the_readme_names() -> None:
    assert {unit.name for unit in UNITS} == set(SUBCOMMANDS)
    readme = (REPO / "README.md").read_text()
    for unit in UNITS:
        assert unit.name in readme


@pytest.mark.parametrize("unit", UNITS, ids=lambda unit: unit.name)
def test_systemd_accepts_the_unit(unit: Path, tmp_path: Path) -> None:
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze not installed")
    # The unit as installed, with the command pointing at this checkout's klachtenbot.
    text = unit.read_text()
    assert f"ExecStart={INSTALLED} {SUBCOMMANDS[unit.name]}\n" in text
    copy = tmp_path / unit.name
    copy.write_text(text.replace(INSTALLED, str(KLACHTENBOT)))
    result = subprocess.run(
        [analyze, "verify", "--man=no", str(copy)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "Unknown" not in result.stderr, result.stderr


@pytest.mark.parametrize("unit", UNITS, ids=lambda unit: unit.name)
def test_a_unit_does_not_restart_on_a_settings_error(unit: Path) -> None:
    text = unit.read_text()
    assert "Environment=KLACHTENBOT_ENV_FILE=/etc/klachtenbot/klachtenbot.env" in text
    assert "RestartPreventExitStatus=2" in text  # exit 2: fix the settings first


def pipe_commands() -> list[list[str]]:
    postfix = (DEPLOY / "postfix" / "master.cf.example").read_text()
    exim = (DEPLOY / "exim" / "klachtenbot.conf").read_text()
    return [
        shlex.split(re.search(r"argv=(.+)", postfix).group(1)),
        shlex.split(re.search(r"command = (.+)", exim).group(1)),
    ]


@pytest.mark.parametrize("argv", pipe_commands(), ids=["postfix", "exim"])
def test_the_pipe_command_is_klachtenbot_ingest_from_stdin(argv: list[str]) -> None:
    assert argv[0] == INSTALLED
    args = build_parser().parse_args(argv[1:])
    assert args.handler is ingest
    assert args.source == "-"
    assert args.env_file == "/etc/klachtenbot/klachtenbot.env"


def test_the_exit_codes_the_examples_rely_on() -> None:
    postfix = (DEPLOY / "postfix" / "master.cf.example").read_text()
    exim = (DEPLOY / "exim" / "klachtenbot.conf").read_text()
    assert f"#   {EX_DATAERR}  EX_DATAERR" in postfix
    assert f"#   {EX_TEMPFAIL}  EX_TEMPFAIL" in postfix
    assert f"temp_errors = {EX_TEMPFAIL}\n" in exim


@pytest.mark.parametrize("example", ["caddy/Caddyfile.example", "nginx/klachtenbot.conf.example"])
def test_the_tls_proxy_examples_forward_to_the_default_port_on_this_machine(example) -> None:
    from bot.settings import Settings

    text = (DEPLOY / example).read_text()
    assert f"127.0.0.1:{Settings.model_fields['port'].default}" in text
    assert "WEB_BIND=127.0.0.1" in text and "/slack/events" in text
    assert f"deploy/{example.split('/')[0]}/" in (REPO / "README.md").read_text()


def test_make_warns_when_the_service_user_cannot_reach_the_interpreter() -> None:
    check = DEPLOY / "check-interpreter.sh"
    assert f"sh {check.relative_to(REPO)}" in (REPO / "Makefile").read_text()
    base = Path(tempfile.mkdtemp(prefix="klachtenbot-python-"))  # pytest's own are private
    try:
        base.chmod(0o755)
        home = base / "home"
        (home / "bin").mkdir(parents=True)
        python = home / "bin" / "python3"
        python.write_text("")
        python.chmod(0o755)
        home.chmod(0o755)
        quiet = subprocess.run(["sh", str(check), str(python)], capture_output=True, text=True)
        assert (quiet.returncode, quiet.stderr) == (0, "")
        home.chmod(0o700)  # a private home folder, as an admin's pyenv
        warned = subprocess.run(["sh", str(check), str(python)], capture_output=True, text=True)
        assert warned.returncode == 0  # a warning, never a failed build
        assert warned.stderr.startswith(f"Waarschuwing: {home} (drwx------) is niet toegankelijk")
    finally:
        shutil.rmtree(base)
