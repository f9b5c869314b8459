"""Shared fixtures: a fresh vault per test through the production code path, headless Qt, cheap KDF."""

from __future__ import annotations

import os
import sys

import pytest

os.environ.setdefault("BORAPP_TEST_FAST_KDF", "1")  # documented test-only setting: cheap scrypt for new vaults
if "--onscreen" not in sys.argv:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.pop("BORAPP_PASSPHRASE", None)
os.environ.pop("BORAPP_NEW_PASSPHRASE", None)
os.environ.pop("BORAPP_RECOVERY_KEY", None)

PASSPHRASE = "correct horse battery"


def pytest_addoption(parser):
    parser.addoption("--onscreen", action="store_true", help="show Qt windows instead of running offscreen")


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_teardown(item):
    """A window a test leaves on the recovery-key page asks "Quit without the recovery key?" when pytest-qt closes it
    (before the fixtures' teardown), and nobody would answer: at teardown it quits. The question itself is tested
    while the test runs (test_gui_recovery_key_quit)."""
    if "borapp.ui.unlock.recovery_key_page" not in sys.modules:  # no window made: nothing to close
        return (yield)
    page = sys.modules["borapp.ui.unlock.recovery_key_page"].RecoveryKeyPage
    asking = page.ask_quit_without_key
    page.ask_quit_without_key = lambda self: True
    try:
        return (yield)
    finally:
        page.ask_quit_without_key = asking


@pytest.fixture(autouse=True)
def _dutch():
    from borapp.i18n import set_language

    set_language("nl")
    yield
    set_language("nl")


@pytest.fixture
def vault_path(tmp_path):
    return tmp_path / "vault" / "vault.bordb"


@pytest.fixture
def vault(vault_path):
    from borapp.services.vault.vault import Vault

    v, _recovery = Vault.create(vault_path, PASSPHRASE)
    yield v
    v.lock()


@pytest.fixture
def passphrase_file(tmp_path):
    path = tmp_path / "passphrase.txt"
    path.write_text(PASSPHRASE + "\n", encoding="utf-8")
    return path


@pytest.fixture
def workspace(vault):
    """An unlocked vault with a coordinator working, as the GUI has it after unlocking."""
    from borapp.services.vault.workspace import Workspace, add_coordinator

    return Workspace(vault, add_coordinator(vault, "Test Coördinator"))


@pytest.fixture(autouse=True)
def _isolated_qsettings(tmp_path, monkeypatch):
    """QSettings (window geometry, UI language) go to a temporary folder, never the developer's own."""
    try:
        from PySide6.QtCore import QSettings
    except ImportError:  # pragma: no cover
        yield
        return
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    yield
