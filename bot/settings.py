"""Settings from environment variables (``KESCO_*``) or a ``.env`` file."""

from __future__ import annotations

import re
import secrets
from datetime import date, timedelta
from typing import Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.web.client_address import parse_networks
from locales import languages
from services.budgets import Budget, Budgets
from services.deep_links import DeepLinks
from services.file_links import FileLinks
from services.opening_hours import parse_hours

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(value: str) -> object:
    """``90``, ``90s``, ``30m``, ``24h``, ``3d`` as a timedelta; anything else is left to pydantic
    (ISO 8601 such as ``P1D``)."""
    text = value.strip().lower()
    unit = _UNITS.get(text[-1:], 0) if text else 0
    number = text[:-1] if unit else text
    try:
        return timedelta(seconds=float(number) * (unit or 1))
    except ValueError:
        return value


DEFAULT_PAYMENT_URL = "https://www.kesco-energy.com/pagesa?code={code}&amount={amount}"


class Settings(BaseSettings):
    """Every setting of the public contract. Secrets are ``SecretStr`` so they never print."""

    model_config = SettingsConfigDict(env_prefix="KESCO_", env_file=".env", extra="ignore")

    database_url: str = "sqlite+aiosqlite:///kesco.db"
    backend: Literal["demo", "http"] = "demo"
    backend_url: str | None = None
    backend_token: SecretStr | None = None
    telegram_token: SecretStr | None = None
    telegram_api_url: str = "https://api.telegram.org"
    telegram_webhook_secret: SecretStr = Field(
        default_factory=lambda: SecretStr(secrets.token_urlsafe(32))
    )
    viber_token: SecretStr | None = None
    viber_api_url: str = "https://chatapi.viber.com/pa"
    viber_bot_name: str = "KESCO"
    public_url: str | None = None
    http_host: str = "127.0.0.1"
    http_port: int = 8080
    events_secret: SecretStr | None = None
    admin_token: SecretStr | None = None
    payment_url: str = DEFAULT_PAYMENT_URL
    default_language: str = languages.LANGUAGES[0].code
    telegram_rate: float = Field(default=30.0, gt=0)
    telegram_paid_broadcast: Literal["off", "urgent", "all"] = "off"
    telegram_stars_budget: float | None = Field(default=None, ge=0)
    viber_rate: float = Field(default=20.0, gt=0)
    viber_broadcast: Literal["on", "off"] = "off"
    alert_max_attempts: int = Field(default=8, ge=0)
    alert_urgent_ttl: timedelta = Field(default=timedelta(days=1), gt=timedelta(0))
    alert_routine_ttl: timedelta = Field(default=timedelta(days=3), gt=timedelta(0))
    alert_retry_max: timedelta = Field(default=timedelta(minutes=5), gt=timedelta(0))
    broadcast_confirm_above: int = Field(default=1000, ge=0)
    bill_reminder_days: int = Field(default=3, ge=0, le=28)
    call_centre_hours: str = ""
    link_secret: SecretStr | None = None
    link_valid_days: int = Field(default=62, ge=0, le=3650)
    link_secret_previous: SecretStr | None = None
    link_secret_previous_until: date | None = None
    link_max_chats: int = Field(default=3, ge=1, le=100)
    telegram_bot_username: str | None = None
    viber_chat_uri: str | None = None
    emergency_number: str = "112"
    places_file: str | None = None
    report_burst_count: int = Field(default=5, ge=1)
    report_burst_minutes: int = Field(default=30, ge=1, le=24 * 60)
    outage_overdue_minutes: int = Field(default=120, ge=1)
    rotation_reminder_minutes: int = Field(default=30, ge=1, le=24 * 60)
    trusted_proxies: str = ""
    retention_days: int = Field(default=30, ge=1, le=3650)
    callbacks_per_chat: int = Field(default=3, ge=1)
    callbacks_per_area: int = Field(default=30, ge=1)
    reports_per_chat: int = Field(default=10, ge=1)
    reports_per_area: int = Field(default=500, ge=1)
    proofs_per_chat: int = Field(default=20, ge=1)
    proofs_per_area: int = Field(default=600, ge=1)

    @field_validator("telegram_api_url", "viber_api_url", "public_url", "backend_url")
    @classmethod
    def _strip_trailing_slash(cls, value: str | None) -> str | None:
        return value.rstrip("/") if value else value

    @field_validator("telegram_bot_username")
    @classmethod
    def _bot_username(cls, value: str | None) -> str | None:
        value = (value or "").strip().lstrip("@")
        if value and not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{3,31}", value):
            raise ValueError("KESCO_TELEGRAM_BOT_USERNAME: the bot's username, e.g. KescoBot")
        return value or None

    @field_validator("default_language")
    @classmethod
    def _known_language(cls, value: str) -> str:
        if not languages.is_known(value):
            raise ValueError(f"KESCO_DEFAULT_LANGUAGE must be one of {', '.join(languages.CODES)}")
        return value

    @field_validator("call_centre_hours")
    @classmethod
    def _opening_hours(cls, value: str) -> str:
        parse_hours(value)
        return value.strip()

    @field_validator("emergency_number")
    @classmethod
    def _phone_number(cls, value: str) -> str:
        value = value.strip()
        if not re.fullmatch(r"\+?[0-9][0-9 ]{1,18}", value):
            raise ValueError("KESCO_EMERGENCY_NUMBER must be a phone number such as 112")
        return value

    @field_validator("trusted_proxies")
    @classmethod
    def _proxies(cls, value: str) -> str:
        try:
            parse_networks(value)
        except ValueError as error:
            raise ValueError(f"KESCO_TRUSTED_PROXIES: {error}") from None
        return value.strip()

    @field_validator("alert_urgent_ttl", "alert_routine_ttl", "alert_retry_max", mode="before")
    @classmethod
    def _duration(cls, value: object) -> object:
        return parse_duration(value) if isinstance(value, str) else value

    @field_validator("telegram_stars_budget", mode="before")
    @classmethod
    def _empty_budget(cls, value: object) -> object:
        return None if value == "" else value

    @model_validator(mode="after")
    def _paid_needs_a_budget(self) -> Settings:
        if self.telegram_paid_broadcast != "off" and self.telegram_stars_budget is None:
            raise ValueError(
                "KESCO_TELEGRAM_PAID_BROADCAST needs KESCO_TELEGRAM_STARS_BUDGET (Stars a day)"
            )
        return self

    @model_validator(mode="after")
    def _previous_secret_ends(self) -> Settings:
        if self.link_secret_previous is not None and self.link_secret_previous_until is None:
            raise ValueError(
                "KESCO_LINK_SECRET_PREVIOUS needs KESCO_LINK_SECRET_PREVIOUS_UNTIL (a date): "
                "the last day links signed with the previous secret still work"
            )
        return self

    @field_validator("link_secret_previous_until", mode="before")
    @classmethod
    def _empty_date(cls, value: object) -> object:
        return None if value == "" else value

    @field_validator("payment_url")
    @classmethod
    def _payment_template(cls, value: str) -> str:
        if "{code}" not in value:
            raise ValueError("KESCO_PAYMENT_URL must contain {code}")
        return value

    def budgets(self) -> Budgets:
        """The hourly budgets of call-backs, reports and proofs, from these settings."""
        return Budgets(
            callbacks=Budget(self.callbacks_per_chat, self.callbacks_per_area),
            reports=Budget(self.reports_per_chat, self.reports_per_area),
            proofs=Budget(self.proofs_per_chat, self.proofs_per_area),
        )

    def file_links(self) -> FileLinks:
        """The signed addresses of the files the bot serves (a bill's PDF), from these settings:
        none without ``KESCO_PUBLIC_URL`` and ``KESCO_LINK_SECRET``."""
        secret = self.link_secret.get_secret_value() if self.link_secret else None
        previous = self.link_secret_previous
        return FileLinks(
            public_url=self.public_url,
            secret=secret or None,
            previous_secret=previous.get_secret_value() if previous else None,
            previous_until=self.link_secret_previous_until,
        )

    def deep_links(self) -> DeepLinks:
        """Deep links into the bot and the signed links printed on bills, from these settings."""
        secret = self.link_secret.get_secret_value() if self.link_secret else None
        previous = self.link_secret_previous
        return DeepLinks(
            secret=secret or None,
            previous_secret=previous.get_secret_value() if previous else None,
            previous_until=self.link_secret_previous_until,
            telegram_bot=self.telegram_bot_username,
            viber_chat_uri=self.viber_chat_uri,
            valid_days=self.link_valid_days,
        )
