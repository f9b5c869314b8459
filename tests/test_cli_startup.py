"""`borapp --help` starts quickly: building the parser imports no command's services, models or heavy libraries
(the command modules import those in their handlers; choices kept in the models are looked up only when shown or
checked). Which modules load is asserted, not the time: the machine running the tests may be busy."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Each costs tens to hundreds of milliseconds to import; none is needed to list the commands and their options.
HEAVY = ("sqlalchemy", "sqlcipher3", "alembic", "faker", "reportlab", "openpyxl", "PIL", "PySide6", "httpx",
         "keyring", "fastapi", "uvicorn", "psycopg", "borapp.models", "borapp.services.vault",
         "borapp.services.demo", "borapp.services.importer", "borapp.services.outbox", "borapp.services.settings")


def imported_modules(*args: str) -> set[str]:
    """The modules `python -m borapp ARGS` imports, from Python's -X importtime report on stderr."""
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "borapp", *args], cwd=ROOT,
                            env=dict(os.environ), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "borapp" in result.stdout  # the help was printed
    names = set()
    for line in result.stderr.splitlines():
        if line.startswith("import time:") and line.count("|") == 2:
            names.add(line.rsplit("|", 1)[1].strip())
    assert "borapp.cli.parser" in names, result.stderr[-2000:]  # the report is what we think it is
    return names


@pytest.mark.parametrize("args", [("--help",), ("check", "--help"), ("--help", "--lang", "en")])
def test_help_imports_nothing_heavy(args):
    names = imported_modules(*args)
    heavy = sorted(name for name in names if any(name == h or name.startswith(h + ".") for h in HEAVY))
    assert heavy == [], f"borapp {' '.join(args)} imports {heavy}"


def test_the_app_without_a_screen_says_so_instead_of_aborting(tmp_path):
    """Qt printed English lines and aborted the process (exit 134) when `borapp` ran where there is no screen."""
    if sys.platform in ("win32", "darwin"):
        pytest.skip("these always have a screen")
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run([sys.executable, "-m", "borapp", "gui", "--vault", str(tmp_path / "v.bordb")], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2, result.stderr[-2000:]
    assert "heeft een scherm nodig" in result.stderr and "xvfb-run" in result.stderr
    assert not (tmp_path / "v.bordb").exists()
