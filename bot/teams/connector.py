"""The Bot Connector client: everything klachtenbot sends to Teams goes through here.

It speaks the Bot Framework REST API (v3) with one HTTP client, and never sleeps: each call
returns an outcome the caller acts on.

- `Sent`: done; the conversation and activity ids Teams gave.
- `Retry`: try again later, not before `at_least` (Teams' Retry-After on a 429; zero for 412,
  502, 503, 504 and a connection that failed, where the caller's own backoff decides).
- `Refused`: Teams will not take it (401, 403, 404, 400, 413, ...): the app was removed, the
  id is wrong, or the message itself is refused. `reason` is one Dutch line for the officer;
  retrying changes nothing until a person acts.

Conversation ids go into paths URL-encoded (a channel thread's id holds `;messageid=`). The
client logs only at DEBUG: the caller, who knows what the call was for, logs the outcome.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import logging
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import quote

import httpx

from bot.settings import Settings
from bot.texts import teams as text

log = logging.getLogger(__name__)

TIMEOUT = httpx.Timeout(10.0, connect=5.0)
RETRIED_STATUSES = {412, 502, 503, 504}
# A Retry-After beyond this is read as this: the outbox asks again, it does not give up.
LONGEST_WAIT = dt.timedelta(hours=1)


@dataclass(frozen=True)
class Sent:
    """Teams took it. For a new channel thread, `conversation_id` is the thread's own id
    (`<channel>;messageid=<root>`), where replies go; for a personal chat it is `a:...`."""

    conversation_id: str
    activity_id: str | None = None


@dataclass(frozen=True)
class Retry:
    at_least: dt.timedelta
    code: str
    status: int | None = None  # None: no answer at all (no connection, a time-out)


@dataclass(frozen=True)
class Refused:
    status: int
    code: str
    reason: str


@dataclass(frozen=True)
class Member:
    """A person on a team's roster (or in a conversation), as the Bot Connector names them."""

    user_id: str  # 29:..., the id to open a personal chat with
    aad_object_id: str | None
    tenant_id: str | None
    role: str | None  # userRole: user, guest or anonymous


Outcome = Sent | Retry | Refused


class NotSent(Exception):
    """A Retry or Refused raised where the caller's loop counts a failure by its exception (the
    notification ledger, the report steps, which retry what failed later). `response` names
    the code where that ledger looks for a chat service's error code."""

    def __init__(self, outcome: Retry | Refused) -> None:
        super().__init__(f"Teams: {outcome.code}")
        self.outcome = outcome
        self.response = {"error": outcome.code}
        # What the officers read when the job keeps failing (bot.jobs.runner.readable_error).
        self.reason_for_people = outcome.reason if isinstance(outcome, Refused) else None


def sent(outcome: Outcome) -> Sent:
    """The Sent, or NotSent raised."""
    if not isinstance(outcome, Sent):
        raise NotSent(outcome)
    return outcome


class TokenSource(Protocol):
    """Where the bearer token for the Bot Connector comes from (see bot.teams.auth)."""

    def token(self) -> str: ...


class TokenUnavailable(Exception):
    """No token now (the login service out of reach or in trouble): try again later."""


class TokenRefused(Exception):
    """The login service refuses the app's credentials; `str()` names the setting to fix."""


