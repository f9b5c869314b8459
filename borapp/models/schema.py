"""Schema versions under Alembic: where the scripts are, which revision a vault has, and upgrading it.

Alembic is imported where it is used: importing it and reading its scripts costs about 0.1 s, and opening a vault
that is up to date (every unlock, `borapp check`) needs none of it. So the newest revision is written down here as
HEAD (a test holds it to the scripts) and a vault's revision is read with one SELECT."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
HEAD = "0044"  # the newest script in migrations/versions: a new migration changes this line too


def _config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head() -> str:
    return HEAD


def scripts_head() -> str:
    """The newest revision as Alembic reads it from the scripts (what HEAD must say)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config()).get_current_head()


def current(engine: Engine) -> str | None:
    """The vault's revision, None when it has none."""
    from borapp.models.db import driver_connection

    with driver_connection(engine) as raw:
        return revision_of(raw)


def revision_of(conn) -> str | None:
    """The revision in Alembic's own table, read from a DB-API connection as Alembic's MigrationContext reads it;
    None when there is none."""
    found = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'").fetchone()
    row = conn.execute("SELECT version_num FROM alembic_version").fetchone() if found else None
    return row[0] if row else None


def is_known(revision: str) -> bool:
    """Exactly one of our revisions (Alembic's own lookup would also accept a prefix such as '0')."""
    from alembic.script import ScriptDirectory

    return revision in {script.revision for script in ScriptDirectory.from_config(_config()).walk_revisions()}


def upgrade(engine: Engine) -> None:
    from alembic import command

    cfg = _config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
