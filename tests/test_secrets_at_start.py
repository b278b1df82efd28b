"""``kesco-bot run`` refuses weak secrets (issue 21): shorter than 32 bytes or a placeholder,
naming the setting and never its value; the embedded demo is exempt; a rotated link secret is
still accepted for verifying links until its grace date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.cli.main import main
from bot.secrets_check import MIN_SECRET_BYTES, WeakSecrets, check_secrets, weak_secrets
from bot.settings import Settings
from services.deep_links import BillLinkStatus, DeepLinks

GOOD = "k3VYw2m9QpZ1rT8sX4uB7nL0aH6cJ5dE-fG_iMoPqR"
OTHER_GOOD = "Zx9Qw8Er7Ty6Ui5Op4As3Df2Gh1Jk0Lz-Xc_VbNm12"
SECRETS = (
    "KESCO_LINK_SECRET",
    "KESCO_EVENTS_SECRET",
    "KESCO_ADMIN_TOKEN",
    "KESCO_TELEGRAM_WEBHOOK_SECRET",
)


@pytest.fixture
def live_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    """A configuration that is not the embedded demo (a Telegram token), in an empty folder."""
    monkeypatch.chdir(tmp_path)
    for name in (*SECRETS, "KESCO_VIBER_TOKEN", "KESCO_LINK_SECRET_PREVIOUS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("KESCO_TELEGRAM_TOKEN", "123456:ABC-fake")
    monkeypatch.setenv("KESCO_DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'never.db'}")
    return monkeypatch


@pytest.mark.parametrize("name", SECRETS)
@pytest.mark.parametrize("value", ["q7zk", "k", "x" * 31, "...", "change-me", "a" * 40])
def test_run_stops_on_a_weak_secret_naming_the_setting(
    live_env: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    name: str,
    value: str,
) -> None:
    live_env.setenv(name, value)
    assert main(["run"]) == 2
    err = capsys.readouterr().err
    assert name in err
    assert "secrets.token_urlsafe(32)" in err
    if len(value) > 1 and value not in ("...",):
        assert value not in err.replace(name, "")
    assert not (tmp_path / "never.db").exists(), "nothing may start before the check"


def test_every_weak_secret_is_named_at_once(live_env: pytest.MonkeyPatch) -> None:
    for name in SECRETS:
        live_env.setenv(name, "tiny9Q")
    with pytest.raises(WeakSecrets) as raised:
        check_secrets(Settings())
    assert [weak.setting for weak in raised.value.weak] == [
        "KESCO_LINK_SECRET",
        "KESCO_EVENTS_SECRET",
        "KESCO_ADMIN_TOKEN",
        "KESCO_TELEGRAM_WEBHOOK_SECRET",
    ]
    assert "tiny9Q" not in str(raised.value)


def test_strong_secrets_pass(live_env: pytest.MonkeyPatch) -> None:
    for name in SECRETS:
        live_env.setenv(name, GOOD)
    assert weak_secrets(Settings()) == []
    assert len(GOOD.encode()) >= MIN_SECRET_BYTES


def test_unset_secrets_pass_and_the_random_webhook_secret_is_strong(
    live_env: pytest.MonkeyPatch,
) -> None:
    assert weak_secrets(Settings()) == []


def test_the_embedded_demo_is_exempt(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("KESCO_TELEGRAM_TOKEN", "KESCO_VIBER_TOKEN", "KESCO_BACKEND"):
        monkeypatch.delenv(name, raising=False)
    settings = Settings(link_secret="demo", events_secret="k", admin_token="admin")
    assert weak_secrets(settings) == []
    live = Settings(link_secret="demo", viber_token="viber-token")
    assert [weak.setting for weak in weak_secrets(live)] == ["KESCO_LINK_SECRET"]
    http = Settings(backend="http", backend_url="http://b", events_secret="k")
    assert [weak.setting for weak in weak_secrets(http)] == ["KESCO_EVENTS_SECRET"]


def test_a_weak_previous_link_secret_is_refused_too(live_env: pytest.MonkeyPatch) -> None:
    live_env.setenv("KESCO_LINK_SECRET", GOOD)
    live_env.setenv("KESCO_LINK_SECRET_PREVIOUS", "old")
    live_env.setenv("KESCO_LINK_SECRET_PREVIOUS_UNTIL", "2027-01-31")
    assert [weak.setting for weak in weak_secrets(Settings())] == ["KESCO_LINK_SECRET_PREVIOUS"]


def test_the_previous_secret_needs_an_end_date(live_env: pytest.MonkeyPatch) -> None:
    live_env.setenv("KESCO_LINK_SECRET", GOOD)
    live_env.setenv("KESCO_LINK_SECRET_PREVIOUS", OTHER_GOOD)
    with pytest.raises(ValidationError, match="KESCO_LINK_SECRET_PREVIOUS_UNTIL"):
        Settings()


def test_rotation_keeps_old_links_working_until_the_grace_date(
    live_env: pytest.MonkeyPatch,
) -> None:
    today = date(2026, 12, 7)
    old = DeepLinks(secret=OTHER_GOOD).bill_links("DPR100001", date(2027, 2, 1), today)
    live_env.setenv("KESCO_LINK_SECRET", GOOD)
    live_env.setenv("KESCO_LINK_SECRET_PREVIOUS", OTHER_GOOD)
    live_env.setenv("KESCO_LINK_SECRET_PREVIOUS_UNTIL", "2026-12-31")
    links = Settings().deep_links()
    assert links.read_bill(old.payload, today).status is BillLinkStatus.VALID
    assert links.read_bill(old.payload, date(2026, 12, 31)).status is BillLinkStatus.VALID
    after = links.read_bill(old.payload, date(2027, 1, 1))
    assert after.status is BillLinkStatus.BAD_SIGNATURE
    new = links.bill_links("DPR100001", date(2027, 2, 1), today)
    assert new.payload != old.payload, "new links are signed with the current secret"
    assert DeepLinks(secret=GOOD).read_bill(new.payload, today).status is BillLinkStatus.VALID
    without = DeepLinks(secret=GOOD)
    assert without.read_bill(old.payload, today).status is BillLinkStatus.BAD_SIGNATURE
