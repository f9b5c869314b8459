"""Devices: added on the server with a one-time enrolment code (valid 24 hours), enrolled by the laptop for a
token (only its hash is kept), revoked when a laptop is lost (its token is then answered with `revoked` and
`wipe`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

import psycopg

from borapp.server import tokens

CODE_VALID = timedelta(hours=24)
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,59}$")


class DeviceError(Exception):
    """A device command that cannot be done; `reason` says which (the CLI words it for the user)."""

    def __init__(self, reason: str, name: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.name = name


@dataclass(frozen=True)
class Device:
    name: str
    enrolled: datetime | None
    revoked: bool
    created: datetime


def valid_name(name: str) -> bool:
    return bool(_NAME.match(name))


def add(conn: psycopg.Connection, name: str) -> tuple[str, datetime]:
    """A new device, or a new code for one that has not enrolled yet: (the one-time code, when it expires)."""
    if not valid_name(name):
        raise DeviceError("name", name)
    code = tokens.new_code()
    with conn.transaction():
        row = conn.execute("SELECT token_hash IS NOT NULL, revoked FROM devices WHERE name = %s FOR UPDATE",
                           (name,)).fetchone()
        if row is None:
            conn.execute("INSERT INTO devices (name) VALUES (%s)", (name,))
        elif row[1]:
            raise DeviceError("revoked", name)
        elif row[0]:
            raise DeviceError("exists", name)
        else:  # never enrolled: earlier codes give way to the new one
            conn.execute("DELETE FROM enrolment_codes WHERE device = %s", (name,))
        expires = conn.execute("INSERT INTO enrolment_codes (code_hash, device, expires) "
                               "VALUES (%s, %s, now() + %s) RETURNING expires",
                               (tokens.digest(tokens.normal_code(code)), name, CODE_VALID)).fetchone()[0]
    return code, expires


def listing(conn: psycopg.Connection) -> list[Device]:
    rows = conn.execute("SELECT name, enrolled, revoked, created FROM devices ORDER BY name").fetchall()
    return [Device(*row) for row in rows]


def revoke(conn: psycopg.Connection, name: str) -> None:
    with conn.transaction():
        row = conn.execute("UPDATE devices SET revoked = true WHERE name = %s RETURNING name", (name,)).fetchone()
        if row is None:
            raise DeviceError("unknown", name)
        conn.execute("DELETE FROM enrolment_codes WHERE device = %s AND used IS NULL", (name,))


def enrol(conn: psycopg.Connection, code: str) -> tuple[str, str] | None:
    """(token, device name) for a valid, unused, unexpired code; None otherwise. The code is used up. The name is
    the one the code was made for (`device add NAME`), whatever the laptop proposes."""
    token = tokens.new_token()
    with conn.transaction():
        row = conn.execute(
            "SELECT c.device FROM enrolment_codes c JOIN devices d ON d.name = c.device "
            "WHERE c.code_hash = %s AND c.used IS NULL AND c.expires > now() AND NOT d.revoked FOR UPDATE",
            (tokens.digest(tokens.normal_code(code)),)).fetchone()
        if row is None:
            return None
        name = row[0]
        conn.execute("UPDATE enrolment_codes SET used = now() WHERE device = %s AND used IS NULL", (name,))
        conn.execute("UPDATE devices SET token_hash = %s, enrolled = now() WHERE name = %s",
                     (tokens.digest(token), name))
    return token, name


def authenticate(conn: psycopg.Connection, token: str) -> tuple[str, bool] | None:
    """(device name, revoked) for a token, None for an unknown one."""
    row = conn.execute("SELECT name, revoked FROM devices WHERE token_hash = %s", (tokens.digest(token),)).fetchone()
    return (row[0], row[1]) if row else None
