"""A transaction at work on another thread when the vault locks (a sync applying what the office server sent, the
screen locked meanwhile) is rolled back: nothing is written to the vault once its key is gone."""

from __future__ import annotations

import threading

from sqlalchemy import func, select

from borapp.models import Municipality
from borapp.services.vault.vault import Vault
from tests.conftest import PASSPHRASE
from tests.helpers import lock_midway


def test_a_write_that_ends_after_the_lock_is_rolled_back(vault, vault_path):
    inside, go_on, ended = threading.Event(), threading.Event(), []

    def work():
        try:
            with vault.session() as session:
                session.add(Municipality(name="Na het vergrendelen"))
                session.flush()
                inside.set()
                go_on.wait(10)
            ended.append("committed")
        except Exception as exc:
            ended.append(type(exc).__name__)

    lock_midway(work, inside, go_on, vault.lock)
    assert ended == ["VaultLocked"]
    again = Vault.open(vault_path, PASSPHRASE)
    try:
        with again.session() as session:
            assert session.scalar(select(func.count()).where(Municipality.name == "Na het vergrendelen")) == 0
    finally:
        again.lock()


def test_a_write_before_the_lock_is_kept(vault, vault_path):
    with vault.session() as session:
        session.add(Municipality(name="Voor het vergrendelen"))
    vault.lock()
    again = Vault.open(vault_path, PASSPHRASE)
    try:
        with again.session() as session:
            assert session.scalar(select(func.count()).where(Municipality.name == "Voor het vergrendelen")) == 1
    finally:
        again.lock()
