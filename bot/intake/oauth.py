"""Access tokens for the XOAUTH2 mailbox login, renewed with the OAuth2 refresh-token grant.

Microsoft 365 and Google access tokens expire after about an hour, so a poller that runs for
days asks the provider's token endpoint for a new one (RFC 6749 section 6) shortly before the
one it holds expires. The refresh token comes from the database when `klachtenbot mail-login`
stored one there (else from IMAP_OAUTH2_REFRESH_TOKEN), and one the provider rotates is saved
there at once, so a restart keeps working. Access tokens live in this process's memory only; no
token or client secret ever reaches a log line or an error message.
"""

from __future__ import annotations

import datetime as dt
import http.client
import json
import logging
import re
import socket
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from imap_tools.errors import ImapToolsError

from bot.settings import Settings, SettingsError
from bot.texts import intake as text
from storage.tokens import TokenStore

log = logging.getLogger(__name__)

TOKEN_TIMEOUT = 30.0
# Renew this long before the provider's expiry, so that a login never carries a token that
# expires on the way.
RENEW_MARGIN = dt.timedelta(seconds=60)
# expires_in is only RECOMMENDED (RFC 6749 section 5.1); a token the server refuses earlier is
# forgotten and renewed on the next login anyway.
DEFAULT_LIFETIME = 3600
LOOPBACK = {"127.0.0.1", "::1", "localhost"}
ERROR_CODE = re.compile(r"[A-Za-z0-9_.-]{1,64}")
KNOWN_HOSTS = frozenset({"login.microsoftonline.com", "oauth2.googleapis.com"})


class TokenError(ImapToolsError):
    """No access token (refused, unreachable, unusable answer); `str()` is one Dutch line.
    A mailbox error, so the poller reports it and tries again like any other."""


@dataclass
class _Grant:
    refresh_token: str
    access_token: str = ""
    valid_until: dt.datetime | None = None  # None: no usable access token


_grants: dict[tuple[str, str, str], _Grant] = {}
_lock = threading.Lock()


def access_token(settings: Settings, now: dt.datetime, tokens: TokenStore | None = None) -> str:
    """The token for the XOAUTH2 login: one from the refresh-token grant when a refresh token is
    stored in `tokens` or set in IMAP_OAUTH2_REFRESH_TOKEN (cached until shortly before it
    expires), else the fixed IMAP_OAUTH2_TOKEN. Raises SettingsError for missing settings,
    TokenError otherwise."""
    stored = _stored(settings, tokens)
    if not (stored or settings.imap_oauth2_refresh_token):
        if not settings.imap_oauth2_token:
            raise SettingsError(text.OAUTH_SETTINGS_MISSING)
        return settings.imap_oauth2_token
    settings.require("imap_oauth2_token_url", "imap_oauth2_client_id")
    require_https(str(settings.imap_oauth2_token_url))
    with _lock:
        refresh = stored or str(settings.imap_oauth2_refresh_token)
        grant = _grants.setdefault(_key(settings), _Grant(refresh))
        if grant.valid_until is None or now >= grant.valid_until:
            # Another process may have rotated the token since: the stored one is the newest.
            grant.refresh_token = stored or grant.refresh_token
            _renew(grant, settings, now, tokens)
        return grant.access_token


def _stored(settings: Settings, tokens: TokenStore | None) -> str | None:
    if tokens is None or not settings.imap_oauth2_client_id:
        return None
    return tokens.load(settings.imap_oauth2_client_id)


def forget_access_token(settings: Settings) -> None:
    """The server refused the cached token (revoked before its expiry): the next login
    fetches a new one instead of failing until the expiry."""
    with _lock:
        grant = _grants.get(_key(settings))
        if grant is not None:
            grant.valid_until = None


def _key(settings: Settings) -> tuple[str, str, str]:
    return (
        str(settings.imap_oauth2_token_url),
        str(settings.imap_oauth2_client_id),
        str(settings.imap_oauth2_refresh_token),
    )


def require_https(url: str) -> None:
    """The refresh token and client secret go there: plain HTTP only on this machine."""
    parts = urlsplit(url)
    if parts.scheme != "https" and not (parts.scheme == "http" and parts.hostname in LOOPBACK):
        raise SettingsError(text.OAUTH_URL_NOT_HTTPS)


