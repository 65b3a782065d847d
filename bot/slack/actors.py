"""Who is acting: the Slack user from a request, with their role from the settings.

Roles come from OFFICER_USER_IDS / MANAGEMENT_USER_IDS and, when set, the members of
OFFICER_USERGROUP / MANAGEMENT_USERGROUP (usergroups.users.list, cached for a few minutes).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.procedure import Actor
from bot.procedure.roles import role_of
from bot.settings import Settings
from bot.slack.profiles import Profiles

log = logging.getLogger(__name__)

GROUP_TTL_SECONDS = 300.0


def user_of(body: dict[str, Any]) -> tuple[str, str]:
    """(user id, display name) of the person behind an interaction, command or event."""
    user = body.get("user")
    if isinstance(user, dict):
        return user["id"], user.get("name") or user.get("username") or ""
    if "user_id" in body:
        return body["user_id"], body.get("user_name", "")
    event = body.get("event", {})
    return event.get("user", ""), ""


def officer_ids(client: WebClient, settings: Settings) -> list[str]:
    """OFFICER_USER_IDS, then the members of OFFICER_USERGROUP (when set), each once, read
    now (the start line counts them, the report steps write to each). Raises SlackApiError
    when the group cannot be read."""
    return _named_and_members(client, settings.officer_user_ids, settings.officer_usergroup)


def officers_to_tell(client: WebClient | None, settings: Settings) -> list[str]:
    """Whom a notice for the officers goes to (the weekly digest, a failing job or delivery):
    the named officers and the members of the officer group."""
    return _to_tell(client, settings.officer_user_ids, settings.officer_usergroup)


def management_to_tell(client: WebClient | None, settings: Settings) -> list[str]:
    """Whom an escalation by direct message goes to: named management and the group's members."""
    return _to_tell(client, settings.management_user_ids, settings.management_usergroup)


def _to_tell(client: WebClient | None, named: list[str], group: str | None) -> list[str]:
    """A notice must still reach someone: without Slack, or when the group cannot be read
    (logged), it goes to the named people only."""
    if client is None or not group:
        return list(dict.fromkeys(named))
    try:
        return _named_and_members(client, named, group)
    except (SlackApiError, OSError) as exc:
        log.warning(
            "usergroup %s unreadable (%s); telling the %d named people", group, exc, len(named)
        )
        return list(dict.fromkeys(named))


def _named_and_members(client: WebClient, named: list[str], group: str | None) -> list[str]:
    members: list[str] = []
    if group:
        members = client.usergroups_users_list(usergroup=group).get("users") or []
    return list(dict.fromkeys([*named, *members]))


class Actors:
    def __init__(
        self,
        settings: Settings,
        client: WebClient,
        profiles: Profiles,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings
        self.client = client
        self.profiles = profiles
        self.monotonic = monotonic
        self._groups: dict[str, tuple[float, frozenset[str]]] = {}
        self._lock = threading.Lock()

    def of(self, body: dict[str, Any]) -> Actor:
        """The person behind a request, named by their Slack profile name (the handle while
        Slack cannot say), as every event they cause records them."""
        user_id, handle = user_of(body)
        return self.actor(user_id, self.profiles.name(user_id, handle) if user_id else handle)

    def viewer(self, body: dict[str, Any]) -> Actor:
        """The person behind a request that only reads (lists, searches, Home): their role,
        without asking Slack for their name before the acknowledgement."""
        user_id, handle = user_of(body)
        return self.actor(user_id, handle)

    def actor(self, user_id: str, name: str = "") -> Actor:
        officers = set(self.settings.officer_user_ids) | self._members(
            self.settings.officer_usergroup
        )
        management = set(self.settings.management_user_ids) | self._members(
            self.settings.management_usergroup
        )
        role = role_of(user_id, officer_ids=officers, management_ids=management)
        return Actor(user_id=user_id, role=role, name=name)

    def _members(self, group: str | None) -> frozenset[str]:
        if not group:
            return frozenset()
        with self._lock:
            cached = self._groups.get(group)
            if cached and self.monotonic() - cached[0] < GROUP_TTL_SECONDS:
                return cached[1]
            members = self._fetch(group, cached[1] if cached else frozenset())
            self._groups[group] = (self.monotonic(), members)
            return members

    def _fetch(self, group: str, previous: frozenset[str]) -> frozenset[str]:
        try:
            response = self.client.usergroups_users_list(usergroup=group)
        except SlackApiError as exc:
            log.warning(
                "usergroup %s unreadable (%s); keeping %d known members",
                group,
                exc.response.get("error"),
                len(previous),
            )
            return previous
        return frozenset(response.get("users", []))
