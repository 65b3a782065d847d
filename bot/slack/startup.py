"""What `run` and `web` check before they start, and the one line that says what they run on.

Every problem becomes one Dutch line naming the setting to fix; all of them are collected and
shown together, so a first start does not turn into one attempt per mistake. Slack's `auth.test`
comes first: with a refused bot token every other Slack answer would be misleading.
"""

from __future__ import annotations

import http.client
import logging
from dataclasses import dataclass, field

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.settings import Settings
from bot.slack.actors import officer_ids
from bot.slack.client import web_client
from bot.startup import Checks as BaseChecks
from bot.startup import check_database
from bot.texts import startup as text
from storage.db import Database

log = logging.getLogger(__name__)
QUIET = logging.getLogger("bot.slack.startup.checks")
QUIET.propagate = False
QUIET.addHandler(logging.NullHandler())

REFUSED_TOKEN = {"invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive"}
# What the bot may not work without: every other answer is a problem too, shown with its code.
NETWORK_ERRORS = (OSError, http.client.HTTPException)
# Slack's answers that say nothing about the settings: the same start may work a minute later.
PASSING_ERRORS = {None, "ratelimited", "fatal_error", "internal_error", "service_unavailable"}


@dataclass
class Workspace:
    """What auth.test said about the bot's workspace and user."""

    team: str = ""
    bot_user: str = ""


@dataclass
class Checks(BaseChecks):
    workspace: Workspace = field(default_factory=Workspace)

    def slack_said(self, error: str | None, line: str) -> None:
        """Slack's answer `error` to a check; `line` names the setting it refuses."""
        if error in PASSING_ERRORS:
            self.out_of_reach(text.SLACK_TROUBLE.format(error=error or "?"))
        else:
            self.problems.append(line)


def check_start(settings: Settings, *, socket_mode: bool) -> Workspace:
    """Migrate the database and check Slack; raise StartRefused listing every problem."""
    checks = Checks()
    check_database(settings, checks)
    # A failure becomes one Dutch line below; slack_sdk's own error log would only repeat it.
    client = web_client(settings, logger=QUIET)
    if _check_bot_token(client, settings, checks):
        _check_channel(client, settings, checks)
        _check_management_channel(client, settings, checks)
        if socket_mode:
            _check_app_token(client, settings, checks)
    checks.refuse_if_any()
    _due_again(settings)
    return checks.workspace


def _due_again(settings: Settings) -> None:
    """Slack accepts the token and the channels now: what waits after Slack refused it (the
    token or channel fixed, then a restart) goes out at once instead of after its pause."""
    from bot.procedure.people import Surface
    from bot.slack.delivery import PERMANENT_ERRORS
    from storage.outbox import Outbox

    db = Database(settings.database_url)
    try:
        moved = Outbox(db, "start", Surface.SLACK.value).due_again(PERMANENT_ERRORS)
    finally:
        db.dispose()
    if moved:
        log.info("%d complaint(s) Slack refused before are delivered again now", moved)


def _check_bot_token(client: WebClient, settings: Settings, checks: Checks) -> bool:
    try:
        answer = client.auth_test()
    except SlackApiError as exc:
        error = exc.response.get("error")
        line = text.BOT_TOKEN_REFUSED if error in REFUSED_TOKEN else text.BOT_TOKEN_ERROR
        checks.slack_said(error, line.format(error=error))
        return False
    except NETWORK_ERRORS as exc:
        checks.out_of_reach(text.SLACK_UNREACHABLE.format(url=client.base_url, reason=_why(exc)))
        return False
    if not answer.get("bot_id"):
        checks.problems.append(text.BOT_TOKEN_OF_A_USER)
        return False
    checks.workspace = Workspace(team=answer.get("team", ""), bot_user=answer.get("user", ""))
    return True


def _check_channel(client: WebClient, settings: Settings, checks: Checks) -> None:
    """Personal data goes into the complaints channel: it must be a private channel the bot
    is in (Slack answers channel_not_found for a private channel without the bot)."""
    channel = settings.complaints_channel or ""
    try:
        info = client.conversations_info(channel=channel)
    except SlackApiError as exc:
        error = exc.response.get("error")
        checks.slack_said(error, text.CHANNEL_UNREADABLE.format(channel=channel, error=error))
        return
    if not info["channel"].get("is_private"):
        checks.problems.append(text.CHANNEL_PUBLIC.format(channel=channel))


def _check_management_channel(client: WebClient, settings: Settings, checks: Checks) -> None:
    """Escalations and reports go to the management channel: it must exist and have the bot
    as a member (the bot posts only where it was invited)."""
    channel = settings.management_channel
    if not channel:
        return
    try:
        info = client.conversations_info(channel=channel)
    except SlackApiError as exc:
        error = exc.response.get("error")
        checks.slack_said(
            error, text.MANAGEMENT_CHANNEL_UNREADABLE.format(channel=channel, error=error)
        )
        return
    if not info["channel"].get("is_member"):
        checks.problems.append(text.MANAGEMENT_CHANNEL_NOT_MEMBER.format(channel=channel))


def _check_app_token(client: WebClient, settings: Settings, checks: Checks) -> None:
    """Socket Mode needs an app-level token with connections:write; asking for a connection
    URL proves both (the URL itself is left unused and expires)."""
    try:
        client.apps_connections_open(app_token=settings.slack_app_token or "")
    except SlackApiError as exc:
        error = exc.response.get("error")
        line = {
            "not_allowed_token_type": text.APP_TOKEN_WRONG_TYPE,
            "missing_scope": text.APP_TOKEN_SCOPE,
        }.get(error, text.APP_TOKEN_REFUSED)
        checks.slack_said(error, line.format(error=error))
    except NETWORK_ERRORS as exc:
        checks.out_of_reach(text.SLACK_UNREACHABLE.format(url=client.base_url, reason=_why(exc)))


def log_start(settings: Settings, mode: str, workspace: Workspace, officers: int) -> None:
    """The one INFO line that says what this process runs on, and the warnings that follow."""
    log.info(
        text.START_LINE.format(
            mode=mode,
            database=Database(settings.database_url).safe_url,
            team=workspace.team,
            bot_user=workspace.bot_user,
            complaints=settings.complaints_channel,
            management=settings.management_channel or text.NONE,
            officers=officers,
            calendar=settings.workday_calendar,
        )
    )
    if settings.send_acknowledgements and not settings.smtp_host:
        log.warning(text.ACKS_WITHOUT_SMTP)
    if officers == 0:
        log.warning(text.NO_OFFICER)


def count_officers(client: WebClient, settings: Settings) -> int:
    """Named officers plus the members of the officer user group (when it can be read)."""
    try:
        return len(officer_ids(client, settings))
    except SlackApiError as exc:
        group = settings.officer_usergroup
        log.warning(text.USERGROUP_UNREADABLE.format(group=group, error=exc.response["error"]))
        return len(set(settings.officer_user_ids))


def _why(exc: BaseException) -> str:
    reason = getattr(exc, "reason", None) or exc
    return getattr(reason, "strerror", None) or str(reason) or type(exc).__name__
