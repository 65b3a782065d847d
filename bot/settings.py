"""All configuration, read from the environment and `.env`: the only module that reads either.

Every name here is documented in `.env.example`. `load_settings()` turns validation failures
into one Dutch line per setting (the CLI exits with code 2 on them), never a traceback.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import re
from functools import cached_property
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.sanitize import one_line
from bot.texts import letters as letters_text
from bot.texts import settings as text

CommaList = Annotated[list[str], NoDecode]
DateList = Annotated[list[dt.date], NoDecode]

# Days that a royal decree equates with public holidays under the Algemene termijnenwet.
ATW_BRIDGE_DAYS_DEFAULT = [
    dt.date(2026, 1, 2),
    dt.date(2026, 5, 15),
    dt.date(2027, 5, 7),
    dt.date(2028, 4, 28),
    dt.date(2028, 5, 26),
]


ENV_FILE_VARIABLE = "KLACHTENBOT_ENV_FILE"
USER_ID = re.compile(r"[UW][A-Z0-9]{2,}")
CHANNEL_ID = re.compile(r"[CG][A-Z0-9]{2,}")
USERGROUP_ID = re.compile(r"S[A-Z0-9]{2,}")
URL_SCHEME = re.compile(r"[a-z][a-z0-9+]*://")
# Microsoft Entra ids (app, tenant, a person's object id) are GUIDs.
GUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# A Teams channel's conversation id; `@thread.skype` is the older form of `@thread.tacv2`.
TEAMS_CHANNEL_ID = re.compile(r"19:[^\s;/?#]+@thread\.(?:tacv2|skype)")
# Heroku-style and bare PostgreSQL URLs mean the one driver installed: psycopg 3.
POSTGRES_SCHEMES = ("postgres://", "postgresql://")
# The databases the install brings a driver for (SQLite is built in, PostgreSQL via psycopg).
SUPPORTED_SCHEMES = ("sqlite://", "sqlite+pysqlite://", "postgresql+psycopg://")
SECRET_FIELDS = {
    "slack_bot_token",
    "slack_app_token",
    "slack_signing_secret",
    "teams_app_password",
}


class SettingsError(Exception):
    """Settings are missing or invalid; `str()` has one line per problem, each naming the
    setting and what to do."""

    def __init__(self, lines: list[str] | str) -> None:
        self.lines = [lines] if isinstance(lines, str) else list(lines)
        super().__init__("\n".join(self.lines))


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    database_url: str = "sqlite:///klachtenbot.sqlite3"
    # Where a relative SQLite path (the default database included) lives: see load_settings.
    data_dir: str | None = None
    chat_platform: Literal["slack", "teams"] = "slack"

    # Slack
    slack_bot_token: str | None = None
    slack_signing_secret: str | None = None
    slack_app_token: str | None = None
    slack_api_url: str = "https://slack.com/api/"
    complaints_channel: str | None = None
    management_channel: str | None = None
    officer_user_ids: CommaList = Field(default_factory=list)
    management_user_ids: CommaList = Field(default_factory=list)
    officer_usergroup: str | None = None
    management_usergroup: str | None = None
    port: int = Field(default=3000, ge=1, le=65535)
    # The address `web` and `teams` listen on: 127.0.0.1 behind a TLS proxy on this machine.
    web_bind: str = "0.0.0.0"

    # Microsoft Teams (CHAT_PLATFORM=teams): a single-tenant Entra app and its Azure Bot
    teams_app_id: str | None = None
    teams_app_password: str | None = None
    teams_tenant_id: str | None = None
    teams_complaints_channel: str | None = None
    teams_management_channel: str | None = None
    teams_officer_ids: CommaList = Field(default_factory=list)
    teams_management_ids: CommaList = Field(default_factory=list)
    teams_service_url: str = "https://smba.trafficmanager.net/teams/"
    teams_openid_metadata_url: str = (
        "https://login.botframework.com/v1/.well-known/openidconfiguration"
    )
    teams_login_url: str = "https://login.microsoftonline.com"
    teams_allow_unauthenticated: bool = False
    # The address the `teams` process is reached at over HTTPS (the Azure Bot's messaging
    # endpoint without /api/messages): a report's charts and PDF are served there.
    teams_public_url: str | None = None
    teams_report_link_days: int = Field(default=90, ge=1, le=366)

    # E-mail intake (IMAP) and acknowledgements (SMTP)
    imap_host: str | None = None
    imap_port: int = Field(default=993, ge=1, le=65535)
    imap_ssl: bool = True
    imap_starttls: bool = False
    imap_user: str | None = None
    imap_password: str | None = None
    imap_auth: Literal["password", "xoauth2"] = "password"
    imap_oauth2_token: str | None = None
    imap_oauth2_token_url: str | None = None
    imap_oauth2_client_id: str | None = None
    imap_oauth2_client_secret: str | None = None
    imap_oauth2_refresh_token: str | None = None
    imap_oauth2_scope: str | None = None
    imap_oauth2_device_url: str | None = None
    imap_folder: str = "INBOX"
    imap_processed_folder: str = "Verwerkt"
    imap_ignored_folder: str = "Genegeerd"
    smtp_host: str | None = None
    smtp_port: int = Field(default=587, ge=1, le=65535)
    smtp_starttls: bool = True
    smtp_ssl: bool = False
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_from: str = "klachten@example.nl"
    send_acknowledgements: bool = True
    acknowledgements_per_sender_per_day: int = Field(default=3, ge=0)
    acknowledgements_per_domain_per_day: int = Field(default=20, ge=0)
    attachment_max_bytes: int = Field(default=10 * 1024 * 1024, ge=0)
    message_max_bytes: int = Field(default=25 * 1024 * 1024, ge=1024)

    # Working days and deadlines
    timezone: str = "Europe/Amsterdam"
    workday_calendar: Literal["office", "atw"] = "office"
    closing_days: DateList = Field(default_factory=list)
    atw_bridge_days: DateList = Field(default_factory=lambda: list(ATW_BRIDGE_DAYS_DEFAULT))
    business_day_start: dt.time = dt.time(9, 0)
    business_day_end: dt.time = dt.time(17, 0)
    contact_deadline_days: int = Field(default=2, ge=1, le=30)
    discussion_reminder_days: int = Field(default=2, ge=1)
    discussion_escalation_days: int = Field(default=5, ge=1)
    open_digest_days: int = Field(default=10, ge=1)
    escalate_by_dm: bool = False

    # Decision deadlines per route (docs/complainant.md) and the wait for the complainant's
    # answer to the decision letter
    decision_target_workdays: int = Field(default=10, ge=1, le=250)
    cao_decision_days: int = Field(default=21, ge=1, le=366)
    cao_suitable_work_days: int = Field(default=14, ge=1, le=366)
    applicant_decision_days: int = Field(default=30, ge=1, le=366)
    privacy_decision_days: int = Field(default=30, ge=1, le=366)
    acceptance_wait_days: int = Field(default=10, ge=1, le=250)

    # Where a complainant who does not accept the decision can go, per route: a paragraph of
    # the decision letter
    recourse_service: str = Field(default=letters_text.RECOURSE_SERVICE, max_length=1000)
    recourse_cao_dispute: str = Field(default=letters_text.RECOURSE_CAO_DISPUTE, max_length=1000)
    recourse_cao_suitable_work: str = Field(
        default=letters_text.RECOURSE_CAO_SUITABLE_WORK, max_length=1000
    )
    recourse_applicant: str = Field(default=letters_text.RECOURSE_APPLICANT, max_length=1000)
    recourse_discrimination: str = Field(
        default=letters_text.RECOURSE_DISCRIMINATION, max_length=1000
    )
    recourse_privacy: str = Field(default=letters_text.RECOURSE_PRIVACY, max_length=1000)

    # The agency, named on every report and in every mail to a complainant
    organisation_name: str = Field(default="", max_length=200)

    # Reports
    on_time_target: float = Field(default=0.9, ge=0, le=1)
    # The norm for time to closing: closed within this many working days of receipt.
    close_target_workdays: int = Field(default=10, ge=1, le=250)
    report_employee_names: bool = False

    # Privacy: months after closure (or rejection) before personal data is anonymised
    retention_months: int = Field(default=24, ge=1, le=1200)

    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_case(cls, value: object) -> object:
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("organisation_name")
    @classmethod
    def _one_line(cls, value: str) -> str:
        # It goes into mail we write and onto report pages: one plain line, nothing hidden.
        return one_line(value)

    @field_validator(
        "recourse_service",
        "recourse_cao_dispute",
        "recourse_cao_suitable_work",
        "recourse_applicant",
        "recourse_discrimination",
        "recourse_privacy",
    )
    @classmethod
    def _recourse_text(cls, value: str) -> str:
        # A paragraph of every decision letter of its route: it must say something.
        value = one_line(value)
        if not value:
            raise ValueError(text.RECOURSE_EMPTY)
        return value

    @field_validator("database_url")
    @classmethod
    def _database_url(cls, value: str) -> str:
        value = value.strip()
        if not URL_SCHEME.match(value):
            raise ValueError(text.BAD_DATABASE_URL.format(value=value))
        for scheme in POSTGRES_SCHEMES:
            if value.startswith(scheme):
                return "postgresql+psycopg://" + value.removeprefix(scheme)
        if not value.startswith(SUPPORTED_SCHEMES):
            scheme = value.partition("://")[0]
            raise ValueError(text.UNSUPPORTED_DATABASE.format(scheme=scheme))
        return value

    @field_validator("slack_bot_token")
    @classmethod
    def _bot_token(cls, value: str | None) -> str | None:
        if value and value.startswith("xoxp-"):
            raise ValueError(text.USER_TOKEN)
        if value and not value.startswith("xoxb-"):
            raise ValueError(text.NOT_A_BOT_TOKEN)
        return value or None

    @field_validator("slack_app_token")
    @classmethod
    def _app_token(cls, value: str | None) -> str | None:
        if value and not value.startswith("xapp-"):
            raise ValueError(text.NOT_AN_APP_TOKEN)
        return value or None

    @field_validator("complaints_channel", "management_channel")
    @classmethod
    def _channel_id(cls, value: str | None) -> str | None:
        value = (value or "").strip()
        if value.startswith("#"):
            raise ValueError(text.CHANNEL_NAME.format(value=value))
        if value and not CHANNEL_ID.fullmatch(value):
            raise ValueError(text.BAD_CHANNEL_ID.format(value=value))
        return value or None

    @field_validator("officer_usergroup", "management_usergroup")
    @classmethod
    def _usergroup_id(cls, value: str | None) -> str | None:
        value = (value or "").strip()
        if value and not USERGROUP_ID.fullmatch(value):
            raise ValueError(text.BAD_USERGROUP_ID.format(value=value))
        return value or None

    @field_validator("officer_user_ids", "management_user_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator("officer_user_ids", "management_user_ids")
    @classmethod
    def _user_ids(cls, value: list[str]) -> list[str]:
        for user_id in value:
            if not USER_ID.fullmatch(user_id):
                raise ValueError(text.BAD_USER_ID.format(value=user_id))
        return value

    @field_validator("teams_app_id", "teams_tenant_id")
    @classmethod
    def _entra_id(cls, value: str | None) -> str | None:
        value = (value or "").strip().lower()
        if value and not GUID.fullmatch(value):
            raise ValueError(text.BAD_GUID.format(value=value))
        return value or None

    @field_validator("teams_officer_ids", "teams_management_ids", mode="before")
    @classmethod
    def _split_object_ids(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip().lower() for part in value.split(",") if part.strip()]
        return value

    @field_validator("teams_officer_ids", "teams_management_ids")
    @classmethod
    def _object_ids(cls, value: list[str]) -> list[str]:
        for object_id in value:
            if not GUID.fullmatch(object_id):
                raise ValueError(text.BAD_OBJECT_ID.format(value=object_id))
        return value

    @field_validator("teams_complaints_channel", "teams_management_channel")
    @classmethod
    def _teams_channel(cls, value: str | None) -> str | None:
        value = (value or "").strip()
        if value and not TEAMS_CHANNEL_ID.fullmatch(value):
            raise ValueError(teams_channel_problem(value))
        return value or None

    @field_validator("web_bind")
    @classmethod
    def _bind_address(cls, value: str) -> str:
        value = value.strip()
        try:
            ipaddress.ip_address(value.strip("[]"))
        except ValueError:
            raise ValueError(text.BAD_BIND.format(value=value[:80])) from None
        return value

    @field_validator("teams_service_url", "teams_openid_metadata_url", "teams_login_url")
    @classmethod
    def _teams_url(cls, value: str) -> str:
        value = value.strip()
        parts = urlsplit(value)
        if parts.scheme not in ("https", "http") or not parts.hostname:
            raise ValueError(text.BAD_URL.format(value=value))
        if parts.scheme == "http" and not is_loopback(value):
            raise ValueError(text.PLAIN_HTTP.format(value=value))
        return value

    @field_validator("teams_public_url")
    @classmethod
    def _teams_public_url(cls, value: str | None) -> str | None:
        value = (value or "").strip().rstrip("/")
        return cls._teams_url(value) if value else None

    @field_validator("teams_allow_unauthenticated")
    @classmethod
    def _only_on_loopback(cls, value: bool, info) -> bool:
        service_url = info.data.get("teams_service_url")
        if value and service_url is not None and not is_loopback(service_url):
            raise ValueError(text.UNAUTHENTICATED_NOT_LOOPBACK.format(url=service_url))
        return value

    @field_validator("closing_days", "atw_bridge_days", mode="before")
    @classmethod
    def _split_dates(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(text.UNKNOWN_TIMEZONE.format(value=value)) from exc
        return value

    @field_validator("business_day_end")
    @classmethod
    def _end_after_start(cls, value: dt.time, info) -> dt.time:
        start = info.data.get("business_day_start")
        if start is not None and value <= start:
            raise ValueError(text.END_BEFORE_START)
        return value

    @cached_property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def platform_management_channel(self) -> str | None:
        """Management's channel on the chat platform in use (CHAT_PLATFORM): where escalations
        and alerts go."""
        if self.chat_platform == "teams":
            return self.teams_management_channel
        return self.management_channel

    @property
    def platform_officer_ids(self) -> list[str]:
        """The officers' ids on the chat platform in use (Slack user ids or Entra object ids)."""
        return self.teams_officer_ids if self.chat_platform == "teams" else self.officer_user_ids

    @property
    def platform_management_ids(self) -> list[str]:
        """Management's ids on the chat platform in use (Slack user ids or Entra object ids)."""
        if self.chat_platform == "teams":
            return self.teams_management_ids
        return self.management_user_ids

    @property
    def outbox(self) -> tuple[str, ...]:
        """The surfaces whose outbox follows every saved complaint: the chat platform in use."""
        return (self.chat_platform,)

    def require(self, *names: str) -> None:
        """Raise SettingsError naming every one of `names` that has no value."""
        missing = [name for name in names if not getattr(self, name)]
        if missing:
            raise SettingsError([text.MISSING.format(name=name.upper()) for name in missing])


