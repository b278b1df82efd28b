"""Password hashing (Argon2id) and random tokens stored only as their SHA-256."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


@cache
def _dummy_hash() -> str:
    """A hash of a random password: checking against it costs as much as a real check, so an
    unknown username takes as long to refuse as a wrong password."""
    return _hasher.hash(secrets.token_urlsafe(16))


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True when ``password`` matches; always spends one Argon2 verification."""
    try:
        return _hasher.verify(password_hash or _dummy_hash(), password) and bool(password_hash)
    except (VerificationError, InvalidHashError):
        return False


def new_token(prefix: str = "") -> str:
    return prefix + secrets.token_urlsafe(32)


def new_code(length: int = 8) -> str:
    """A short one-time code people can type (no 0/O, 1/I)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _i in range(length))


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def fingerprint(secret: str) -> str:
    """A fingerprint of a secret (the admin token) to keep instead of it: an HMAC-SHA256 keyed
    with the secret over a fixed label. It tells whether the secret changed and gives nothing
    that would sign in."""
    return hmac.new(
        secret.encode(), b"kesco staff session of the admin token", "sha256"
    ).hexdigest()


def same(a: str, b: str) -> bool:
    return secrets.compare_digest(a.encode(), b.encode())
