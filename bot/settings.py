"""All configuration, read from the environment and `.env`: the only module that reads either.

Every name here is documented in `.env.example`. `load_settings()` turns a validation failure
into one line naming the setting (the CLI exits with code 2 on it), never a traceback.
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

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


class SettingsError(Exception):
    """A setting is missing or invalid; `str()` is one line naming it."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    database_url: str = "sqlite:///klachtenbot.sqlite3"

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
    attachment_max_bytes: int = Field(default=10 * 1024 * 1024, ge=0)

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

    # Reports
    on_time_target: float = Field(default=0.9, ge=0, le=1)
    report_employee_names: bool = False

    # Privacy: months after closure (or rejection) before personal data is anonymised
    retention_months: int = Field(default=24, ge=1, le=1200)

    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"

    @field_validator("officer_user_ids", "management_user_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
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
            raise ValueError(f"onbekende tijdzone {value!r}") from exc
        return value

    @field_validator("business_day_end")
    @classmethod
    def _end_after_start(cls, value: dt.time, info) -> dt.time:
        start = info.data.get("business_day_start")
        if start is not None and value <= start:
            raise ValueError("moet later zijn dan BUSINESS_DAY_START")
        return value

    @cached_property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def require(self, *names: str) -> None:
        """Raise SettingsError naming the first of `names` that has no value."""
        for name in names:
            if not getattr(self, name):
                raise SettingsError(f"Instelling {name.upper()} ontbreekt")


def load_settings(**overrides: object) -> Settings:
    """Read the settings; raise SettingsError with one line naming what is wrong."""
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        error = exc.errors()[0]
        name = str(error["loc"][0]).upper() if error["loc"] else "?"
        message = error["msg"].removeprefix("Value error, ")
        raise SettingsError(f"Instelling {name} ongeldig: {message}") from None
