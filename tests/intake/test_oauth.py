"""XOAUTH2 with renewed access tokens: a local token endpoint (refresh-token grant) issues
short-lived tokens, and a real Dovecot checks each login against them."""

from __future__ import annotations

import io
import logging
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from imap_tools import MailBoxUnencrypted

from bot.intake import oauth
from bot.intake.pipe import EX_OK, EX_TEMPFAIL, poll_command
from bot.service import ComplaintService
from bot.settings import Settings, SettingsError
from bot.texts import intake as text
from tests.intake.conftest import START, with_imap
from tests.intake.messages import complaint_mail
from tests.support.form_endpoint import form_endpoint
from tests.support.ports import free_port

CLIENT_ID = "klachtenbot-test"
CLIENT_SECRET = "client-geheim-" + uuid.uuid4().hex
SCOPE = "https://outlook.office365.com/IMAP.AccessAsUser.All offline_access"
LIFETIME = 3600


class TokenEndpoint:
    """A token endpoint (RFC 6749 section 6) on a free loopback port. Every access token it
    issues goes into `active`, the introspection table Dovecot checks logins against."""

    def __init__(self, active: dict[str, str], user: str) -> None:
        self.active = active
        self.refresh_tokens = {"rt-" + uuid.uuid4().hex: user}
        self.client_secret: str | None = CLIENT_SECRET
        self.rotate = False
        self.requests: list[dict[str, str]] = []
        self.issued: list[str] = []
        self.secrets = [CLIENT_SECRET, *self.refresh_tokens]
        self.url = ""

    @property
    def refresh_token(self) -> str:
        return next(iter(self.refresh_tokens))

    def expire_access_tokens(self) -> None:
        for token in self.issued:
            self.active.pop(token, None)

    def answer(self, form: dict[str, str]) -> tuple[int, dict[str, object]]:
        self.requests.append(form)
        if form.get("grant_type") != "refresh_token":
            return 400, {"error": "unsupported_grant_type"}
        if form.get("client_id") != CLIENT_ID or form.get("client_secret") != self.client_secret:
            return 401, {"error": "invalid_client"}
        user = self.refresh_tokens.get(form.get("refresh_token", ""))
        if user is None:
            return 400, {"error": "invalid_grant", "error_description": "AADSTS70008: expired"}
        token = "at-" + uuid.uuid4().hex
        self.active[token] = user
        self.issued.append(token)
        self.secrets.append(token)
        answer: dict[str, object] = {
            "access_token": token,
            "token_type": "Bearer",
            "expires_in": LIFETIME,
            "scope": form.get("scope", ""),
        }
        if self.rotate:  # the old refresh token stops working, as with strict rotation
            del self.refresh_tokens[form["refresh_token"]]
            rotated = "rt-" + uuid.uuid4().hex
            self.refresh_tokens[rotated] = user
            self.secrets.append(rotated)
            answer["refresh_token"] = rotated
        return 200, answer


@contextmanager
def serve(endpoint: TokenEndpoint) -> Iterator[TokenEndpoint]:
    with form_endpoint(endpoint.answer, "/oauth2/v2.0/token") as url:
        endpoint.url = url
        yield endpoint


@pytest.fixture
def endpoint(oauth_server, account) -> Iterator[TokenEndpoint]:
    with serve(TokenEndpoint(oauth_server[1], account.user)) as started:
        yield started


@pytest.fixture
def oauth_settings(settings, account, endpoint) -> Settings:
    return with_imap(settings, account).model_copy(
        update={
            "imap_auth": "xoauth2",
            "imap_password": None,
            "imap_oauth2_token_url": endpoint.url,
            "imap_oauth2_client_id": CLIENT_ID,
            "imap_oauth2_client_secret": CLIENT_SECRET,
            "imap_oauth2_refresh_token": endpoint.refresh_token,
            "imap_oauth2_scope": SCOPE,
            "send_acknowledgements": False,
        }
    )


@pytest.fixture
def oauth_service(db, oauth_settings, clock) -> ComplaintService:
    return ComplaintService(db, oauth_settings, clock)


@pytest.fixture
def inbox(account) -> Iterator[MailBoxUnencrypted]:
    """The test's own password session on the same account."""
    with MailBoxUnencrypted(account.host, account.port).login(
        account.user, account.password
    ) as box:
        yield box


def poll(settings: Settings, service: ComplaintService) -> tuple[int, str]:
    err = io.StringIO()
    code = poll_command(settings, make_service=lambda _s: service, stderr=err)
    return code, err.getvalue()


def inbox_count(box: MailBoxUnencrypted) -> int:
    box.folder.set("INBOX")
    return len(box.uids("ALL"))


def test_poll_logs_in_with_an_access_token_from_the_refresh_grant(
    oauth_settings, oauth_service, endpoint, inbox
) -> None:
    refresh_token = endpoint.refresh_token
    inbox.append(complaint_mail(), "INBOX")

    code, err = poll(oauth_settings, oauth_service)

    assert (code, err.splitlines()[0]) == (
        EX_OK,
        text.POLL_SUMMARY.format(stored=1, attached=0, ignored=0, duplicates=0, failed=0),
    )
    assert endpoint.requests == [
        {
            "grant_type": "refresh_token",
            "refresh_token": refresh_token,
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
            "scope": SCOPE,
        }
    ]
    assert inbox_count(inbox) == 0


def test_the_token_is_reused_until_shortly_before_it_expires(
    oauth_settings, oauth_service, endpoint, clock
) -> None:
    assert poll(oauth_settings, oauth_service)[0] == EX_OK
    clock.advance(minutes=58)
    assert poll(oauth_settings, oauth_service)[0] == EX_OK
    assert len(endpoint.requests) == 1

    clock.advance(minutes=1, seconds=30)  # within a minute of the expiry
    endpoint.expire_access_tokens()
    code, err = poll(oauth_settings, oauth_service)

    assert (code, len(endpoint.requests)) == (EX_OK, 2), err