class BotConnector:
    def __init__(
        self,
        settings: Settings,
        tokens: TokenSource | None,
        *,
        client: httpx.Client | None = None,
    ) -> None:
        """`tokens` None: send without a token (TEAMS_ALLOW_UNAUTHENTICATED, loopback only)."""
        self.service_url = settings.teams_service_url
        self.tenant_id = settings.teams_tenant_id
        self.tokens = tokens
        self.client = client or httpx.Client(timeout=TIMEOUT, follow_redirects=False)

    # sending ---------------------------------------------------------------------------
    def create_thread(
        self, channel_id: str, activity: dict[str, Any], *, service_url: str | None = None
    ) -> Outcome:
        """A new post in a channel; replies to it go to the returned thread id."""
        body = {
            "isGroup": True,
            "channelData": {"channel": {"id": channel_id}},
            "activity": activity,
            "tenantId": self.tenant_id,
        }
        answer = self._call("POST", "/v3/conversations", body, service_url)
        if not isinstance(answer, dict):
            return answer
        root = _text(answer.get("activityId"))
        thread = _text(answer.get("id")) or f"{channel_id};messageid={root}"
        return Sent(thread, root or None)

    def send(
        self, conversation_id: str, activity: dict[str, Any], *, service_url: str | None = None
    ) -> Outcome:
        """A message in a conversation: a channel thread (its `;messageid=` id) or a chat."""
        path = f"/v3/conversations/{_quoted(conversation_id)}/activities"
        answer = self._call("POST", path, activity, service_url)
        if not isinstance(answer, dict):
            return answer
        return Sent(conversation_id, _text(answer.get("id")) or None)

    def update(
        self,
        conversation_id: str,
        activity_id: str,
        activity: dict[str, Any],
        *,
        service_url: str | None = None,
    ) -> Outcome:
        """Replace a message the bot sent (a card updated in place)."""
        path = f"/v3/conversations/{_quoted(conversation_id)}/activities/{_quoted(activity_id)}"
        answer = self._call("PUT", path, {**activity, "id": activity_id}, service_url)
        if not isinstance(answer, dict):
            return answer
        return Sent(conversation_id, activity_id)

    def open_personal_chat(self, user_id: str, *, service_url: str | None = None) -> Outcome:
        """The 1:1 chat between the bot and a member (their 29: id from the roster); Teams
        answers the same `a:` id every time, so asking again is harmless."""
        body = {"isGroup": False, "members": [{"id": user_id}], "tenantId": self.tenant_id}
        answer = self._call("POST", "/v3/conversations", body, service_url)
        if not isinstance(answer, dict):
            return answer
        chat = _text(answer.get("id"))
        if not chat:
            return Refused(201, "NoConversationId", text.NO_CONVERSATION_ID)
        return Sent(chat)

    # reading ---------------------------------------------------------------------------
    def members(
        self, conversation_id: str, *, service_url: str | None = None
    ) -> list[Member] | Retry | Refused:
        """The roster of a team (its id, or any of its channels' ids) or a chat."""
        path = f"/v3/conversations/{_quoted(conversation_id)}/members"
        answer = self._call("GET", path, None, service_url)
        if isinstance(answer, Retry | Refused):
            return answer
        if not isinstance(answer, list):
            return Refused(200, "BadAnswer", text.BAD_ANSWER)
        return [member for item in answer if (member := _member(item)) is not None]

    def member(
        self, conversation_id: str, member_id: str, *, service_url: str | None = None
    ) -> Member | Retry | Refused:
        """One member by their 29: id or Entra object id; Refused (404) when not a member."""
        path = f"/v3/conversations/{_quoted(conversation_id)}/members/{_quoted(member_id)}"
        answer = self._call("GET", path, None, service_url)
        if isinstance(answer, Retry | Refused):
            return answer
        member = _member(answer)
        return member if member is not None else Refused(200, "BadAnswer", text.BAD_ANSWER)

    # transport -------------------------------------------------------------------------
    def _call(
        self, method: str, path: str, body: dict[str, Any] | None, service_url: str | None
    ) -> Any:
        """The answer's JSON (None when it has none), or a Retry or Refused."""
        url = (service_url or self.service_url).rstrip("/") + path
        try:
            headers = self._headers()
        except TokenUnavailable as exc:
            return Retry(dt.timedelta(0), f"token: {exc}")
        except TokenRefused as exc:
            return Refused(401, "TokenRefused", str(exc))
        try:
            response = self.client.request(method, url, json=body, headers=headers)
        except httpx.TransportError as exc:
            log.debug("Bot Connector %s %s: %s", method, _where(path), type(exc).__name__)
            return Retry(dt.timedelta(0), type(exc).__name__)
        if response.is_success:
            return _json(response)
        return _failure(method, path, response)

    def _headers(self) -> dict[str, str]:
        if self.tokens is None:
            return {}
        return {"Authorization": f"Bearer {self.tokens.token()}"}

    def close(self) -> None:
        self.client.close()


def _failure(method: str, path: str, response: httpx.Response) -> Retry | Refused:
    status = response.status_code
    code = _error_code(response) or f"http_{status}"
    log.debug("Bot Connector %s %s answered %s %s", method, _where(path), status, code)
    if status == 429:
        return Retry(retry_after(response.headers.get("Retry-After")), code, status)
    if status in RETRIED_STATUSES:
        return Retry(dt.timedelta(0), code, status)
    return Refused(status, code, refusal_reason(status, code))


def refusal_reason(status: int, code: str) -> str:
    """The Dutch line the officer reads when Teams refuses a message for good."""
    reason = text.REFUSALS.get(code) or text.REFUSALS_BY_STATUS.get(status) or text.REFUSED_OTHER
    return reason.format(status=status, code=code)


def retry_after(value: str | None) -> dt.timedelta:
    """Retry-After in seconds or as an HTTP date; nothing usable reads as zero."""
    if not value:
        return dt.timedelta(0)
    value = value.strip()
    if value.isdigit():
        wait = dt.timedelta(seconds=int(value[:6]))
    else:
        try:
            moment = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return dt.timedelta(0)
        if moment.tzinfo is None:
            return dt.timedelta(0)
        wait = moment - dt.datetime.now(dt.UTC)
    return min(max(wait, dt.timedelta(0)), LONGEST_WAIT)


def _error_code(response: httpx.Response) -> str | None:
    """`{"error": {"code": ...}}`, the Bot Connector's error envelope."""
    answer = _json(response)
    error = answer.get("error") if isinstance(answer, dict) else None
    code = error.get("code") if isinstance(error, dict) else None
    return code[:80] if isinstance(code, str) and code.isprintable() else None


def _json(response: httpx.Response) -> Any:
    try:
        return response.json() if response.content else {}
    except ValueError:
        return None


def _member(item: Any) -> Member | None:
    if not isinstance(item, dict) or not isinstance(item.get("id"), str):
        return None
    # Members answers name the Entra object id objectId, activities aadObjectId.
    object_id = item.get("aadObjectId") or item.get("objectId")
    return Member(
        user_id=item["id"],
        aad_object_id=object_id.lower() if isinstance(object_id, str) else None,
        tenant_id=_text(item.get("tenantId")) or None,
        role=_text(item.get("userRole")) or None,
    )


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _quoted(conversation_id: str) -> str:
    return quote(conversation_id, safe="")


def _where(path: str) -> str:
    """The path without ids, for a log line (which conversation is nobody's business there)."""
    parts = path.split("/")
    return "/".join("…" if index in (3, 5) else part for index, part in enumerate(parts))
