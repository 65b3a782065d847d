"""`klachtenbot mail-login` as the IT person runs it, against a local token endpoint: the
device-code flow stores the refresh token in the database, and `poll` processes use it and save
the rotated ones, so a restart keeps working."""

from __future__ import annotations

import socket
import urllib.error
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from imap_tools import MailBoxUnencrypted

from bot.intake import oauth
from bot.intake.login import DEVICE_GRANT
from storage.db import Database
from storage.tokens import TokenStore
from tests.intake.messages import complaint_mail
from tests.intake.test_oauth import CLIENT_ID, CLIENT_SECRET, TokenEndpoint
from tests.support.command import clean_environment, klachtenbot
from tests.support.form_endpoint import form_endpoint
from tests.support.ports import free_port
from tests.support.tls import self_signed

IMAP_SCOPE = "https://mail.example/imap offline_access"
USER_CODE = "WDJB-MJHT"


class DeviceEndpoint(TokenEndpoint):
    """The token endpoint plus RFC 8628: a device authorization answer, then `pending` polls
    answered with authorization_pending before the owner 'consents' (or `outcome` instead)."""

    def __init__(self, active: dict[str, str], user: str, pending: int = 1) -> None:
        super().__init__(active, user)
        self.pending = pending
        self.outcome: str | None = None  # e.g. "access_denied"
        self.device_code = "dc-" + uuid.uuid4().hex
        self.login_refresh_token = ""
        self.user = user

    def answer(self, form: dict[str, str]) -> tuple[int, dict[str, object]]:
        if "grant_type" not in form:  # the device authorization request
            self.requests.append(form)
            return 200, {
                "device_code": self.device_code,
                "user_code": USER_CODE,
                "verification_uri": "https://login.example/device",
                "expires_in": 900,
                "interval": 1,
                "message": "English text that the command does not show",
            }
        if form["grant_type"] != DEVICE_GRANT:
            return super().answer(form)
        self.requests.append(form)
        if form.get("device_code") != self.device_code:
            return 400, {"error": "invalid_grant"}
        if self.pending:
            self.pending -= 1
            return 400, {"error": "authorization_pending"}
        if self.outcome:
            return 400, {"error": self.outcome}
        self.login_refresh_token = "rt-" + uuid.uuid4().hex
        self.refresh_tokens = {self.login_refresh_token: self.user}
        access = "at-" + uuid.uuid4().hex
        self.active[access] = self.user
        return 200, {
            "access_token": access,
            "token_type": "Bearer",
            "expires_in": 3600,
            "refresh_token": self.login_refresh_token,
        }


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    db = Database(f"sqlite:///{tmp_path / 'klachtenbot.sqlite3'}")
    db.upgrade()
    yield db
    db.dispose()


@pytest.fixture
def device(oauth_server, account) -> Iterator[DeviceEndpoint]:
    endpoint = DeviceEndpoint(oauth_server[1], account.user)
    with form_endpoint(endpoint.answer, "/oauth2/token") as url:
        endpoint.url = url
        yield endpoint


def login_env(database: Database, device: DeviceEndpoint, **extra: str) -> dict[str, str]:
    return clean_environment(
        DATABASE_URL=database.url,
        IMAP_OAUTH2_TOKEN_URL=device.url,
        IMAP_OAUTH2_DEVICE_URL=device.url.replace("/oauth2/token", "/oauth2/device"),
        IMAP_OAUTH2_CLIENT_ID=CLIENT_ID,
        IMAP_OAUTH2_CLIENT_SECRET=CLIENT_SECRET,
        IMAP_OAUTH2_SCOPE=IMAP_SCOPE,
        **extra,
    )


def test_mail_login_stores_the_refresh_token_and_restarts_keep_working(
    database,
    device,
    account,
    tmp_path,
) -> None:
    env = login_env(database, device)
    result = klachtenbot("mail-login", cwd=tmp_path, env=env)

    assert result.returncode == 0, result.stderr
    prompt, stored = result.stdout.splitlines()
    assert "https://login.example/device" in prompt and USER_CODE in prompt
    assert "15 minuten" in prompt
    assert stored.startswith("Aangemeld: het vernieuwingstoken staat in de database sqlite:///")
    assert device.requests[0] == {
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "scope": IMAP_SCOPE,
    }
    assert [form.get("error") for form in device.requests[1:]] == [None, None]  # pending, then ok
    first = device.login_refresh_token
    assert TokenStore(database).load(CLIENT_ID) == first
    assert first not in result.stdout + result.stderr

    # Two poll processes, as after a restart, with strict rotation at the provider.
    device.rotate = True
    with MailBoxUnencrypted(account.host, account.port).login(
        account.user, account.password
    ) as box:
        box.append(complaint_mail(), "INBOX")
    poll_env = {
        **env,
        "IMAP_HOST": account.host,
        "IMAP_PORT": str(account.port),
        "IMAP_SSL": "false",
        "IMAP_USER": account.user,
        "IMAP_AUTH": "xoauth2",
        "SEND_ACKNOWLEDGEMENTS": "false",
    }
    polls = [klachtenbot("poll", "--once", cwd=tmp_path, env=poll_env) for _ in range(2)]

    assert [p.returncode for p in polls] == [0, 0], [p.stderr for p in polls]
    assert "Mailbox gelezen: 1 nieuwe klacht(en)" in polls[0].stderr
    refreshes = [
        f["refresh_token"] for f in device.requests if f.get("grant_type") == "refresh_token"
    ]
    assert refreshes[0] == first
    assert refreshes[1] != first  # the second process used the token the first one saved
    assert TokenStore(database).load(CLIENT_ID) == device.refresh_token


