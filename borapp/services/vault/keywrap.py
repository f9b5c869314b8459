"""The vault's key file: the random data key, wrapped once per way in (passphrase, recovery key).

Each wrap derives a key-encryption key with scrypt from its own salt and parameters (recorded in the wrap, so cheaper
test parameters or stronger future ones open the same way) and wraps the data key with AES key wrap (RFC 3394),
whose integrity check tells a wrong passphrase apart from anything else.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import os
import secrets
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.keywrap import InvalidUnwrap, aes_key_unwrap, aes_key_wrap

from borapp.i18n import _
from borapp.services.errors import UsageError

FORMAT = "borapp-keys/1"
# About 0.5–1 s and 128 MiB on a current laptop.
STRONG_KDF = {"name": "scrypt", "n": 2**17, "r": 8, "p": 2}
# Test-only: set BORAPP_TEST_FAST_KDF=1 to create vaults that open in milliseconds. Never for real vaults.
FAST_KDF = {"name": "scrypt", "n": 2**10, "r": 8, "p": 1}
_RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread


class KeyFileError(Exception):
    """The key file is missing, unreadable or not in our format."""


def default_kdf() -> dict:
    """The strong KDF; the cheap one only inside the test suite (BORAPP_TEST_FAST_KDF=1 while pytest runs a test).
    Outside it the variable is refused rather than silently making a vault whose passphrase is easy to guess."""
    if os.environ.get("BORAPP_TEST_FAST_KDF") == "1":
        if "PYTEST_CURRENT_TEST" not in os.environ:
            raise UsageError(_("BORAPP_TEST_FAST_KDF is for the test suite only: it would make the passphrase easy "
                               "to guess. Unset it, then try again."))
        return dict(FAST_KDF)
    return dict(STRONG_KDF)


def is_weak(kdf: dict) -> bool:
    """A wrap made with less work than the strong KDF (a test vault, or one made with the test setting)."""
    return int(kdf.get("n", 0)) * int(kdf.get("r", 0)) * int(kdf.get("p", 0)) < \
        STRONG_KDF["n"] * STRONG_KDF["r"] * STRONG_KDF["p"]


def _derive(secret: str, kdf: dict, salt: bytes) -> bytes:
    if kdf.get("name") != "scrypt":
        raise KeyFileError(f"unknown KDF {kdf.get('name')!r}")
    n, r, p = int(kdf["n"]), int(kdf["r"]), int(kdf["p"])
    # NFC: the same accented passphrase typed on a Mac and on Windows must give the same key.
    secret = unicodedata.normalize("NFC", secret)
    return hashlib.scrypt(secret.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=256 * n * r * p + 2**24, dklen=32)


@dataclass
class Wrap:
    kind: str  # "passphrase" or "recovery"
    kdf: dict
    salt: bytes
    wrapped: bytes
    made: dt.datetime | None = None  # local time the wrap was made; None in key files from before it was kept

    @classmethod
    def make(cls, kind: str, secret: str, data_key: bytes, kdf: dict | None = None) -> Wrap:
        kdf = kdf or default_kdf()
        salt = secrets.token_bytes(16)
        return cls(kind, kdf, salt, aes_key_wrap(_derive(secret, kdf, salt), data_key),
                   dt.datetime.now().replace(microsecond=0))

    def unwrap(self, secret: str) -> bytes | None:
        try:
            return aes_key_unwrap(_derive(secret, self.kdf, self.salt), self.wrapped)
        except InvalidUnwrap:
            return None

    def to_json(self) -> dict:
        b64 = base64.b64encode
        data = {"kind": self.kind, "kdf": self.kdf, "salt": b64(self.salt).decode(), "wrapped": b64(self.wrapped).decode()}
        if self.made:
            data["made"] = self.made.isoformat(timespec="seconds")
        return data

    @classmethod
    def from_json(cls, data: dict) -> Wrap:
        """Raises ValueError, KeyError or TypeError for anything a damaged key file could hold."""
        b64 = base64.b64decode
        made = dt.datetime.fromisoformat(data["made"]) if data.get("made") else None
        wrap = cls(data["kind"], _checked_kdf(data["kdf"]), b64(data["salt"]), b64(data["wrapped"]), made)
        if len(wrap.wrapped) != 40:  # a wrapped 32-byte key
            raise ValueError("wrapped key has the wrong length")
        return wrap


def _checked_kdf(kdf: dict) -> dict:
    """The KDF parameters as stored, refused when scrypt could not run with them (or would need over 512 MiB)."""
    kdf = dict(kdf)
    if kdf.get("name") != "scrypt":
        raise ValueError(f"unknown KDF {kdf.get('name')!r}")
    n, r, p = int(kdf["n"]), int(kdf["r"]), int(kdf["p"])
    if n < 2 or n & (n - 1) or r < 1 or p < 1 or 128 * n * r * p > 2**29:
        raise ValueError("KDF parameters out of range")
    return kdf


@dataclass
class KeyFile:
    wraps: list[Wrap]

    def unwrap(self, kind: str, secret: str) -> bytes | None:
        for wrap in self.wraps:
            if wrap.kind == kind and (key := wrap.unwrap(secret)) is not None:
                return key
        return None

    def made(self, kind: str) -> dt.datetime | None:
        """When the `kind` wrap was made (the recovery key's day, as its sheet says), if the key file knows."""
        return next((w.made for w in self.wraps if w.kind == kind), None)

    def replace(self, new: Wrap) -> KeyFile:
        return KeyFile([w for w in self.wraps if w.kind != new.kind] + [new])

    def to_bytes(self) -> bytes:
        return json.dumps({"format": FORMAT, "wraps": [w.to_json() for w in self.wraps]}, indent=1).encode()

    @classmethod
    def from_bytes(cls, raw: bytes) -> KeyFile:
        try:
            data = json.loads(raw)
            if data.get("format") != FORMAT:
                raise KeyFileError("not a BOR Desk key file")
            wraps = [Wrap.from_json(w) for w in data["wraps"]]
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise KeyFileError(str(exc)) from exc
        if not wraps:
            raise KeyFileError("no wrapped keys")
        return cls(wraps)

    @classmethod
    def read(cls, path: Path) -> KeyFile:
        try:
            return cls.from_bytes(path.read_bytes())
        except OSError as exc:
            raise KeyFileError(str(exc)) from exc

    def write(self, path: Path) -> None:
        """Atomic: the old file stays whole until the new one is on disk."""
        write_atomically(path, self.to_bytes())


def write_atomically(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".new")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def new_data_key() -> bytes:
    return secrets.token_bytes(32)


def new_recovery_key() -> str:
    """Twenty-five characters in five groups (~125 bits), easy to write down and type back."""
    chars = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(25))
    return "-".join(chars[i:i + 5] for i in range(0, 25, 5))


def normalise_recovery_key(text: str) -> str:
    chars = "".join(c for c in text.upper() if c.isalnum())
    return "-".join(chars[i:i + 5] for i in range(0, len(chars), 5))
