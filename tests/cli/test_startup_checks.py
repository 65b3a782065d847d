"""`klachtenbot run` / `web` as an IT person starts them: every problem at once, one Dutch line
each, naming the setting; never a traceback. Against the local fake Slack and closed ports."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest

from tests.support.command import KLACHTENBOT, clean_environment, klachtenbot, service
from tests.support.fake_slack import APP_TOKEN, BOT_TOKEN, Failure, FakeSlack
from tests.support.ports import free_port

CHANNEL = "CKLACHTEN"


@pytest.fixture
def fake_slack():
    fake = FakeSlack().start()
    fake.add_channel(CHANNEL)
    yield fake
    fake.stop()


@pytest.fixture
def env(fake_slack: FakeSlack, tmp_path: Path) -> dict[str, str]:
    return clean_environment(
        DATABASE_URL=f"sqlite:///{tmp_path / 'klachtenbot.sqlite3'}",
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_APP_TOKEN=APP_TOKEN,
        SLACK_SIGNING_SECRET="geheim",
        SLACK_API_URL=fake_slack.url,
        COMPLAINTS_CHANNEL=CHANNEL,
        OFFICER_USER_IDS="UOFFICER",
        PORT=str(free_port()),
    )


def refused(result: subprocess.CompletedProcess[str], code: int = 2) -> list[str]:
    """The problem lines of a refused start; exit 2 (the default) when only a changed setting
    helps, so systemd does not restart it, and 1 when a restart may."""
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    return [line for line in result.stderr.splitlines() if line.strip()]


def test_a_refused_bot_token_names_slack_bot_token(env, fake_slack, tmp_path) -> None:
    env["SLACK_BOT_TOKEN"] = "xoxb-ingetrokken"  # the fake answers invalid_auth
    lines = refused(klachtenbot("run", cwd=tmp_path, env=env))
    assert len(lines) == 1
    assert "SLACK_BOT_TOKEN wordt door Slack geweigerd (invalid_auth)" in lines[0]
    # auth.test comes first: no channel check that would blame the channel instead
    assert fake_slack.method_log() == ["auth.test"]


def test_a_user_token_in_place_of_the_bot_token_is_refused(env, tmp_path) -> None:
    env["SLACK_BOT_TOKEN"] = "xoxp-1234-gebruiker"
    lines = refused(klachtenbot("web", cwd=tmp_path, env=env))
    assert lines == [
        "Instelling SLACK_BOT_TOKEN ongeldig: dit is een gebruikerstoken (xoxp-); de bot werkt "
        "alleen met het Bot User OAuth Token (xoxb-) onder OAuth & Permissions"
    ]
    assert "1234" not in lines[0]  # a token's value is never shown


def test_an_app_token_of_the_wrong_type_names_slack_app_token(env, fake_slack, tmp_path) -> None:
    fake_slack.fail("apps.connections.open", Failure(error="not_allowed_token_type"))
    lines = refused(klachtenbot("run", cwd=tmp_path, env=env))
    assert len(lines) == 1
    assert lines[0].startswith("SLACK_APP_TOKEN is geen app-token (not_allowed_token_type)")
    assert "connections:write" in lines[0]


def test_an_app_token_without_its_scope_says_which_scope(env, fake_slack, tmp_path) -> None:
    fake_slack.fail("apps.connections.open", Failure(error="missing_scope"))
    lines = refused(klachtenbot("run", cwd=tmp_path, env=env))
    assert lines[0].startswith("SLACK_APP_TOKEN mist de scope connections:write")


def test_the_clock_checks_the_bot_token_too(env, fake_slack, tmp_path) -> None:
    assert klachtenbot("db", "upgrade", cwd=tmp_path, env=env).returncode == 0
    env["SLACK_BOT_TOKEN"] = "xoxb-ingetrokken"
    lines = refused(klachtenbot("clock", cwd=tmp_path, env=env))
    assert len(lines) == 1
    assert "SLACK_BOT_TOKEN wordt door Slack geweigerd (invalid_auth)" in lines[0]


def test_a_channel_slack_does_not_know_is_named(env, tmp_path) -> None:
    env["COMPLAINTS_CHANNEL"] = "CBESTAATNIET"
    lines = refused(klachtenbot("web", cwd=tmp_path, env=env))
    assert len(lines) == 1
    assert "COMPLAINTS_CHANNEL CBESTAATNIET is niet te controleren (channel_not_found)" in lines[0]
    assert "/invite" in lines[0]


def test_an_unreachable_slack_api_and_database_are_listed_together(env, tmp_path) -> None:
    closed = free_port()
    env["SLACK_API_URL"] = f"http://127.0.0.1:{closed}/api/"
    env["DATABASE_URL"] = f"postgres://klachtenbot:geheim@127.0.0.1:{free_port()}/klachtenbot"
    lines = refused(klachtenbot("run", cwd=tmp_path, env=env), code=1)
    assert len(lines) == 2
    assert lines[0].startswith("Database postgresql+psycopg://klachtenbot:***@127.0.0.1:")
    assert lines[0].endswith("controleer DATABASE_URL.")
    assert "geheim" not in "\n".join(lines)
    assert lines[1].startswith(f"Slack API niet bereikbaar op http://127.0.0.1:{closed}/api/")
    assert "SLACK_API_URL" in lines[1]


@pytest.mark.parametrize("error", ["ratelimited", "fatal_error"])
def test_slack_having_trouble_is_worth_a_restart(env, fake_slack, tmp_path, error) -> None:
    fake_slack.fail("auth.test", Failure(error=error))
    lines = refused(klachtenbot("web", cwd=tmp_path, env=env), code=1)
    assert lines == [
        f"Slack kan nu niet antwoorden ({error}); aan de instellingen ligt het niet, een nieuwe "
        "start over een minuut lukt waarschijnlijk wel."
    ]


def test_a_refused_setting_with_slack_out_of_reach_is_worth_a_restart(env, tmp_path) -> None:
    """A problem that may pass by itself decides: the refused setting is named meanwhile."""
    env["COMPLAINTS_CHANNEL"] = "CBESTAATNIET"
    env["DATABASE_URL"] = f"postgresql://postgres@127.0.0.1:{free_port()}/test"
    lines = refused(klachtenbot("web", cwd=tmp_path, env=env), code=1)
    assert len(lines) == 2 and "CBESTAATNIET" in lines[1]


def test_every_invalid_or_missing_setting_at_once(env, tmp_path) -> None:
    env.update(
        COMPLAINTS_CHANNEL="#klachten",
        OFFICER_USER_IDS="UOFFICER,jan.jansen",
        MANAGEMENT_USERGROUP="directie",
        PORT="drieduizend",
        LOG_LEVEL="info",  # lower case is fine
    )
    lines = refused(klachtenbot("web", cwd=tmp_path, env=env))
    assert len(lines) == 4
    assert lines[0].startswith(
        "Instelling COMPLAINTS_CHANNEL ongeldig: '#klachten' is een kanaalnaam"
    )
    assert "gebruik het kanaal-ID" in lines[0] and "kanaaldetails" in lines[0]
    assert lines[1].startswith("Instelling OFFICER_USER_IDS ongeldig: 'jan.jansen'")
    assert lines[2].startswith("Instelling MANAGEMENT_USERGROUP ongeldig: 'directie'")
    assert lines[3] == "Instelling PORT ongeldig: 'drieduizend' is geen geheel getal"


def test_missing_settings_are_named_together(tmp_path) -> None:
    lines = refused(klachtenbot("run", cwd=tmp_path))
    assert lines == [
        "Instelling SLACK_BOT_TOKEN ontbreekt",
        "Instelling SLACK_APP_TOKEN ontbreekt",
        "Instelling COMPLAINTS_CHANNEL ontbreekt",
    ]


def test_the_start_line_says_what_the_bot_runs_on(env, tmp_path) -> None:
    env.update(OFFICER_USER_IDS="", LOG_LEVEL="info", SEND_ACKNOWLEDGEMENTS="true")
    lines = _first_log_lines(env, tmp_path, until="Geen klachtenfunctionaris")
    start = next(line for line in lines if "gestart" in line)
    assert " INFO " in start
    for part in (
        "klachtenbot web (HTTP, poort",
        "database sqlite:///",
        "werkruimte Klachten Test als @klachtenbot",
        f"klachtenkanaal {CHANNEL}",
        "0 klachtenfunctionaris(sen)",
        "kalender office",
    ):
        assert part in start
    warnings = [line for line in lines if " WARNING " in line]
    assert any("SEND_ACKNOWLEDGEMENTS staat aan maar SMTP_HOST is leeg" in w for w in warnings)
    assert any("Geen klachtenfunctionaris ingesteld" in w for w in warnings)


def test_a_password_in_the_database_url_stays_out_of_the_start_line(env, tmp_path) -> None:
    from tests.support.databases import POSTGRES_URL, require_postgres

    require_postgres()
    url = POSTGRES_URL.replace("postgresql+psycopg://postgres@", "postgres://postgres:pw@")
    env.update(DATABASE_URL=url, SMTP_HOST="127.0.0.1")
    lines = _first_log_lines(env, tmp_path, until="gestart")
    start = next(line for line in lines if "gestart" in line)
    assert "postgresql+psycopg://postgres:***@127.0.0.1" in start
    assert "1 klachtenfunctionaris(sen)" in start
    assert not [line for line in lines if " WARNING " in line]


def test_the_clock_says_what_it_runs_on(env, tmp_path) -> None:
    assert klachtenbot("db", "upgrade", cwd=tmp_path, env=env).returncode == 0
    lines = _first_log_lines(env, tmp_path, until="gestart", command="clock")
    start = next(line for line in lines if "gestart" in line)
    assert "klachtenbot clock gestart: database sqlite:///" in start
    assert "werkruimte Klachten Test als @klachtenbot" in start


def _first_log_lines(env: dict[str, str], cwd: Path, until: str, command: str = "web") -> list[str]:
    """Start `klachtenbot web` (or `command`), read its log until a line contains `until`, then
    stop it."""
    process = subprocess.Popen(
        [str(KLACHTENBOT), command], cwd=cwd, env=env, stderr=subprocess.PIPE, text=True
    )
    lines: list[str] = []
    deadline = time.monotonic() + 30
    try:
        assert process.stderr is not None
        while time.monotonic() < deadline:
            line = process.stderr.readline()
            if not line:
                break
            lines.append(line.rstrip("\n"))
            if until in line:
                return lines
        raise AssertionError(f"no line with {until!r}: {lines}")
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.mark.parametrize("command", ["run", "web", "clock"])
def test_a_wrong_management_channel_stops_the_start(env, fake_slack, tmp_path, command) -> None:
    env["MANAGEMENT_CHANNEL"] = "CBESTAATNIET"
    assert klachtenbot("db", "upgrade", cwd=tmp_path, env=env).returncode == 0  # for `clock`
    lines = refused(klachtenbot(command, cwd=tmp_path, env=env))
    assert len(lines) == 1
    assert lines[0].startswith("MANAGEMENT_CHANNEL CBESTAATNIET is niet te controleren")
    assert "channel_not_found" in lines[0] and "/invite" in lines[0]


def test_a_management_channel_without_the_bot_stops_the_start(env, fake_slack, tmp_path) -> None:
    fake_slack.add_channel("CDIRECTIE", private=False, member=False)
    env["MANAGEMENT_CHANNEL"] = "CDIRECTIE"
    lines = refused(klachtenbot("web", cwd=tmp_path, env=env))
    assert lines == [
        "MANAGEMENT_CHANNEL CDIRECTIE: de bot is geen lid van dit kanaal en kan er niets "
        "plaatsen; nodig de bot uit in het kanaal (/invite) en start opnieuw."
    ]


def test_web_listens_on_web_bind_only(env, tmp_path) -> None:
    import urllib.error
    import urllib.request

    env["WEB_BIND"] = "127.0.0.2"  # loopback too, but not 127.0.0.1
    web = service("web", cwd=tmp_path, env=env)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.2:{env['PORT']}/healthz", timeout=2):
                    break
            except urllib.error.HTTPError:
                break  # it answered (503 while the clock has not run)
            except OSError:
                assert web.poll() is None and time.monotonic() < deadline
                time.sleep(0.3)
        with pytest.raises(urllib.error.URLError):
            urllib.request.urlopen(f"http://127.0.0.1:{env['PORT']}/healthz", timeout=2)
    finally:
        web.terminate()
        web.wait(timeout=20)


def test_a_bind_address_that_is_no_ip_address_is_named(env, tmp_path) -> None:
    env["WEB_BIND"] = "klachten.example.nl"
    (line,) = refused(klachtenbot("web", cwd=tmp_path, env=env))
    assert line.startswith("Instelling WEB_BIND ongeldig: klachten.example.nl is geen IP-adres")