@pytest.mark.parametrize(
    ("outcome", "line"),
    [
        ("access_denied", "De eigenaar van de mailbox heeft geen toestemming gegeven"),
        ("expired_token", "De code is verlopen voordat er toestemming kwam"),
    ],
)
def test_a_refused_or_expired_login_stores_nothing(
    database, device, tmp_path, outcome: str, line: str
) -> None:
    device.outcome = outcome
    result = klachtenbot("mail-login", cwd=tmp_path, env=login_env(database, device))
    assert result.returncode == 1
    assert result.stderr.startswith(line) and result.stderr.count("\n") == 1
    assert TokenStore(database).load(CLIENT_ID) is None


def test_mail_login_without_the_device_url_names_it(database, device, tmp_path) -> None:
    env = login_env(database, device)
    del env["IMAP_OAUTH2_DEVICE_URL"]
    result = klachtenbot("mail-login", cwd=tmp_path, env=env)
    assert result.returncode == 2
    assert result.stderr == "Instelling IMAP_OAUTH2_DEVICE_URL ontbreekt\n"


def test_microsoft_365_through_msal(database, tmp_path) -> None:
    """msal insists on HTTPS and reads the tenant's OpenID configuration first."""
    ca_bundle, tls = self_signed(tmp_path)
    device = DeviceEndpoint({}, "klachten@example.nl")
    tenant = "/0a1b2c3d-tenant"
    discovery: dict[str, dict[str, object]] = {}
    token_path = f"{tenant}/oauth2/v2.0/token"
    with form_endpoint(device.answer, token_path, documents=discovery, tls=tls) as url:
        base = url.removesuffix(token_path) + tenant
        discovery[f"{tenant}/v2.0/.well-known/openid-configuration"] = {
            "issuer": f"{base}/v2.0",
            "authorization_endpoint": f"{base}/oauth2/v2.0/authorize",
            "token_endpoint": f"{base}/oauth2/v2.0/token",
            "device_authorization_endpoint": f"{base}/oauth2/v2.0/devicecode",
        }
        env = clean_environment(
            DATABASE_URL=database.url,
            IMAP_OAUTH2_TOKEN_URL=url,
            IMAP_OAUTH2_CLIENT_ID=CLIENT_ID,
            REQUESTS_CA_BUNDLE=str(ca_bundle),
        )
        result = klachtenbot("mail-login", "--provider", "microsoft", cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert USER_CODE in result.stdout
    assert TokenStore(database).load(CLIENT_ID) == device.login_refresh_token


UNRESOLVABLE = "https://login.example.invalid"  # .invalid never resolves (RFC 6761)


@pytest.mark.parametrize(
    ("provider", "token_path"),
    [("microsoft", "/0a1b2c3d-tenant/oauth2/v2.0/token"), ("generic", "/oauth2/token")],
)
def test_a_name_that_does_not_resolve_is_called_a_dns_problem(
    database, tmp_path, provider: str, token_path: str
) -> None:
    env = clean_environment(
        DATABASE_URL=database.url,
        IMAP_OAUTH2_TOKEN_URL=UNRESOLVABLE + token_path,
        IMAP_OAUTH2_DEVICE_URL=UNRESOLVABLE + "/oauth2/device",
        IMAP_OAUTH2_CLIENT_ID=CLIENT_ID,
        IMAP_OAUTH2_SCOPE=IMAP_SCOPE,
    )

    result = klachtenbot("mail-login", "--provider", provider, cwd=tmp_path, env=env)

    assert result.returncode == 1
    assert result.stderr == (
        "De naam login.example.invalid is niet op te zoeken (DNS): controleer de "
        "netwerkverbinding en DNS van deze server, en of de hostnaam in "
        "IMAP_OAUTH2_TOKEN_URL goed gespeld is.\n"
    )
    assert TokenStore(database).load(CLIENT_ID) is None


def test_microsofts_own_host_not_resolving_is_no_setting_to_fix() -> None:
    try:
        socket.getaddrinfo("login.example.invalid", 443)
    except socket.gaierror as exc:  # a real resolver failure, as urllib wraps it
        failure = urllib.error.URLError(exc)

    line = oauth.unreachable("https://login.microsoftonline.com/t/oauth2/v2.0/token", failure)

    assert "(DNS)" in line and "IMAP_OAUTH2_TOKEN_URL" not in line


def test_a_refused_connection_is_a_network_problem_not_dns() -> None:
    port = free_port()  # nothing listens there

    with pytest.raises(oauth.TokenError) as refused:
        oauth.post_form(f"http://127.0.0.1:{port}/token", {"grant_type": "refresh_token"})

    assert str(refused.value) == (
        f"Tokenserver 127.0.0.1:{port} niet bereikbaar (Connection refused): controleer de "
        "netwerkverbinding (en een proxy of firewall) van deze server; later opnieuw proberen."
    )