def is_loopback(url: str) -> bool:
    """Whether `url` points at this machine (where unsigned traffic never leaves it)."""
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def teams_channel_problem(value: str) -> str:
    """What is wrong with a value given as a Teams channel id, with where to find the right one."""
    if ";messageid=" in value:
        return text.TEAMS_THREAD_ID.format(value=value)
    if "@thread.v2" in value:
        return text.TEAMS_GROUP_CHAT_ID.format(value=value)
    if value.startswith("a:"):
        return text.TEAMS_PERSONAL_CHAT_ID.format(value=value)
    if value.startswith(("http://", "https://")):
        return text.TEAMS_CHANNEL_LINK.format(value=value[:80])
    return text.BAD_TEAMS_CHANNEL_ID.format(value=value[:80])


# The Slack settings: a command that does not talk to Slack runs despite a bad one.
SLACK_FIELDS = frozenset(
    {
        "slack_bot_token",
        "slack_signing_secret",
        "slack_app_token",
        "slack_api_url",
        "complaints_channel",
        "management_channel",
        "officer_user_ids",
        "management_user_ids",
        "officer_usergroup",
        "management_usergroup",
    }
)


def load_settings(
    env_file: str | None = None, *, lenient: frozenset[str] = frozenset(), **overrides: object
) -> Settings:
    """Read the settings from the environment, `.env` in the working directory and the file
    named by `env_file` or $KLACHTENBOT_ENV_FILE (which wins over `.env`); raise SettingsError
    listing every problem at once, one line each."""
    named = env_file or os.environ.get(ENV_FILE_VARIABLE)
    for path in (".env", named) if named else (".env",):
        _check_readable(path, named=path == named)
    env_files = (".env", named) if named else ".env"
    try:
        settings = Settings(_env_file=env_files, **overrides)
    except ValidationError as exc:
        bad = {str(error["loc"][0]) for error in exc.errors() if error["loc"]}
        if not bad or not bad <= lenient:
            raise SettingsError([_line(error) for error in exc.errors()]) from None
        # Only settings this command does not use are wrong: their defaults stand in.
        defaults = {
            name: Settings.model_fields[name].get_default(call_default_factory=True) for name in bad
        }
        settings = Settings(_env_file=env_files, **{**overrides, **defaults})
    folder = data_folder(settings, named)
    settings.data_dir = folder
    settings.database_url = absolute_sqlite(settings.database_url, folder)
    return settings


