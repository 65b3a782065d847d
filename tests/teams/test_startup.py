"""What `klachtenbot teams` checks before it starts: one Dutch line per problem naming the
setting, exit 2 for what only a changed setting fixes and 1 for passing trouble; and the whole
process with credentials, real tokens both ways, against loopback fakes."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import httpx
import pytest

from bot.settings import Settings
from bot.startup import StartRefused
from bot.teams.auth import ClientCredentials
from bot.teams.connector import BotConnector
from bot.teams.startup import check_start
from bot.texts import find as find_text
from bot.texts import teams as text
from storage.db import Database
from tests.support.bot_framework import BotFrameworkKeys
from tests.support.command import KLACHTENBOT, clean_environment, klachtenbot
from tests.support.fake_teams import TENANT, Failure, FakeTeams
from tests.support.ports import free_port
from tests.teams.conftest import (
    APP_ID,
    BOT_TOKEN,
    COMPLAINTS,
    MANAGEMENT,
    MANAGER,
    OFFICER,
    PASSWORD,
    TEAM,
    Entra,
)
from tests.teams.server import recorded

NOBODY = "00000000-0000-4000-8000-000000000000"


def refusal(settings: Settings, tokens=None) -> StartRefused:
    with pytest.raises(StartRefused) as refused:
        check_start(settings, BotConnector(settings, tokens), None)
    return refused.value


def test_a_complete_setup_starts(teams_settings: Settings, db: Database) -> None:
    assert check_start(teams_settings, BotConnector(teams_settings, None), None) == 1


def test_a_bot_not_in_the_team_names_the_channel(
    teams_settings: Settings, fake_teams: FakeTeams
) -> None:
    fake_teams.teams[TEAM].bot_installed = False
    refused = refusal(teams_settings)
    assert [line.split(":", 1)[0] for line in refused.lines] == [
        f"TEAMS_COMPLAINTS_CHANNEL {COMPLAINTS.split(':')[0]}",
        f"TEAMS_MANAGEMENT_CHANNEL {MANAGEMENT.split(':')[0]}",
    ]
    assert "voeg de app toe aan het team" in refused.lines[0]
    assert not refused.passing


def test_a_channel_teams_does_not_know_is_named(teams_settings: Settings) -> None:
    unknown = teams_settings.model_copy(update={"teams_management_channel": "19:gone@thread.tacv2"})
    (line,) = refusal(unknown).lines
    assert line.startswith("TEAMS_MANAGEMENT_CHANNEL 19:gone@thread.tacv2: Teams kent dit kanaal")


def test_a_wrong_tenant_is_named(teams_settings: Settings) -> None:
    other = teams_settings.model_copy(update={"teams_tenant_id": NOBODY})
    lines = refusal(other).lines
    assert len(lines) == 2 and all(line.startswith(f"TEAMS_TENANT_ID {NOBODY}") for line in lines)
    assert TENANT in lines[0]


def test_an_officer_or_manager_outside_the_team_is_named(teams_settings: Settings) -> None:
    missing = teams_settings.model_copy(
        update={
            "teams_officer_ids": [OFFICER.aad_object_id, NOBODY],
            "teams_management_ids": [MANAGER.aad_object_id, "11111111-2222-3333-4444-555555555555"],
        }
    )
    lines = refusal(missing).lines
    assert lines[0].startswith(f"TEAMS_OFFICER_IDS: {NOBODY} is geen lid van het team van ")
    assert "TEAMS_COMPLAINTS_CHANNEL" in lines[0]
    assert lines[1].startswith("TEAMS_MANAGEMENT_IDS: 11111111-2222-3333-4444-555555555555")


def test_connector_trouble_is_worth_a_restart(
    teams_settings: Settings, fake_teams: FakeTeams
) -> None:
    fake_teams.fail(Failure(502, times=2))
    refused = refusal(teams_settings)
    assert refused.passing and refused.lines[0].startswith("De Bot Connector kan nu niet")

    away = teams_settings.model_copy(
        update={"teams_service_url": f"http://127.0.0.1:{free_port()}/"}
    )
    refused = refusal(away)
    assert refused.passing and "niet bereikbaar" in refused.lines[0]


def test_a_bot_the_connector_refuses_names_the_app_settings(
    teams_settings: Settings, fake_teams: FakeTeams
) -> None:
    fake_teams.fail(Failure(401, "Unauthorized", times=2))
    refused = refusal(teams_settings)
    assert refused.lines[0].startswith("De Bot Connector weigert de bot")
    assert "TEAMS_APP_ID" in refused.lines[0] and not refused.passing


def test_a_refused_secret_is_named_before_anything_else(
    teams_settings: Settings, fake_teams: FakeTeams, entra: Entra
) -> None:
    wrong = entra.credentials(teams_settings, teams_app_password="oud")
    refused = refusal(wrong, ClientCredentials(wrong))
    assert refused.lines == [text.PASSWORD_REFUSED]
    assert fake_teams.calls == []  # no roster asked without a token


def test_an_unreachable_login_is_passing_trouble(teams_settings: Settings) -> None:
    away = teams_settings.model_copy(
        update={
            "teams_app_id": APP_ID,
            "teams_app_password": PASSWORD,
            "teams_login_url": f"https://127.0.0.1:{free_port()}",
        }
    )
    refused = refusal(away, ClientCredentials(away))
    assert refused.passing and refused.lines[0].startswith("Microsoft Entra niet bereikbaar")


# The process --------------------------------------------------------------------------


def teams_env(settings: Settings, fake: FakeTeams, **extra: str) -> dict[str, str]:
    return clean_environment(
        DATABASE_URL=settings.database_url,
        CHAT_PLATFORM="teams",
        TEAMS_TENANT_ID=TENANT,
        TEAMS_COMPLAINTS_CHANNEL=COMPLAINTS,
        TEAMS_MANAGEMENT_CHANNEL=MANAGEMENT,
        TEAMS_OFFICER_IDS=OFFICER.aad_object_id,
        TEAMS_MANAGEMENT_IDS=MANAGER.aad_object_id,
        TEAMS_SERVICE_URL=fake.url,
        **extra,
    )


def test_a_process_refused_by_teams_exits_2_with_the_line(
    settings: Settings, fake_teams: FakeTeams, tmp_path: Path
) -> None:
    fake_teams.teams[TEAM].bot_installed = False
    env = teams_env(settings, fake_teams, TEAMS_ALLOW_UNAUTHENTICATED="true")
    result = klachtenbot("teams", cwd=tmp_path, env=env)
    assert result.returncode == 2
    assert result.stderr.startswith("TEAMS_COMPLAINTS_CHANNEL 19:klachten")
    assert "Traceback" not in result.stderr


def test_missing_settings_and_the_wrong_platform_are_named(
    settings: Settings, fake_teams: FakeTeams, tmp_path: Path
) -> None:
    env = teams_env(settings, fake_teams)
    del env["TEAMS_TENANT_ID"]
    result = klachtenbot("teams", cwd=tmp_path, env=env)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "Instelling TEAMS_TENANT_ID ontbreekt",
        "Instelling TEAMS_APP_ID ontbreekt",
        "Instelling TEAMS_APP_PASSWORD ontbreekt",
    ]
    env["CHAT_PLATFORM"] = "slack"
    result = klachtenbot("teams", cwd=tmp_path, env=env)
    assert (result.returncode, result.stderr.count("\n")) == (2, 1)
    assert result.stderr.startswith("CHAT_PLATFORM is slack: `klachtenbot teams` hoort bij teams")
    result = klachtenbot("web", cwd=tmp_path, env={**env, "CHAT_PLATFORM": "teams"})
    assert result.returncode == 2
    assert result.stderr.startswith("CHAT_PLATFORM is teams: `klachtenbot web` hoort bij slack")


@pytest.mark.slow
def test_the_process_with_credentials_checks_tokens_both_ways(
    settings: Settings, fake_teams: FakeTeams, entra: Entra, tmp_path: Path
) -> None:
    keys = BotFrameworkKeys()
    fake_teams.token = BOT_TOKEN
    port = free_port()
    try:
        env = teams_env(
            settings,
            fake_teams,
            TEAMS_APP_ID=APP_ID,
            TEAMS_APP_PASSWORD=PASSWORD,
            TEAMS_LOGIN_URL=entra.login_url,
            TEAMS_OPENID_METADATA_URL=keys.metadata_url,
            REQUESTS_CA_BUNDLE=str(entra.ca_bundle),
            PORT=str(port),
        )
        process = subprocess.Popen(
            [str(KLACHTENBOT), "teams"],
            cwd=tmp_path,
            env=env,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            _wait_for_health(base, process)
            install = recorded("installationUpdate_add_team", fake_teams.url)
            unsigned = httpx.post(f"{base}/api/messages", json=install)
            token = keys.token(APP_ID, fake_teams.url)
            signed = httpx.post(
                f"{base}/api/messages",
                json=install,
                headers={"Authorization": f"Bearer {token}"},
            )
            message = recorded("message_channel_thread_reply_mention_recorded", fake_teams.url)
            message["from"] = {"id": OFFICER.user_id, "aadObjectId": OFFICER.aad_object_id}
            answered = httpx.post(
                f"{base}/api/messages",
                json=message,
                headers={"Authorization": f"Bearer {keys.token(APP_ID, fake_teams.url)}"},
            )
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            _out, err = process.communicate(timeout=30)
    finally:
        keys.stop()
    assert unsigned.status_code == 401
    assert signed.status_code == 200 and answered.status_code == 200
    # The reply went to the officer's personal chat with the bot's token from Entra.
    chat = fake_teams.chats[OFFICER.user_id]
    said = [a.body["summary"] for a in fake_teams.in_conversation(chat)]
    assert said == [find_text.UNKNOWN.format(word="reply")]  # '<at>ridotest</at> reply to thread'
    assert {call.authorization for call in fake_teams.calls} == {f"Bearer {BOT_TOKEN}"}
    assert len(entra.received) == 1
    assert "klachtenbot teams (HTTP, poort" in err and f"app {APP_ID}" in err
    assert "1 klachtenfunctionaris(sen)" in err
    with Database(settings.database_url).reading() as session:
        from storage.models.teams import TeamsConversation

        stored = session.get(TeamsConversation, "19:0b7f32667e064dd9b25d7969801541f4@thread.tacv2")
        assert stored is not None and stored.service_url == fake_teams.url


def _wait_for_health(base: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"teams exited {process.returncode}: {process.stderr.read()}")
        try:
            if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise AssertionError("teams did not answer /healthz")
