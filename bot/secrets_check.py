"""The secrets ``kesco-bot run`` refuses to start with: too short to resist guessing offline
(under :data:`MIN_SECRET_BYTES` bytes) or a placeholder copied from an example.

A short ``KESCO_LINK_SECRET`` gives itself away from one printed bill link in seconds, and
with it every customer's bill; a short ``KESCO_EVENTS_SECRET`` lets anyone forge the account
backend's events. The embedded demo (the demo backend with no messenger token: nobody but the
person at the console can reach it) is exempt. Messages name the setting, never its value.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import SecretStr

from bot.settings import Settings

MIN_SECRET_BYTES = 32
HOW_TO_MAKE = 'python -c "import secrets; print(secrets.token_urlsafe(32))"'
PLACEHOLDERS = frozenset(
    {
        "...",
        "change-me",
        "changeme",
        "secret",
        "demo",
        "demo-secret",
        "example",
        "test",
        "password",
        "xxx",
    }
)


@dataclass(frozen=True)
class WeakSecret:
    """One setting that may not be used as it is, and why."""

    setting: str
    reason: str

    def __str__(self) -> str:
        return f"{self.setting} {self.reason}"


class WeakSecrets(RuntimeError):
    """``kesco-bot run`` stops: the settings it names hold weak secrets."""

    def __init__(self, weak: list[WeakSecret]) -> None:
        lines = [f"- {item}" for item in weak]
        super().__init__(
            "refusing to start with weak secrets:\n"
            + "\n".join(lines)
            + f"\nMake each one with: {HOW_TO_MAKE}"
        )
        self.weak = weak


def is_embedded_demo(settings: Settings) -> bool:
    """The demo backend with no messenger: only the console and 127.0.0.1 reach it."""
    return (
        settings.backend == "demo"
        and settings.telegram_token is None
        and settings.viber_token is None
    )


def _weakness(value: str) -> str | None:
    text = value.strip()
    if text.lower() in PLACEHOLDERS or len(set(text)) <= 1:
        return "is a placeholder, not a secret"
    if len(text.encode()) < MIN_SECRET_BYTES:
        return f"is shorter than {MIN_SECRET_BYTES} bytes"
    return None


def _secrets(settings: Settings) -> dict[str, SecretStr | None]:
    secrets = {
        "KESCO_LINK_SECRET": settings.link_secret,
        "KESCO_LINK_SECRET_PREVIOUS": settings.link_secret_previous,
        "KESCO_EVENTS_SECRET": settings.events_secret,
        "KESCO_ADMIN_TOKEN": settings.admin_token,
    }
    secrets["KESCO_TELEGRAM_WEBHOOK_SECRET"] = settings.telegram_webhook_secret
    return secrets


def weak_secrets(settings: Settings) -> list[WeakSecret]:
    """Every secret setting that is set and weak (empty in the embedded demo)."""
    if is_embedded_demo(settings):
        return []
    weak = []
    for name, secret in _secrets(settings).items():
        if secret is None:
            continue
        reason = _weakness(secret.get_secret_value())
        if reason:
            weak.append(WeakSecret(name, reason))
    return weak


def check_secrets(settings: Settings) -> None:
    """Raise :class:`WeakSecrets` when a secret setting is weak (outside the embedded demo)."""
    weak = weak_secrets(settings)
    if weak:
        raise WeakSecrets(weak)