def test_a_rotated_refresh_token_is_used_from_then_on(
    oauth_settings, oauth_service, endpoint, clock, caplog
) -> None:
    caplog.set_level(logging.INFO, logger="bot.intake.oauth")
    endpoint.rotate = True
    configured = endpoint.refresh_token
    assert poll(oauth_settings, oauth_service)[0] == EX_OK
    rotated = endpoint.refresh_token

    clock.advance(hours=2)
    endpoint.expire_access_tokens()
    code, err = poll(oauth_settings, oauth_service)

    assert code == EX_OK, err
    assert [form["refresh_token"] for form in endpoint.requests] == [configured, rotated]
    assert configured != rotated
    assert "rotated the refresh token" in caplog.text


def test_an_access_token_revoked_early_is_replaced_on_the_next_poll(
    oauth_settings, oauth_service, endpoint
) -> None:
    assert poll(oauth_settings, oauth_service)[0] == EX_OK
    endpoint.expire_access_tokens()  # revoked by an administrator, well before its expiry

    failed, err = poll(oauth_settings, oauth_service)
    again, _ = poll(oauth_settings, oauth_service)

    assert (failed, again) == (EX_TEMPFAIL, EX_OK)
    assert err.startswith("Mailbox lezen mislukt:")
    assert len(endpoint.requests) == 2


def test_an_expired_refresh_token_gives_a_dutch_line_and_exit_75(
    oauth_settings, oauth_service, endpoint, inbox
) -> None:
    inbox.append(complaint_mail(), "INBOX")
    endpoint.refresh_tokens.clear()  # the mailbox owner withdrew the consent

    code, err = poll(oauth_settings, oauth_service)

    assert code == EX_TEMPFAIL
    assert err == text.POLL_FAILED.format(error=text.OAUTH_INVALID_GRANT) + "\n"
    assert inbox_count(inbox) == 1


def test_an_unreachable_token_endpoint_gives_exit_75(oauth_settings, oauth_service) -> None:
    port = free_port()
    down = oauth_settings.model_copy(
        update={"imap_oauth2_token_url": f"http://127.0.0.1:{port}/token"}
    )

    code, err = poll(down, oauth_service)

    assert code == EX_TEMPFAIL
    assert err.startswith(f"Mailbox lezen mislukt: Tokenserver 127.0.0.1:{port} niet bereikbaar")
    assert err.count("\n") == 1


def test_no_token_or_secret_reaches_the_log_or_the_output(
    oauth_settings, oauth_service, endpoint, clock, caplog
) -> None:
    caplog.set_level(logging.DEBUG)
    endpoint.rotate = True
    outputs = [poll(oauth_settings, oauth_service)[1]]
    clock.advance(hours=1)
    outputs.append(poll(oauth_settings, oauth_service)[1])
    endpoint.client_secret = "een-ander-geheim"  # the secret was replaced at the provider
    clock.advance(hours=1)
    outputs.append(poll(oauth_settings, oauth_service)[1])
    endpoint.client_secret = CLIENT_SECRET
    endpoint.refresh_tokens.clear()
    outputs.append(poll(oauth_settings, oauth_service)[1])

    assert "invalid_client" in outputs[2]
    assert text.OAUTH_INVALID_GRANT in outputs[3]
    assert len(endpoint.issued) == 2
    for secret in endpoint.secrets:
        assert secret not in caplog.text
        assert not any(secret in output for output in outputs)


def test_a_public_client_sends_neither_secret_nor_scope() -> None:
    with serve(TokenEndpoint({}, "u0001")) as endpoint:
        endpoint.client_secret = None
        settings = Settings(
            _env_file=None,
            imap_auth="xoauth2",
            imap_oauth2_token_url=endpoint.url,
            imap_oauth2_client_id=CLIENT_ID,
            imap_oauth2_refresh_token=endpoint.refresh_token,
        )

        token = oauth.access_token(settings, START)

    assert token == endpoint.issued[0]
    assert set(endpoint.requests[0]) == {"grant_type", "refresh_token", "client_id"}


@pytest.mark.parametrize(
    ("updates", "message"),
    [
        ({}, "Instelling IMAP_OAUTH2_TOKEN ontbreekt (of IMAP_OAUTH2_REFRESH_TOKEN"),
        ({"imap_oauth2_refresh_token": "rt"}, "Instelling IMAP_OAUTH2_TOKEN_URL ontbreekt"),
        (
            {"imap_oauth2_refresh_token": "rt", "imap_oauth2_token_url": "https://login.example/t"},
            "Instelling IMAP_OAUTH2_CLIENT_ID ontbreekt",
        ),
        (
            {
                "imap_oauth2_refresh_token": "rt",
                "imap_oauth2_token_url": "http://login.example/t",
                "imap_oauth2_client_id": CLIENT_ID,
            },
            text.OAUTH_URL_NOT_HTTPS,
        ),
    ],
)
def test_incomplete_oauth2_settings_name_what_is_missing(updates, message) -> None:
    settings = Settings(_env_file=None, imap_auth="xoauth2", **updates)

    with pytest.raises(SettingsError) as raised:
        oauth.access_token(settings, START)

    assert str(raised.value).startswith(message)


def test_a_fixed_token_is_used_without_a_refresh_token() -> None:
    settings = Settings(_env_file=None, imap_auth="xoauth2", imap_oauth2_token="vast-token")

    assert oauth.access_token(settings, START) == "vast-token"