def _renew(grant: _Grant, settings: Settings, now: dt.datetime, tokens: TokenStore | None) -> None:
    url = str(settings.imap_oauth2_token_url)
    answer = _post(url, _form(settings, grant.refresh_token))
    token = answer.get("access_token")
    if not isinstance(token, str) or not token:
        raise TokenError(text.OAUTH_BAD_ANSWER.format(host=host(url)))
    lifetime = _lifetime(answer.get("expires_in"))
    grant.access_token = token
    grant.valid_until = now + max(dt.timedelta(seconds=lifetime) - RENEW_MARGIN, dt.timedelta())
    log.info("oauth2: new access token for the mailbox, valid for %d s", lifetime)
    rotated = answer.get("refresh_token")
    if isinstance(rotated, str) and rotated and rotated != grant.refresh_token:
        grant.refresh_token = rotated
        if tokens is not None:
            tokens.save(str(settings.imap_oauth2_client_id), rotated, now)
        log.info("oauth2: the provider rotated the refresh token; saved for the next start")


def _form(settings: Settings, refresh_token: str) -> dict[str, str]:
    fields = {
        "grant_type": "refresh_token",
        "refresh_token": refresh_token,
        "client_id": str(settings.imap_oauth2_client_id),
    }
    if settings.imap_oauth2_client_secret:
        fields["client_secret"] = settings.imap_oauth2_client_secret
    if settings.imap_oauth2_scope:
        fields["scope"] = settings.imap_oauth2_scope
    return fields


def _post(url: str, fields: dict[str, str]) -> dict[str, object]:
    status, answer = post_form(url, fields)
    if status >= 400:
        raise TokenError(_refusal(status, answer))
    return answer


def post_form(url: str, fields: dict[str, str]) -> tuple[int, dict[str, object]]:
    """POST a form to an OAuth2 endpoint; the HTTP status and the JSON answer (also for an
    error status, whose answer carries the error code). TokenError when there is no answer."""
    request = urllib.request.Request(
        url,
        data=urlencode(fields).encode(),
        headers={"Accept": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=TOKEN_TIMEOUT) as response:
            return response.status, _json(response.read(), url)
    except urllib.error.HTTPError as exc:
        try:
            answer = json.loads(exc.read())
        except (ValueError, OSError):
            answer = None
        return exc.code, answer if isinstance(answer, dict) else {"error": exc.reason}
    except (OSError, http.client.HTTPException) as exc:
        raise TokenError(unreachable(url, exc)) from None


def unreachable(url: str, exc: BaseException) -> str:
    """The Dutch line for a token endpoint out of reach. A name that does not resolve is the
    network's or DNS's problem first (and for a provider's own host, only theirs): the setting
    is named only where the host in it may be mistyped."""
    if _name_not_resolved(exc):
        if host(url) in KNOWN_HOSTS:
            return text.OAUTH_DNS.format(host=host(url))
        return text.OAUTH_DNS_OR_URL.format(host=host(url))
    reason = getattr(exc, "reason", exc)
    error = getattr(reason, "strerror", None) or type(reason).__name__
    return text.OAUTH_UNREACHABLE.format(host=host(url), error=error)


def _name_not_resolved(exc: BaseException) -> bool:
    """Whether a DNS lookup failed somewhere in the chain of causes (urllib and requests wrap
    socket.gaierror in their own errors)."""
    seen: set[int] = set()
    pending: list[BaseException] = [exc]
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, socket.gaierror):
            return True
        linked = [current.__cause__, current.__context__, getattr(current, "reason", None)]
        linked += [arg for arg in current.args if isinstance(arg, BaseException)]
        pending += [item for item in linked if isinstance(item, BaseException)]
    return False


def _json(body: bytes, url: str) -> dict[str, object]:
    try:
        answer = json.loads(body)
    except ValueError:
        answer = None
    if not isinstance(answer, dict):
        raise TokenError(text.OAUTH_BAD_ANSWER.format(host=host(url)))
    return answer


def _refusal(status: int, answer: dict[str, object]) -> str:
    """The Dutch line for an error response (RFC 6749 section 5.2): only the error code is
    shown, never the description, which is free text from the provider."""
    code = error_code(answer)
    if code == "invalid_grant":
        return text.OAUTH_INVALID_GRANT
    return text.OAUTH_REFUSED.format(status=status, error=code)


def error_code(answer: dict[str, object]) -> str:
    """The answer's error code when it looks like one (it is shown to a person), else '?'."""
    code = answer.get("error")
    return code if isinstance(code, str) and ERROR_CODE.fullmatch(code) else "?"


def _lifetime(expires_in: object) -> int:
    try:
        return max(int(str(expires_in)), 0)
    except ValueError:
        return DEFAULT_LIFETIME


def host(url: str) -> str:
    """Host and port only: a URL may carry credentials."""
    parts = urlsplit(url)
    return f"{parts.hostname}:{parts.port}" if parts.port else str(parts.hostname)
