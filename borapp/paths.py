"""Where things live: the vault by default in the platform's local app-data folder (never a synced one), and the
app's own read-only data (fonts, icons, catalogs) in a checkout, an installed wheel or a PyInstaller bundle."""

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


def data_dir() -> Path:
    """The folder holding `resources/` and `translations/`: the bundle's, the checkout's, or the installed wheel's
    (`<prefix>/share/borapp`, from the data-files in pyproject.toml)."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    checkout = Path(__file__).resolve().parent.parent
    if (checkout / "resources").is_dir():
        return checkout
    return Path(sys.prefix) / "share" / "borapp"
