"""What `klachtenbot teams` checks before it starts, and the line that says what it runs on.

Against the outside world, as far as it answers: the database (migrated), Teams' signing keys
(TEAMS_OPENID_METADATA_URL), the bot's own token (a wrong tenant, app id or secret), and
through the Bot Connector each channel's team roster: the bot must be in the team, the team in
TEAMS_TENANT_ID, and every officer (management) a member of the complaints (management)
channel's team. Every problem is one Dutch line naming the setting (bot.startup).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot.settings import Settings
from bot.startup import Checks, check_database
from bot.teams.auth import KeySet, KeysUnavailable
from bot.teams.connector import (
    BotConnector,
    Member,
    Refused,
    Retry,
    TokenRefused,
    TokenUnavailable,
)
from bot.texts import startup as startup_text
from bot.texts import teams as text
from storage.db import Database

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Roles:
    """Which setting names a channel, and which names the people who must be in its team."""

    channel_setting: str
    channel: str | None
    people_setting: str
    people: list[str]


def check_start(settings: Settings, connector: BotConnector, keys: KeySet | None) -> int:
    """Raise StartRefused listing every problem; else the number of officers found."""
    checks = Checks()
    check_database(settings, checks)
    if keys is not None:
        try:
            keys.fetch()
        except KeysUnavailable as exc:
            checks.out_of_reach(text.OPENID_UNREACHABLE.format(reason=exc))
    if connector.tokens is None or _token(settings, connector, checks):
        for roles in _roles(settings):
            _check_channel(connector, settings, roles, checks)
    checks.refuse_if_any()
    return len(set(settings.teams_officer_ids))


def _token(settings: Settings, connector: BotConnector, checks: Checks) -> bool:
    """Ask for the bot's token once: every Bot Connector answer depends on it."""
    assert connector.tokens is not None
    try:
        connector.tokens.token()
    except TokenRefused as exc:
        checks.problems.append(str(exc))
        return False
    except TokenUnavailable as exc:
        url = settings.teams_login_url
        checks.out_of_reach(text.LOGIN_UNREACHABLE.format(url=url, reason=exc))
        return False
    return True


def _roles(settings: Settings) -> list[Roles]:
    return [
        Roles(
            "TEAMS_COMPLAINTS_CHANNEL",
            settings.teams_complaints_channel,
            "TEAMS_OFFICER_IDS",
            settings.teams_officer_ids,
        ),
        Roles(
            "TEAMS_MANAGEMENT_CHANNEL",
            settings.teams_management_channel,
            "TEAMS_MANAGEMENT_IDS",
            settings.teams_management_ids,
        ),
    ]


def _check_channel(
    connector: BotConnector, settings: Settings, roles: Roles, checks: Checks
) -> None:
    if roles.channel is None:
        return
    roster = connector.members(roles.channel)
    if isinstance(roster, Retry):
        if roster.status is None:
            url = connector.service_url
            checks.out_of_reach(text.CONNECTOR_UNREACHABLE.format(url=url, code=roster.code))
        else:
            checks.out_of_reach(text.CONNECTOR_TROUBLE.format(code=roster.code))
        return
    if isinstance(roster, Refused):
        checks.problems.append(_refusal_line(roles, roster))
        return
    _check_roster(roster, settings, roles, checks)


def _refusal_line(roles: Roles, refused: Refused) -> str:
    where = {"setting": roles.channel_setting, "channel": roles.channel, "code": refused.code}
    if refused.status == 401:
        return text.APP_REFUSED.format(code=refused.code)
    if refused.status == 403:
        return text.BOT_NOT_IN_TEAM.format(**where)
    return text.CHANNEL_UNKNOWN.format(**where)


def _check_roster(roster: list[Member], settings: Settings, roles: Roles, checks: Checks) -> None:
    tenants = {member.tenant_id.lower() for member in roster if member.tenant_id}
    if tenants and settings.teams_tenant_id not in tenants:
        checks.problems.append(
            text.WRONG_TENANT.format(
                tenant=settings.teams_tenant_id,
                setting=roles.channel_setting,
                found=", ".join(sorted(tenants)),
            )
        )
        return
    members = {member.aad_object_id for member in roster}
    for object_id in roles.people:
        if object_id not in members:
            checks.problems.append(
                text.PERSON_NOT_IN_TEAM.format(
                    setting=roles.people_setting,
                    object_id=object_id,
                    channel_setting=roles.channel_setting,
                )
            )


def log_start(settings: Settings, officers: int) -> None:
    """The one INFO line that says what this process runs on, and the warnings that follow."""
    line = text.START_LINE.format(
        port=settings.port,
        database=Database(settings.database_url).safe_url,
        tenant=settings.teams_tenant_id,
        app=settings.teams_app_id or text.UNAUTHENTICATED,
        complaints=settings.teams_complaints_channel,
        management=settings.teams_management_channel or startup_text.NONE,
        officers=officers,
        calendar=settings.workday_calendar,
    )
    log.info(line)
    if settings.send_acknowledgements and not settings.smtp_host:
        log.warning(startup_text.ACKS_WITHOUT_SMTP)
    if officers == 0:
        log.warning(text.NO_OFFICER)
