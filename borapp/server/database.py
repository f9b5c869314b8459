"""Where the server's database is, and connections to it (psycopg 3, autocommit, explicit transactions)."""

from __future__ import annotations

import os

import psycopg

ENV_DATABASE = "BORAPP_SERVER_DATABASE"


def database_url(given: str | None) -> str | None:
    """The URL given on the command line, else the environment's (BORAPP_SERVER_DATABASE); None when neither."""
    return given or os.environ.get(ENV_DATABASE) or None


def connect(url: str) -> psycopg.Connection:
    """A connection in autocommit mode: every transaction is an explicit `with conn.transaction():`."""
    return psycopg.connect(url, autocommit=True)
