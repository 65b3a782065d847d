"""Both directions of Bot Framework authentication.

Inbound (`InboundAuth`): every request Teams sends carries a JWT. It must be signed (RS256) by
a key from the `jwks_uri` of the OpenID document at TEAMS_OPENID_METADATA_URL, that key must be
endorsed for the activity's channel (`msteams`), its issuer must be the document's, its
audience this app (TEAMS_APP_ID, also as `api://...`), it must not have expired (5 minutes of
clock skew allowed), and its `serviceurl` claim must name the activity's serviceUrl. The Teams
SDK's own validator does the same with pyjwt, but derives the key address from the metadata
address instead of reading the document, and skips the endorsements.

Outbound (`ClientCredentials`): the bot's bearer token for the Bot Connector, asked of
Microsoft Entra with the app's client credentials at its own tenant (single tenant), through
msal, which keeps it until shortly before it expires.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from typing import Any

import httpx
import jwt

from bot.settings import Settings
from bot.teams.connector import BotConnector, TokenRefused, TokenUnavailable
from bot.texts import teams as text

log = logging.getLogger(__name__)

BOT_SCOPE = "https://api.botframework.com/.default"
LEEWAY_SECONDS = 300
KEYS_REFRESH_SECONDS = 24 * 3600
# A token naming a key we do not know makes us fetch the keys again, but not more often.
UNKNOWN_KEY_COOLDOWN_SECONDS = 60
FETCH_TIMEOUT = httpx.Timeout(10.0, connect=5.0)


class Unauthorized(Exception):
    """The request does not come from Teams for this app; `status` is the HTTP answer."""

    def __init__(self, reason: str, status: int = 401) -> None:
        super().__init__(reason)
        self.status = status


class KeysUnavailable(Exception):
    """The OpenID document or its keys cannot be fetched or read."""


@dataclass(frozen=True)
class SigningKey:
    key: Any
    endorsements: frozenset[str]


class KeySet:
    """The issuer and signing keys the OpenID document names, fetched on first use, again a day
    later, and again (at most once a minute) when a token names a key not among them."""

    def __init__(self, metadata_url: str, client: httpx.Client | None = None) -> None:
        self.metadata_url = metadata_url
        self.client = client or httpx.Client(timeout=FETCH_TIMEOUT, follow_redirects=False)
        self.issuer = ""
        self._keys: dict[str, SigningKey] = {}
        self._fetched_at = float("-inf")
        self._lock = threading.Lock()

    def key(self, key_id: str) -> tuple[str, SigningKey | None]:
        """(issuer, the key with this id or None)."""
        with self._lock:
            age = time.monotonic() - self._fetched_at
            stale = age > KEYS_REFRESH_SECONDS
            unknown = key_id not in self._keys and age > UNKNOWN_KEY_COOLDOWN_SECONDS
            if stale or unknown:
                self._fetch()
            return self.issuer, self._keys.get(key_id)

    def fetch(self) -> None:
        with self._lock:
            self._fetch()

    def _fetch(self) -> None:
        metadata = self._get(self.metadata_url)
        issuer, jwks_uri = metadata.get("issuer"), metadata.get("jwks_uri")
        if not isinstance(issuer, str) or not isinstance(jwks_uri, str):
            raise KeysUnavailable(text.OPENID_WITHOUT_KEYS)
        keys: dict[str, SigningKey] = {}
        for item in self._get(jwks_uri).get("keys") or []:
            try:
                key = jwt.PyJWK.from_dict(item, algorithm="RS256")
            except (jwt.PyJWKError, jwt.InvalidKeyError, TypeError, ValueError):
                continue  # a key of a kind we do not verify with
            endorsements = item.get("endorsements") or []
            if key.key_id and isinstance(endorsements, list):
                keys[key.key_id] = SigningKey(key.key, frozenset(map(str, endorsements)))
        self.issuer, self._keys = issuer, keys
        self._fetched_at = time.monotonic()

    def _get(self, url: str) -> dict[str, Any]:
        try:
            response = self.client.get(url)
            response.raise_for_status()
            document = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise KeysUnavailable(f"{url}: {type(exc).__name__}") from None
        if not isinstance(document, dict):
            raise KeysUnavailable(f"{url}: {text.NOT_A_DOCUMENT}")
        return document


class InboundAuth:
    def __init__(self, app_id: str, keys: KeySet) -> None:
        self.audiences = [app_id, f"api://{app_id}", f"api://botid-{app_id}"]
        self.keys = keys

    def check(self, authorization: str | None, activity: dict[str, Any] | None) -> dict[str, Any]:
        """The token's claims; Unauthorized when it is missing or not valid for `activity`
        (None: a body that is no activity, for which only the token itself is checked)."""
        scheme, _, token = (authorization or "").partition(" ")
        if scheme != "Bearer" or not token:
            raise Unauthorized("no bearer token")
        try:
            header = jwt.get_unverified_header(token)
        except jwt.InvalidTokenError as exc:
            raise Unauthorized(f"unreadable token: {exc}") from None
        if header.get("alg") != "RS256":
            raise Unauthorized("not RS256")
        try:
            issuer, key = self.keys.key(str(header.get("kid")))
        except KeysUnavailable as exc:
            raise Unauthorized(f"keys unavailable: {exc}") from None
        if key is None:
            raise Unauthorized("unknown signing key")
        try:
            claims = jwt.decode(
                token,
                key.key,
                algorithms=["RS256"],
                audience=self.audiences,
                issuer=issuer,
                leeway=LEEWAY_SECONDS,
                options={"require": ["exp", "iss", "aud"]},
            )
        except jwt.InvalidTokenError as exc:
            raise Unauthorized(f"{type(exc).__name__}") from None
        if activity is None:
            return claims
        if str(activity.get("channelId")) not in key.endorsements:
            raise Unauthorized("key not endorsed for this channel", status=403)
        if _normal(claims.get("serviceurl")) != _normal(activity.get("serviceUrl")):
            raise Unauthorized("serviceurl claim does not name the activity's serviceUrl")
        return claims


def _normal(url: object) -> str | None:
    return url.rstrip("/") if isinstance(url, str) and url else None


class ClientCredentials:
    """The bot's token for the Bot Connector (see the module docstring)."""

    def __init__(self, settings: Settings) -> None:
        settings.require("teams_app_id", "teams_app_password", "teams_tenant_id")
        self.app_id = str(settings.teams_app_id)
        self.password = str(settings.teams_app_password)
        self.authority = f"{settings.teams_login_url.rstrip('/')}/{settings.teams_tenant_id}"
        self._app: Any = None
        self._lock = threading.Lock()

    def token(self) -> str:
        try:
            with self._lock:
                result = self._application().acquire_token_for_client(scopes=[BOT_SCOPE])
        except OSError as exc:  # requests: no connection
            raise TokenUnavailable(type(exc).__name__) from None
        if "access_token" in result:
            return str(result["access_token"])
        raise _token_problem(result)

    def _application(self) -> Any:
        import msal

        if self._app is None:
            try:
                self._app = msal.ConfidentialClientApplication(
                    self.app_id,
                    client_credential=self.password,
                    authority=self.authority,
                    instance_discovery=False,
                )
            except ValueError:  # msal: the tenant's OpenID configuration was refused
                raise TokenRefused(text.TENANT_UNKNOWN) from None
            except OSError as exc:  # requests: no connection
                raise TokenUnavailable(type(exc).__name__) from None
        return self._app


# Entra's AADSTS error numbers, by the setting that fixes them.
TENANT_ERRORS = {90002, 900023}
APP_ERRORS = {700016, 900021}
PASSWORD_ERRORS = {7000215, 7000222}


def _token_problem(result: dict[str, Any]) -> Exception:
    codes = set(result.get("error_codes") or [])
    error = str(result.get("error") or "")
    if codes & TENANT_ERRORS:
        return TokenRefused(text.TENANT_UNKNOWN)
    if codes & APP_ERRORS or error == "unauthorized_client":
        return TokenRefused(text.APP_UNKNOWN)
    if codes & PASSWORD_ERRORS or error == "invalid_client":
        return TokenRefused(text.PASSWORD_REFUSED)
    if error in ("", "temporarily_unavailable", "server_error"):
        return TokenUnavailable(error or "no answer")
    return TokenRefused(text.TOKEN_REFUSED.format(error=error[:80]))


def connector_for(settings: Settings) -> BotConnector:
    """The Bot Connector client with the app's own token (none in unauthenticated test mode)."""
    if settings.teams_allow_unauthenticated:
        return BotConnector(settings, None)
    return BotConnector(settings, ClientCredentials(settings))