def data_folder(settings: Settings, named: str | None) -> str:
    """DATA_DIR, else the folder of the named settings file, else the working directory: so
    every command started with the same settings file finds the same database, wherever it
    runs (a mail server's pipe runs in a folder of its own)."""
    if settings.data_dir:
        return os.path.abspath(os.path.expanduser(settings.data_dir))
    return os.path.dirname(os.path.abspath(named)) if named else os.getcwd()


def absolute_sqlite(url: str, folder: str) -> str:
    """A SQLite URL with a relative path made absolute against `folder`; others unchanged."""
    for prefix in ("sqlite:///", "sqlite+pysqlite:///"):
        if url.startswith(prefix):
            path = url.removeprefix(prefix)
            if not path or path.startswith(("/", ":memory:", "file:")) or path[0] == "?":
                return url
            return prefix + os.path.join(folder, path)
    return url


def _check_readable(path: str, *, named: bool) -> None:
    """A settings file that exists must be readable by this user (a forgotten `chgrp` makes a
    service fail for ever, and a mail server bounce the complaint): one line naming the file,
    its permissions and the user; a named file must exist."""
    absolute = os.path.abspath(path)
    try:
        with open(path, "rb"):
            return
    except FileNotFoundError:
        if named:
            raise SettingsError(text.ENV_FILE_MISSING.format(path=absolute)) from None
        return
    except IsADirectoryError:
        raise SettingsError(text.ENV_FILE_MISSING.format(path=absolute)) from None
    except PermissionError:
        raise SettingsError(_unreadable(absolute)) from None


