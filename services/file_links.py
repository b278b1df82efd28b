"""Signed, short-lived addresses of the files the bot serves itself (a bill as a PDF, a
consumption chart as a PNG), for messengers that fetch a file from a public URL instead of
taking an upload (Viber).

An address is ``{KESCO_PUBLIC_URL}/files/bills/{CODE}/{YYYY-MM}.pdf?expires=<unix>&sig=<mac>``:
``<mac>`` is the first 16 bytes of HMAC-SHA256(``KESCO_LINK_SECRET``,
``kesco-file|bills/{CODE}/{YYYY-MM}.pdf|<expires>``) in unpadded base64url, the same secret
and rotation (``KESCO_LINK_SECRET_PREVIOUS`` through ``..._UNTIL``) as the signed links on
bills, with its own prefix so that neither signature stands for the other. A chart's address
is ``.../files/usage/{CODE}/{language}.png?...``, signed the same way over its own path.
Whoever has the address may fetch the file until it expires (:data:`DEFAULT_VALID`): it is
given only to a chat that holds the bill, and only for a few minutes.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from urllib.parse import quote

from locales.languages import CODES
from services.backend.base import PERIOD_PATTERN
from services.customer_codes import parse_customer_code
from services.deep_links import MAC_BYTES, kosovo_today

DEFAULT_VALID = timedelta(minutes=15)
MAX_VALID = timedelta(days=1)


@dataclass(frozen=True)
class FileLinks:
    """Signs and checks the addresses of files the bot serves. Without a ``public_url`` or a
    ``secret`` it makes none (:attr:`enabled` is false) and accepts none."""

    public_url: str | None = None
    secret: str | None = None
    previous_secret: str | None = None
    previous_until: date | None = None
    valid: timedelta = DEFAULT_VALID

    @property
    def enabled(self) -> bool:
        return bool(self.public_url and self.secret)

    @staticmethod
    def bill_path(code: str, period: str) -> str:
        return f"bills/{code}/{period}.pdf"

    @staticmethod
    def usage_path(code: str, language: str) -> str:
        return f"usage/{code}/{language}.png"

    def bill_url(self, code: str, period: str, now: datetime) -> str | None:
        """The signed address of the bill of ``period`` of ``code``, valid from ``now`` for
        :attr:`valid`; None when file links are not configured."""
        if not PERIOD_PATTERN.fullmatch(period):
            return None
        return self._url(self.bill_path(code, period), now)

    def usage_url(self, code: str, language: str, now: datetime) -> str | None:
        """The signed address of the consumption chart of ``code`` drawn in ``language``."""
        if language not in CODES:
            return None
        return self._url(self.usage_path(code, language), now)

    def check_bill(
        self, code: str, period: str, expires: str, signature: str, now: datetime
    ) -> bool:
        """Whether a request for the bill of ``period`` of ``code`` carries a signature made
        here (with the current or, while rotating, the previous secret) that has not expired."""
        if not PERIOD_PATTERN.fullmatch(period):
            return False
        return self._check(code, self.bill_path(code, period), expires, signature, now)

    def check_usage(
        self, code: str, language: str, expires: str, signature: str, now: datetime
    ) -> bool:
        """Whether a request for the chart of ``code`` in ``language`` is signed and current."""
        if language not in CODES:
            return False
        return self._check(code, self.usage_path(code, language), expires, signature, now)

    def _url(self, path: str, now: datetime) -> str | None:
        if not self.enabled or self.secret is None:
            return None
        expires = int((now + min(self.valid, MAX_VALID)).timestamp())
        mac = _mac(self.secret, path, expires)
        root = (self.public_url or "").rstrip("/")
        return f"{root}/files/{quote(path)}?expires={expires}&sig={mac}"

    def _check(self, code: str, path: str, expires: str, signature: str, now: datetime) -> bool:
        if not self.secret:
            return False
        parsed = parse_customer_code(code).code
        if parsed is None or str(parsed) != code or not expires.isdigit() or len(expires) > 12:
            return False
        moment = int(expires)
        if moment < now.timestamp() or moment > (now + MAX_VALID).timestamp():
            return False
        keys = [self.secret]
        if (
            self.previous_secret
            and self.previous_until
            and kosovo_today(now) <= self.previous_until
        ):
            keys.append(self.previous_secret)
        return any(
            hmac.compare_digest(signature.encode(), _mac(key, path, moment).encode())
            for key in keys
        )


def _mac(secret: str, path: str, expires: int) -> str:
    message = f"kesco-file|{path}|{expires}".encode()
    digest = hmac.new(secret.encode(), message, hashlib.sha256).digest()[:MAC_BYTES]
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
