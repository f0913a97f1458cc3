"""Password hashing with Argon2id (argon2-cffi's defaults follow RFC 9106)."""

from __future__ import annotations

import hashlib

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from core.i18n import gettext as _

_hasher = PasswordHasher()

MIN_LENGTH = 10


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    """Whether ``password`` matches; an account without a password never matches."""
    if not stored_hash:
        _hasher.hash(password)  # same cost either way, so timing does not tell
        return False
    try:
        return _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    """Whether the hash was made with weaker parameters than today's (rehash on login)."""
    return _hasher.check_needs_rehash(stored_hash)


def fingerprint(stored_hash: str | None) -> str:
    """A short digest of the password hash: sessions and reset links carry it, so both
    stop working once the password changes."""
    return hashlib.sha256((stored_hash or "").encode()).hexdigest()[:16]


def password_problems(password: str) -> list[str]:
    """Why a new password is refused (empty when it is acceptable)."""

    if len(password) < MIN_LENGTH:
        return [_("Use at least %(n)d characters.", n=MIN_LENGTH)]
    return []
