"""Device tokens and one-time enrolment codes: random, shown once, kept only as a hash."""

from __future__ import annotations

import hashlib
import secrets

# No 0/O, 1/I/L, so a code read aloud or typed from paper is not mistaken; 16 characters = 80 bits.
_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_token() -> str:
    return secrets.token_urlsafe(32)


def new_code() -> str:
    chars = "".join(secrets.choice(_ALPHABET) for _ in range(16))
    return "-".join(chars[i:i + 4] for i in range(0, 16, 4))


def normal_code(code: str) -> str:
    """The code as typed, without spaces or dashes, upper case."""
    return "".join(c for c in code.upper() if c.isalnum())


def digest(secret: str) -> str:
    """SHA-256 is enough here: tokens and codes are long random strings, not passwords."""
    return hashlib.sha256(secret.encode()).hexdigest()