def _unreadable(path: str) -> str:
    import grp
    import pwd
    import stat

    user = _name(pwd.getpwuid, os.geteuid())
    try:
        info = os.stat(path)
    except OSError:  # a folder on the way may not be entered
        return text.ENV_FILE_FOLDER_UNREADABLE.format(path=path, user=user)
    return text.ENV_FILE_UNREADABLE.format(
        path=path,
        user=user,
        mode=stat.filemode(info.st_mode),
        owner=_name(pwd.getpwuid, info.st_uid),
        group=_name(grp.getgrgid, info.st_gid),
    )


def _name(lookup: Any, number: int) -> str:
    try:
        return lookup(number)[0]
    except KeyError:
        return str(number)


def _line(error: Any) -> str:
    field = str(error["loc"][0]) if error["loc"] else "?"
    kind = error["type"]
    if kind == "value_error":
        reason = str(error["ctx"]["error"])
    elif kind in text.ERRORS and field not in SECRET_FIELDS:
        context = dict(error.get("ctx") or {})
        if "expected" in context:
            context["expected"] = str(context["expected"]).replace(" or ", " of ")
        reason = text.ERRORS[kind].format(value=error["input"], **context)
    else:
        reason = text.ERROR_OTHER.format(kind=kind)
    return text.INVALID.format(name=field.upper(), reason=reason)
