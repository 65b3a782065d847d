"""Sign requests exactly as Slack does (v0 HMAC-SHA256 over "v0:{timestamp}:{raw body}")."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import urllib.parse
from typing import Any


def signature(secret: str, timestamp: str, body: bytes) -> str:
    base = b"v0:" + timestamp.encode() + b":" + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def signed_headers(
    secret: str, body: bytes, content_type: str, timestamp: int | None = None
) -> dict[str, str]:
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    return {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": signature(secret, stamp, body),
    }


FORM = "application/x-www-form-urlencoded"
JSON = "application/json"


def interactive_body(payload: dict[str, Any]) -> bytes:
    """Interactivity and shortcuts: one form field `payload` holding compact JSON (as Slack)."""
    return ("payload=" + urllib.parse.quote(json.dumps(payload, separators=(",", ":")))).encode()


def command_body(fields: dict[str, str]) -> bytes:
    """Slash commands: plain form fields."""
    return urllib.parse.urlencode(fields).encode()


def event_body(payload: dict[str, Any]) -> bytes:
    """Events API: raw JSON."""
    return json.dumps(payload).encode()
