"""Deep links into the bot: ``t.me/<bot>?start=...`` and ``viber://pa?chatURI=...&context=...``.

A *signed bill link* carries a customer code and an HMAC-SHA256 keyed with
``KESCO_LINK_SECRET`` (the supplier prints it on the bill, as a QR code): opening it links the
code with no amount to type, since only the holder of the bill has it. Its payload is
``<CODE>_<expiry>_<mac>`` in Telegram's start-parameter alphabet ``[A-Za-z0-9_-]``, at most 64
characters (41 for the longest code):

- ``<CODE>``: the normalised customer code (``DPR100001``);
- ``<expiry>``: the last day the link works (Kosovo time) as days since 1970-01-01 in base 36,
  or ``0`` for a link that does not expire;
- ``<mac>``: the first 16 bytes of HMAC-SHA256(secret, ``kesco-bill-link|<CODE>|<expiry>``), in
  unpadded base64url (22 characters). After the links of a code were revoked ``g`` times
  (:mod:`services.link_grants`: by staff, by a holder removing a chat, or when the account
  changed hands) the message ends in ``|<g>``: the links signed before no longer match, and are
  recognised as revoked (:attr:`BillLinkStatus.REVOKED`). The printed form does not change.

A payload with a wrong signature is read as the plain code (linking then asks for the amount).
While the secret is being rotated, links signed with the previous one
(``KESCO_LINK_SECRET_PREVIOUS``) are still accepted through ``KESCO_LINK_SECRET_PREVIOUS_UNTIL``;
new links are always signed with the current one.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum
from urllib.parse import quote
from zoneinfo import ZoneInfo

from services.customer_codes import parse_customer_code

KOSOVO = ZoneInfo("Europe/Belgrade")
EPOCH = date(1970, 1, 1)
MAX_PAYLOAD = 64
MAC_BYTES = 16
NEVER = "0"
DEFAULT_VALID_DAYS = 62
_BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz"


class BillLinkStatus(Enum):
    """What a payload turned out to be."""

    VALID = "valid"
    EXPIRED = "expired"
    REVOKED = "revoked"
    BAD_SIGNATURE = "bad_signature"
    NOT_SIGNED = "not_signed"


@dataclass(frozen=True)
class BillLinkCheck:
    """The result of reading a payload: its status and the customer code it names, if any."""

    status: BillLinkStatus
    code: str | None = None
    valid_until: date | None = None
    key: str | None = None
    """What tells this link from every other link of the code (its signature)."""


@dataclass(frozen=True)
class MessengerLink:
    """A deep link into the bot in one messenger (``channel`` is the registry's name)."""

    channel: str
    url: str


@dataclass(frozen=True)
class BillLinks:
    """The signed deep links of one customer code, for printing on its bill."""

    code: str
    payload: str
    valid_until: date | None
    links: tuple[MessengerLink, ...]

    def url(self, channel: str) -> str | None:
        return next((link.url for link in self.links if link.channel == channel), None)

    @property
    def telegram(self) -> str | None:
        return self.url("telegram")

    @property
    def viber(self) -> str | None:
        return self.url("viber")


class _Default(Enum):
    DEFAULT = "default"


DEFAULT = _Default.DEFAULT
"""``valid_until`` of :meth:`DeepLinks.bill_links`: ``valid_days`` from today."""


class LinkSecretMissing(RuntimeError):
    """Signed links were asked for while ``KESCO_LINK_SECRET`` is not set."""


class InvalidExpiry(ValueError):
    """A link's end date is before today or too far ahead (:data:`MAX_VALID`)."""


MAX_VALID = timedelta(days=5 * 366)  # a printed bill is not kept longer than this
REVOKED_LOOKBACK = 64  # how many earlier generations a revoked link is still recognised in


def _base36(number: int) -> str:
    digits = ""
    while True:
        number, rest = divmod(number, 36)
        digits = _BASE36[rest] + digits
        if number == 0:
            return digits


def _expiry(valid_until: date | None) -> str:
    if valid_until is None:
        return NEVER
    days = (valid_until - EPOCH).days
    if not 1 <= days < 36**4:  # what four base-36 digits hold, after 1970-01-01
        raise InvalidExpiry(f"a link cannot end on {valid_until.isoformat()}")
    return _base36(days)


def check_valid_until(valid_until: date | None, today: date) -> None:
    """Raise :class:`InvalidExpiry` unless ``valid_until`` is from ``today`` to
    ``today + MAX_VALID`` (``None``, never, is the caller's decision)."""
    if valid_until is None:
        return
    if valid_until < today:
        raise InvalidExpiry(f"valid_until {valid_until.isoformat()} is before today")
    if valid_until > today + MAX_VALID:
        raise InvalidExpiry(f"valid_until is more than {MAX_VALID.days} days ahead")


def _read_expiry(text: str) -> date | None | bool:
    """The date of an expiry field, None for "never", False when it is not one."""
    if text == NEVER:
        return None
    if not 1 <= len(text) <= 4 or any(c not in _BASE36 for c in text) or text[0] == "0":
        return False
    return EPOCH + timedelta(days=int(text, 36))


def _date_or_none(text: str) -> date | None:
    return date.fromisoformat(text.strip()) if text.strip() else None


def kosovo_today(now: datetime | None = None) -> date:
    return (now or datetime.now(KOSOVO)).astimezone(KOSOVO).date()


class DeepLinks:
    """Makes deep links into the bot, and signs and checks the links printed on bills.

    ``telegram_bot`` is the bot's username (``KESCO_TELEGRAM_BOT_USERNAME``), ``viber_chat_uri``
    its Viber chat URI (``KESCO_VIBER_CHAT_URI``): a messenger without one gets no link.
    ``valid_days`` is how long a new bill link works by default (``KESCO_LINK_VALID_DAYS``;
    ``0`` or ``None``: it does not expire).
    """

    def __init__(
        self,
        *,
        secret: str | None = None,
        previous_secret: str | None = None,
        previous_until: date | None = None,
        telegram_bot: str | None = None,
        viber_chat_uri: str | None = None,
        valid_days: int | None = DEFAULT_VALID_DAYS,
    ) -> None:
        self._secret = secret.encode() if secret else None
        self._previous = previous_secret.encode() if previous_secret and secret else None
        self.previous_until = previous_until
        self.telegram_bot = (telegram_bot or "").strip().lstrip("@") or None
        self.viber_chat_uri = (viber_chat_uri or "").strip() or None
        self.valid_days = valid_days or None

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] | None = None) -> DeepLinks:
        """From the ``KESCO_*`` variables, for a program that uses the service layer alone."""
        env = os.environ if environ is None else environ
        days = env.get("KESCO_LINK_VALID_DAYS", "").strip()
        return cls(
            secret=env.get("KESCO_LINK_SECRET") or None,
            previous_secret=env.get("KESCO_LINK_SECRET_PREVIOUS") or None,
            previous_until=_date_or_none(env.get("KESCO_LINK_SECRET_PREVIOUS_UNTIL", "")),
            telegram_bot=env.get("KESCO_TELEGRAM_BOT_USERNAME"),
            viber_chat_uri=env.get("KESCO_VIBER_CHAT_URI"),
            valid_days=int(days) if days else DEFAULT_VALID_DAYS,
        )

    @property
    def can_sign(self) -> bool:
        return self._secret is not None

    def urls(self, payload: str) -> tuple[MessengerLink, ...]:
        """The links that open the bot with ``payload``, one per configured messenger."""
        links = []
        if self.telegram_bot:
            links.append(
                MessengerLink("telegram", f"https://t.me/{self.telegram_bot}?start={payload}")
            )
        if self.viber_chat_uri:
            uri = quote(self.viber_chat_uri, safe="")
            links.append(MessengerLink("viber", f"viber://pa?chatURI={uri}&context={payload}"))
        return tuple(links)

    def default_valid_until(self, today: date | None = None) -> date | None:
        if self.valid_days is None:
            return None
        return (today or kosovo_today()) + timedelta(days=self.valid_days - 1)

    def _mac(self, code: str, expiry: str, generation: int = 0, secret: bytes | None = None) -> str:
        key = secret or self._secret
        if key is None:
            raise LinkSecretMissing("KESCO_LINK_SECRET is not set")
        suffix = f"|{generation}" if generation else ""
        message = f"kesco-bill-link|{code}|{expiry}{suffix}".encode()
        digest = hmac.new(key, message, hashlib.sha256).digest()[:MAC_BYTES]
        return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()

    def _keys(self, today: date) -> list[bytes]:
        keys = [self._secret] if self._secret else []
        if self._previous and self.previous_until and today <= self.previous_until:
            keys.append(self._previous)
        return keys

    def _matches(self, mac: str, code: str, expiry: str, generation: int, today: date) -> bool:
        return any(
            hmac.compare_digest(mac.encode(), self._mac(code, expiry, generation, key).encode())
            for key in self._keys(today)
        )

    def bill_payload(self, code: str, valid_until: date | None, generation: int = 0) -> str:
        """The signed payload for ``code`` (any typed form), working through ``valid_until``,
        for the code's current ``generation`` of links (:mod:`services.link_grants`)."""
        parsed = parse_customer_code(code)
        if parsed.code is None:
            raise ValueError(f"not a customer code: {code!r}")
        normal, expiry = str(parsed.code), _expiry(valid_until)
        payload = f"{normal}_{expiry}_{self._mac(normal, expiry, generation)}"
        assert len(payload) <= MAX_PAYLOAD
        return payload

    def bill_links(
        self,
        code: str,
        valid_until: date | None | _Default = DEFAULT,
        today: date | None = None,
        generation: int = 0,
    ) -> BillLinks:
        """The signed links of ``code``, working through ``valid_until`` (None: they never
        expire; by default ``valid_days`` from today). Raises :class:`InvalidExpiry` for an end
        before today or more than :data:`MAX_VALID` ahead."""
        until = self.default_valid_until(today) if valid_until is DEFAULT else valid_until
        assert until is None or isinstance(until, date)
        check_valid_until(until, today or kosovo_today())
        payload = self.bill_payload(code, until, generation)
        return BillLinks(payload.split("_", 1)[0], payload, until, self.urls(payload))

    def read_bill(
        self, payload: str, today: date | None = None, generation: int = 0
    ) -> BillLinkCheck:
        """Check a ``start`` parameter or Viber context that may be a signed bill link, against
        the code's current ``generation`` of links (a link of an earlier one is REVOKED)."""
        today = today or kosovo_today()
        parts = payload.split("_", 2)
        if len(parts) != 3 or len(payload) > MAX_PAYLOAD:
            return BillLinkCheck(BillLinkStatus.NOT_SIGNED)
        parsed = parse_customer_code(parts[0])
        if parsed.code is None or not parts[0].isalnum():
            return BillLinkCheck(BillLinkStatus.NOT_SIGNED)
        code, expiry, mac = str(parsed.code), parts[1], parts[2]
        until = _read_expiry(expiry)
        if until is False or self._secret is None or code != parts[0]:
            return BillLinkCheck(BillLinkStatus.BAD_SIGNATURE, code)
        assert until is None or isinstance(until, date)
        if not self._matches(mac, code, expiry, generation, today):
            earlier = range(max(0, generation - REVOKED_LOOKBACK), generation)
            if any(self._matches(mac, code, expiry, old, today) for old in earlier):
                return BillLinkCheck(BillLinkStatus.REVOKED, code, until, mac)
            return BillLinkCheck(BillLinkStatus.BAD_SIGNATURE, code)
        if until is not None and until < today:
            return BillLinkCheck(BillLinkStatus.EXPIRED, code, until, mac)
        return BillLinkCheck(BillLinkStatus.VALID, code, until, mac)
