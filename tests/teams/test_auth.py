"""Bot Framework authentication both ways, with real keys and tokens on loopback: Teams' JWT on
every request to /api/messages, and the bot's own client-credentials token (msal)."""

from __future__ import annotations

import datetime as dt

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from bot.settings import Settings
from bot.teams.auth import ClientCredentials, InboundAuth, KeySet
from bot.teams.connector import BotConnector, Refused, TokenRefused
from bot.texts import teams as text
from storage.db import Database
from tests.support.bot_framework import BotFrameworkKeys
from tests.support.fake_teams import FakeTeams
from tests.teams.conftest import APP_ID, BOT_TOKEN, COMPLAINTS, PASSWORD, Entra, with_teams
from tests.teams.server import TeamsServer, recorded, serving

CHANNEL = "19:0b7f32667e064dd9b25d7969801541f4@thread.tacv2"


def _install(fake: FakeTeams) -> dict:
    return recorded("installationUpdate_add_team", fake.url)


def test_a_valid_token_is_accepted(signed: TeamsServer, fake_teams: FakeTeams, keys) -> None:
    token = keys.token(APP_ID, fake_teams.url)
    response = signed.post(_install(fake_teams), Authorization=f"Bearer {token}")
    assert response.status_code == 200
    assert signed.directory.conversation(CHANNEL) is not None


def test_the_audience_may_name_the_app_as_api_uri(signed, fake_teams, keys) -> None:
    token = keys.token(APP_ID, fake_teams.url, aud=f"api://{APP_ID}")
    assert signed.post(_install(fake_teams), Authorization=f"Bearer {token}").status_code == 200


OTHER_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.mark.parametrize(
    "claims",
    [
        pytest.param({"aud": "d6d49420-f39b-4df7-a1dc-d59a935871db"}, id="wrong audience"),
        pytest.param({"iss": "https://sts.windows.net/d6d49420/"}, id="wrong issuer"),
        pytest.param({"lifetime": -dt.timedelta(minutes=6)}, id="expired"),
        pytest.param({"signed_by": OTHER_KEY}, id="bad signature"),
        pytest.param({"serviceurl": "https://smba.trafficmanager.net/amer/"}, id="other service"),
        pytest.param({"exp": None}, id="no expiry"),
    ],
)
def test_an_invalid_token_gets_401_and_changes_nothing(
    signed: TeamsServer, fake_teams: FakeTeams, keys, claims: dict
) -> None:
    token = keys.token(APP_ID, fake_teams.url, **claims)
    response = signed.post(_install(fake_teams), Authorization=f"Bearer {token}")
    assert response.status_code == 401
    assert signed.directory.conversation(CHANNEL) is None
    assert fake_teams.calls == []


@pytest.mark.parametrize(
    "authorization", [None, "", "Bearer", "Basic dXNlcjpwYXNz", "Bearer not.a.token"]
)
def test_a_request_without_a_token_gets_401(
    signed: TeamsServer, fake_teams: FakeTeams, authorization: str | None
) -> None:
    headers = {"Authorization": authorization} if authorization is not None else {}
    assert signed.post(_install(fake_teams), **headers).status_code == 401
    assert signed.directory.conversation(CHANNEL) is None


def test_an_unsigned_body_that_is_no_activity_gets_401_not_400(signed: TeamsServer) -> None:
    response = signed.http.post(f"{signed.url}/api/messages", content=b"\x00not json")
    assert response.status_code == 401


def test_a_signed_body_that_is_no_activity_gets_400(signed, fake_teams, keys) -> None:
    token = keys.token(APP_ID, fake_teams.url)
    response = signed.http.post(
        f"{signed.url}/api/messages",
        content=b"{not json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 400


def test_a_key_not_endorsed_for_teams_gets_403(
    settings: Settings, fake_teams: FakeTeams, db: Database
) -> None:
    webchat = BotFrameworkKeys(endorsements=("webchat", "directline"))
    try:
        configured = with_teams(settings, fake_teams, teams_allow_unauthenticated=False)
        inbound = InboundAuth(APP_ID, KeySet(webchat.metadata_url))
        with serving(configured, inbound=inbound) as server:
            token = webchat.token(APP_ID, fake_teams.url)
            response = server.post(_install(fake_teams), Authorization=f"Bearer {token}")
            assert response.status_code == 403
            assert server.directory.conversation(CHANNEL) is None
    finally:
        webchat.stop()


def test_keys_are_fetched_once_not_per_request(signed, fake_teams, keys) -> None:
    for _ in range(3):
        token = keys.token(APP_ID, fake_teams.url)
        assert signed.post(_install(fake_teams), Authorization=f"Bearer {token}").is_success
    assert keys.fetches == 2  # the OpenID document and its JWKS


# The bot's own token ------------------------------------------------------------------


def test_the_bot_token_comes_from_the_tenant_and_goes_to_the_connector(
    teams_settings: Settings, fake_teams: FakeTeams, entra: Entra
) -> None:
    configured = entra.credentials(teams_settings)
    fake_teams.token = BOT_TOKEN
    connector = BotConnector(configured, ClientCredentials(configured))
    assert isinstance(connector.members(COMPLAINTS), list)
    assert isinstance(connector.members(COMPLAINTS), list)
    assert fake_teams.calls[-1].authorization == f"Bearer {BOT_TOKEN}"
    (request,) = entra.received  # msal kept the token for the second call
    assert request["grant_type"] == "client_credentials"
    assert request["scope"] == "https://api.botframework.com/.default"


@pytest.mark.parametrize(
    ("app_id", "password", "line"),
    [
        (APP_ID, "wrong", text.PASSWORD_REFUSED),
        ("11111111-2222-3333-4444-555555555555", PASSWORD, text.APP_UNKNOWN),
    ],
)
def test_refused_credentials_name_the_setting(
    teams_settings: Settings, entra: Entra, app_id: str, password: str, line: str
) -> None:
    configured = entra.credentials(teams_settings, teams_app_id=app_id, teams_app_password=password)
    tokens = ClientCredentials(configured)
    with pytest.raises(TokenRefused, match=line[:40]):
        tokens.token()
    # A delivery through the connector fails for good, with the same line for the officer.
    outcome = BotConnector(configured, tokens).create_thread(COMPLAINTS, {"type": "message"})
    assert isinstance(outcome, Refused) and outcome.reason == line


def test_an_unknown_tenant_names_teams_tenant_id(teams_settings: Settings, entra: Entra) -> None:
    configured = entra.credentials(
        teams_settings, teams_tenant_id="99999999-9999-9999-9999-999999999999"
    )
    with pytest.raises(TokenRefused, match="TEAMS_TENANT_ID"):
        ClientCredentials(configured).token()
