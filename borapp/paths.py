"""Where the vault lives by default: the platform's local app-data folder (never a synced one)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_FOLDER = "BOR Desk"
VAULT_NAME = "vault.bordb"


def app_data_dir() -> Path:
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / APP_FOLDER


def default_vault_path() -> Path:
    return Path(os.environ.get("BORAPP_VAULT") or app_data_dir() / VAULT_NAME)
