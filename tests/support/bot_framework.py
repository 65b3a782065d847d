"""The identity side of the Bot Framework on loopback, for tests.

- `BotFrameworkKeys` serves an OpenID document (issuer, jwks_uri) and its JWKS, shaped like
  the captured ones in corpus/teams/auth (`kid`, `n`, `e` and `endorsements` per key), and
  signs RS256 tokens as the Bot Connector does (`iss`, `aud`, `serviceurl`, `exp`, `nbf`).
- `entra_token_endpoint` is a Microsoft Entra tenant as msal sees it: its OpenID discovery
  document and a token endpoint for the client-credentials grant, over HTTPS (msal accepts
  nothing else; the client trusts the certificate through REQUESTS_CA_BUNDLE).
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.support.form_endpoint import form_endpoint
from tests.support.ports import serve_on_loopback
from tests.support.tls import self_signed

ISSUER = "https://api.botframework.com"


def _b64(number: int) -> str:
    raw = number.to_bytes((number.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


class BotFrameworkKeys:
    def __init__(self, endorsements: tuple[str, ...] = ("msteams",)) -> None:
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.key_id = "klachtenbot-test-key"
        self.endorsements = list(endorsements)
        self.issuer = ISSUER
        self.fetches = 0
        keys = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                keys.fetches += 1
                documents = {
                    "/v1/.well-known/openidconfiguration": keys.openid_document(),
                    "/v1/.well-known/keys": keys.jwks(),
                }
                document = documents.get(self.path)
                body = json.dumps(document).encode()
                self.send_response(200 if document else 404)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self._server = serve_on_loopback(Handler)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def metadata_url(self) -> str:
        return f"{self.base}/v1/.well-known/openidconfiguration"

    def openid_document(self) -> dict[str, Any]:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": "https://invalid.botframework.com",
            "jwks_uri": f"{self.base}/v1/.well-known/keys",
            "id_token_signing_alg_values_supported": ["RS256"],
            "token_endpoint_auth_methods_supported": ["private_key_jwt"],
        }

    def jwks(self) -> dict[str, Any]:
        numbers = self.key.public_key().public_numbers()
        key = {
            "kty": "RSA",
            "use": "sig",
            "kid": self.key_id,
            "n": _b64(numbers.n),
            "e": _b64(numbers.e),
            "endorsements": self.endorsements,
        }
        return {"keys": [key]}

    def token(
        self,
        app_id: str,
        service_url: str,
        *,
        signed_by: rsa.RSAPrivateKey | None = None,
        lifetime: dt.timedelta = dt.timedelta(minutes=60),
        **claims: Any,
    ) -> str:
        """A Connector->bot token; `claims` override (iss, aud, ...), None leaves one out."""
        now = dt.datetime.now(dt.UTC)
        payload = {
            "iss": self.issuer,
            "aud": app_id,
            "serviceurl": service_url,
            "nbf": now - dt.timedelta(minutes=1),
            "iat": now - dt.timedelta(minutes=1),
            "exp": now + lifetime,
            **claims,
        }
        payload = {name: value for name, value in payload.items() if value is not None}
        key = signed_by or self.key
        return jwt.encode(payload, key, algorithm="RS256", headers={"kid": self.key_id})

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


TokenAnswer = Callable[[dict[str, str]], tuple[int, dict[str, Any]]]


@contextmanager
def entra_token_endpoint(
    folder: Path, tenant: str, answer: TokenAnswer
) -> Iterator[tuple[str, Path]]:
    """(the login URL to put in TEAMS_LOGIN_URL, the CA bundle that trusts it)."""
    ca_bundle, tls = self_signed(folder)
    discovery: dict[str, dict[str, Any]] = {}
    token_path = f"/{tenant}/oauth2/v2.0/token"
    with form_endpoint(answer, token_path, documents=discovery, tls=tls) as url:
        login = url.removesuffix(token_path)
        discovery[f"/{tenant}/v2.0/.well-known/openid-configuration"] = {
            "issuer": f"{login}/{tenant}/v2.0",
            "authorization_endpoint": f"{login}/{tenant}/oauth2/v2.0/authorize",
            "token_endpoint": f"{login}{token_path}",
        }
        yield login, ca_bundle


def client_credentials_answer(
    app_id: str, password: str, token: str
) -> tuple[list[dict[str, str]], TokenAnswer]:
    """A token endpoint that gives `token` for the right client id and secret, and Entra's
    errors otherwise; also the list of requests it received."""
    received: list[dict[str, str]] = []

    def answer(form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        received.append(form)
        if form.get("client_id") != app_id:
            return 400, {"error": "unauthorized_client", "error_codes": [700016]}
        if form.get("client_secret") != password:
            return 401, {"error": "invalid_client", "error_codes": [7000215]}
        return 200, {"token_type": "Bearer", "expires_in": 3599, "access_token": token}

    return received, answer
