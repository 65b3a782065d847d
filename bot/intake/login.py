"""`klachtenbot mail-login`: the mailbox owner's consent, once, with the OAuth2 device-code flow.

The command shows a code and an address; the mailbox owner opens the address on any device,
enters the code and consents. The refresh token that follows is stored in the database, where
`poll` finds it (and saves the rotated ones). Microsoft 365 goes through msal, Microsoft's own
library; any other provider through the generic flow of RFC 8628.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO
from urllib.parse import urlsplit

from bot.intake import oauth
from bot.readable import typed
from bot.settings import Settings
from bot.texts import intake as text
from storage.tokens import TokenStore

MICROSOFT_HOST = "login.microsoftonline.com"
MICROSOFT_SCOPE = "https://outlook.office365.com/IMAP.AccessAsUser.All offline_access"
# msal adds these itself and refuses them in the list it is given.
MSAL_RESERVED = {"offline_access", "openid", "profile"}
DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"
SLOW_DOWN_SECONDS = 5


class LoginFailed(Exception):
    """No refresh token; `str()` is the one Dutch line saying why and what to do."""


@dataclass(frozen=True)
class Prompt:
    """What the mailbox owner must do: open `url`, enter `code`, within `expires_in` seconds."""

    url: str
    code: str
    expires_in: int


def default_provider(settings: Settings) -> str:
    host = urlsplit(str(settings.imap_oauth2_token_url or "")).hostname
    return "microsoft" if host == MICROSOFT_HOST else "generic"


def mail_login(
    settings: Settings,
    provider: str,
    tokens: TokenStore,
    out: TextIO,
    now: Callable[[], dt.datetime],
) -> None:
    """Run the device-code flow for the mailbox of `settings` and store the refresh token.
    Raises SettingsError (bot.settings) for missing settings, LoginFailed otherwise."""
    settings.require("imap_oauth2_token_url", "imap_oauth2_client_id")
    oauth.require_https(str(settings.imap_oauth2_token_url))

    def show(prompt: Prompt) -> None:
        print(text.LOGIN_PROMPT.format(**vars(prompt), minutes=prompt.expires_in // 60), file=out)
        out.flush()

    if provider == "microsoft":
        refresh_token = _microsoft(settings, show)
    else:
        refresh_token = _generic(settings, show)
    tokens.save(str(settings.imap_oauth2_client_id), refresh_token, now())


def _microsoft(settings: Settings, show: Callable[[Prompt], None]) -> str:
    import msal

    # urllib3 warns of each retry in English; the failure itself is said once, in Dutch.
    logging.getLogger("urllib3.connectionpool").setLevel(logging.ERROR)

    token_url = str(settings.imap_oauth2_token_url)
    authority = token_url.split("/oauth2/")[0]
    scope = settings.imap_oauth2_scope or MICROSOFT_SCOPE
    scopes = [part for part in scope.split() if part not in MSAL_RESERVED]
    try:
        app = msal.PublicClientApplication(
            str(settings.imap_oauth2_client_id), authority=authority, instance_discovery=False
        )
        flow = app.initiate_device_flow(scopes=scopes)
        if "user_code" not in flow:
            raise LoginFailed(text.LOGIN_REFUSED.format(error=oauth.error_code(flow)))
        show(Prompt(flow["verification_uri"], flow["user_code"], int(flow["expires_in"])))
        result = app.acquire_token_by_device_flow(flow)
    except OSError as exc:  # requests: no connection (a name not found, refused, timed out)
        raise LoginFailed(oauth.unreachable(token_url, exc)) from None
    except ValueError as exc:  # msal: the host answered, but not for this tenant (authority)
        raise LoginFailed(
            text.LOGIN_NO_AUTHORITY.format(host=oauth.host(token_url), error=type(exc).__name__)
        ) from None
    return _refresh_token(result)


def _generic(settings: Settings, show: Callable[[Prompt], None]) -> str:
    """RFC 8628: ask the device authorization endpoint for a code, then poll the token
    endpoint at the interval it names until the owner has consented, refused, or let it expire."""
    settings.require("imap_oauth2_device_url", "imap_oauth2_scope")
    device_url = str(settings.imap_oauth2_device_url)
    oauth.require_https(device_url)
    client = {"client_id": str(settings.imap_oauth2_client_id)}
    if settings.imap_oauth2_client_secret:  # Google asks it of "TV and limited input" clients
        client["client_secret"] = settings.imap_oauth2_client_secret
    status, answer = oauth.post_form(
        device_url, {**client, "scope": str(settings.imap_oauth2_scope)}
    )
    if status >= 400 or not isinstance(answer.get("device_code"), str):
        raise LoginFailed(text.LOGIN_REFUSED.format(error=oauth.error_code(answer)))
    # Google names it verification_url; RFC 8628 verification_uri.
    url = str(answer.get("verification_uri") or answer.get("verification_url") or "")
    expires_in = int(str(answer.get("expires_in") or 600))
    show(Prompt(url, str(answer.get("user_code")), expires_in))
    interval = int(str(answer.get("interval") or 5))
    deadline = time.monotonic() + expires_in
    form = {**client, "grant_type": DEVICE_GRANT, "device_code": str(answer["device_code"])}
    while time.monotonic() < deadline:
        time.sleep(interval)
        status, result = oauth.post_form(str(settings.imap_oauth2_token_url), form)
        error = result.get("error") if status >= 400 else None
        if error == "authorization_pending":
            continue
        if error == "slow_down":
            interval += SLOW_DOWN_SECONDS
            continue
        return _refresh_token(result)
    raise LoginFailed(text.LOGIN_EXPIRED.format(command=typed("klachtenbot mail-login")))


def _refresh_token(result: dict[str, object] | None) -> str:
    result = result or {}
    error = result.get("error")
    if error == "expired_token":
        raise LoginFailed(text.LOGIN_EXPIRED.format(command=typed("klachtenbot mail-login")))
    if error in ("access_denied", "authorization_declined"):
        raise LoginFailed(text.LOGIN_DENIED)
    if error:
        raise LoginFailed(text.LOGIN_REFUSED.format(error=oauth.error_code(result)))
    token = result.get("refresh_token")
    if not isinstance(token, str) or not token:
        raise LoginFailed(text.LOGIN_NO_REFRESH_TOKEN)
    return token
