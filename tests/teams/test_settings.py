"""The Teams settings: shapes checked with one Dutch line naming the setting, and the settings
contract kept although the Teams SDK loads a `.env` into the environment when imported."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from bot.settings import SettingsError, load_settings
from tests.support.command import clean_environment, klachtenbot
from tests.support.corpus import REPO

GUID = "9d3e08f9-a7ae-43aa-a4d3-de3f319a8a9c"


@pytest.fixture(autouse=True)
def no_dotenv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Read nothing but what each test gives."""
    monkeypatch.chdir(tmp_path)


def problem(**values: object) -> str:
    with pytest.raises(SettingsError) as refused:
        load_settings(None, **values)
    (line,) = refused.value.lines
    return line


def test_defaults_are_slack_and_microsofts_services() -> None:
    settings = load_settings(None)
    assert settings.chat_platform == "slack"
    assert settings.teams_service_url == "https://smba.trafficmanager.net/teams/"
    assert settings.teams_openid_metadata_url.startswith("https://login.botframework.com/")
    assert settings.teams_allow_unauthenticated is False


def test_ids_are_read_in_any_case_and_with_spaces() -> None:
    settings = load_settings(
        None,
        teams_officer_ids=f" {GUID.upper()} , 76b0b09f-d410-48fd-993e-84da521a597b",
        teams_tenant_id=GUID.upper(),
        teams_complaints_channel=" 19:abc-DEF_123@thread.tacv2 ",
    )
    assert settings.teams_officer_ids == [GUID, "76b0b09f-d410-48fd-993e-84da521a597b"]
    assert settings.teams_tenant_id == GUID
    assert settings.teams_complaints_channel == "19:abc-DEF_123@thread.tacv2"


@pytest.mark.parametrize(
    ("values", "start", "words"),
    [
        ({"teams_app_id": "klachtenbot"}, "Instelling TEAMS_APP_ID ongeldig", "GUID"),
        ({"teams_management_ids": "U012AB3CD"}, "Instelling TEAMS_MANAGEMENT_IDS", "Object-ID"),
        ({"chat_platform": "discord"}, "Instelling CHAT_PLATFORM ongeldig", "'slack' of 'teams'"),
        (
            {"teams_complaints_channel": "19:abc@thread.tacv2;messageid=1776390257332"},
            "Instelling TEAMS_COMPLAINTS_CHANNEL ongeldig",
            "laat ;messageid=... weg",
        ),
        (
            {"teams_management_channel": "19:meeting_abc@thread.v2"},
            "Instelling TEAMS_MANAGEMENT_CHANNEL ongeldig",
            "groepschat",
        ),
        ({"teams_complaints_channel": "a:1p0iicaJlVi"}, "Instelling TEAMS", "persoonlijke chat"),
        (
            {"teams_complaints_channel": "https://teams.microsoft.com/l/channel/19%3a..."},
            "Instelling TEAMS_COMPLAINTS_CHANNEL ongeldig",
            "koppeling",
        ),
        ({"teams_complaints_channel": "#klachten"}, "Instelling TEAMS", "19:...@thread.tacv2"),
        ({"teams_service_url": "http://bots.example.com/"}, "Instelling TEAMS_SERVICE_URL", "TLS"),
        ({"teams_login_url": "login.microsoftonline.com"}, "Instelling TEAMS_LOGIN_URL", "http"),
    ],
)
def test_a_wrong_value_is_one_dutch_line_naming_it(values: dict, start: str, words: str) -> None:
    line = problem(**values)
    assert line.startswith(start) and words in line


def test_a_password_is_never_shown() -> None:
    with pytest.raises(SettingsError) as refused:
        load_settings(None, teams_app_password=["geheim-123"])
    assert "geheim-123" not in str(refused.value)


def test_unauthenticated_requests_only_with_a_connector_on_this_machine() -> None:
    line = problem(teams_allow_unauthenticated="true")
    assert line.startswith("Instelling TEAMS_ALLOW_UNAUTHENTICATED ongeldig")
    assert "https://smba.trafficmanager.net/teams/" in line
    for url in ("http://127.0.0.1:3978/", "http://localhost:3978", "http://[::1]:3978/"):
        settings = load_settings(None, teams_allow_unauthenticated="true", teams_service_url=url)
        assert settings.teams_allow_unauthenticated


# The SDK's load_dotenv at import ---------------------------------------------------------

PROBE = textwrap.dedent(
    """
    import os, sys
    {imports}
    from bot.settings import load_settings
    print(os.environ.get("CLIENT_ID"), load_settings(sys.argv[1]).database_url)
    """
)


def _import_in(cwd: Path, imports: str, env_file: Path) -> str:
    """Import `imports` in a fresh interpreter in `cwd`; what it then sees."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(imports=imports), str(env_file)],
        cwd=cwd,
        env={**clean_environment(), "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.fixture
def stray_dotenv(tmp_path: Path) -> tuple[Path, Path]:
    """A working directory whose .env names another database (and an SDK setting), and the
    settings file named on the command line."""
    (tmp_path / ".env").write_text(
        "DATABASE_URL=sqlite:///from-dotenv.sqlite3\nCLIENT_ID=from-dotenv\n"
    )
    named = tmp_path / "klachtenbot.env"
    named.write_text("DATABASE_URL=sqlite:///from-env-file.sqlite3\n")
    return tmp_path, named


def test_the_sdk_loads_dotenv_into_the_environment_when_imported_directly(stray_dotenv) -> None:
    """The pitfall itself, so that the next test is known to guard against something real."""
    cwd, named = stray_dotenv
    out = _import_in(cwd, "import microsoft_teams.apps", named)
    assert out == f"from-dotenv sqlite:///{cwd / 'from-dotenv.sqlite3'}"  # (DATA_DIR: absolute)


def test_through_bot_teams_sdk_the_settings_file_still_wins(stray_dotenv) -> None:
    cwd, named = stray_dotenv
    out = _import_in(cwd, "import bot.teams.sdk", named)
    assert out == f"None sqlite:///{cwd / 'from-env-file.sqlite3'}"


def test_only_bot_teams_sdk_imports_the_sdks_app_module() -> None:
    importers = [
        path.relative_to(REPO)
        for path in (REPO / "bot").rglob("*.py")
        if "microsoft_teams.apps" in path.read_text()
    ]
    assert importers == [Path("bot/teams/sdk.py")]


def test_the_teams_process_uses_the_settings_file_not_a_stray_dotenv(stray_dotenv) -> None:
    cwd, named = stray_dotenv
    named.write_text(
        named.read_text()
        + "CHAT_PLATFORM=teams\nTEAMS_TENANT_ID=3f3d1cea-7a18-41af-872b-cfbbd5140984\n"
        + "TEAMS_COMPLAINTS_CHANNEL=19:klachten@thread.tacv2\n"
        + "TEAMS_SERVICE_URL=http://127.0.0.1:9/\nTEAMS_ALLOW_UNAUTHENTICATED=true\n"
    )
    result = klachtenbot("--env-file", str(named), "teams", cwd=cwd)
    # Nobody answers on port 9: the start is refused as passing trouble, after the database
    # named by the settings file was migrated; the .env's database was never touched.
    assert result.returncode == 1, result.stderr
    assert (cwd / "from-env-file.sqlite3").exists()
    assert not (cwd / "from-dotenv.sqlite3").exists()
